"""Referral detail: admins manage, therapists read the status, clients never see it."""

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.factories import make_note, signed_note_for

pytestmark = pytest.mark.django_db


def url(referral) -> str:
    return reverse("referral_detail", kwargs={"referral_id": referral.pk})


def test_it_shows_visits_expiry_history_and_notes(admin_http, incoming, therapist):
    signed_note_for(incoming, therapist, pain_before=7)
    make_note(incoming.client, therapist, referral=incoming)  # a draft: listed, not counted
    response = admin_http.get(url(incoming))
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 of 6 visits left" in html
    assert "expires in 30 days" in html
    assert "draft (not counted)" in html
    assert 'data-testid="history"' in html and "received" in html
    assert "Change status" in html
    assert 'value="verified"' in html and 'value="active"' not in html


def test_it_writes_a_view_audit_event(admin_http, admin_user, incoming):
    admin_http.get(url(incoming))
    event = AuditEvent.objects.get(action="view", object_type="referral")
    assert (event.user, event.client_id, event.object_id) == (
        admin_user,
        incoming.client_id,
        str(incoming.pk),
    )


def test_it_is_read_only_for_therapists(therapist_http, incoming):
    response = therapist_http.get(url(incoming))
    assert response.status_code == 200
    html = response.content.decode()
    assert "6 of 6 visits left" in html
    assert "Change status" not in html
    assert "Attach" not in html
    assert reverse("referral_edit", kwargs={"referral_id": incoming.pk}) not in html


@pytest.mark.parametrize("who", ["alice_http", "bob_http"])
def test_it_refuses_clients_even_their_own(request, who, incoming):
    assert request.getfixturevalue(who).get(url(incoming)).status_code == 403


def test_it_sends_anonymous_users_to_log_in(client, incoming):
    assert client.get(url(incoming)).status_code == 302


def test_it_answers_404_for_an_unknown_referral(admin_http):
    response = admin_http.get(reverse("referral_detail", kwargs={"referral_id": 99999}))
    assert response.status_code == 404


def test_it_refuses_post(admin_http, incoming):
    assert admin_http.post(url(incoming)).status_code == 405
