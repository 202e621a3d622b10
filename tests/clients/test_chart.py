"""The staff client chart: identity, flags, referrals, visits, handouts, progress chart."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.handouts.models import Handout
from intake.notes.models import Addendum
from tests.factories import make_intake, make_note, make_referral


def chart(http, client):
    return http.get(reverse("client_chart", args=[client.pk]))


def test_it_shows_identity_flags_referral_visits_and_handouts(therapist_http, therapist, alice):
    make_intake(alice, flagged=True)
    referral = make_referral(alice, visits_authorized=4)
    make_note(alice, therapist, signed=True, referral=referral, visit_date=dt.date(2026, 1, 7))
    make_note(alice, therapist, referral=referral, visit_date=dt.date(2026, 1, 14))  # draft
    Handout.objects.create(client=alice, therapist=therapist, title="Sciatica home care")
    response = chart(therapist_http, alice)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Alice Anders" in body and "15 Jun 1975" in body and "555-0101" in body
    assert "History of cancer." in body
    assert 'data-testid="safety-level">See a physician first' in body
    assert "Dr. Paula Grant" in body
    assert "1 / 4 (3 left)" in body  # only the signed note counts as a visit
    assert "in 30 days" in body
    assert "7 Jan 2026" in body and "14 Jan 2026" in body
    assert "Sciatica home care" in body
    assert 'data-testid="outcome-chart"' in body
    assert reverse("note_new", args=[alice.pk]) in body
    assert reverse("handout_new", args=[alice.pk]) in body


def test_it_marks_an_expired_referral_as_unusable(therapist_http, alice):
    make_referral(
        alice,
        referral_date=timezone.localdate() - dt.timedelta(days=90),
        expires_on=timezone.localdate() - dt.timedelta(days=3),
    )
    body = chart(therapist_http, alice).content.decode()
    assert "(expired)" in body
    assert "cannot cover a visit" in body


def test_it_says_when_there_is_nothing_yet(therapist_http, bob):
    body = chart(therapist_http, bob).content.decode()
    assert "No submitted intake yet." in body
    assert "No visits recorded yet." in body
    assert "No scores recorded yet:" in body


def test_it_escapes_what_people_typed(therapist_http, therapist, alice):
    make_intake(alice, flagged=True, main_complaint="<b>bold</b>")
    Handout.objects.create(client=alice, therapist=therapist, title="<script>x</script>")
    body = chart(therapist_http, alice).content.decode()
    assert "<b>bold</b>" not in body and "&lt;b&gt;bold&lt;/b&gt;" in body
    assert "<script>x</script>" not in body


def test_it_audits_every_chart_view(therapist_http, alice):
    chart(therapist_http, alice)
    chart(therapist_http, alice)
    events = AuditEvent.objects.filter(action="view", client=alice, object_type="client")
    assert events.count() == 2


def _fill(client, therapist, count: int) -> None:
    referral = make_referral(client, visits_authorized=None)
    make_intake(client, flagged=True)
    for i in range(count):
        note = make_note(
            client,
            therapist,
            signed=True,
            referral=referral,
            visit_date=dt.date(2025, 1, 1) + dt.timedelta(days=7 * i),
        )
        Addendum.objects.create(note=note, author=therapist, text="late entry")
        Handout.objects.create(client=client, therapist=therapist, title=f"Handout {i}")


@pytest.mark.parametrize("count", [1, 12])
def test_it_uses_the_same_number_of_queries_for_any_number_of_visits(
    therapist_http, therapist, alice, django_assert_max_num_queries, count
):
    _fill(alice, therapist, count)
    # 12, the safety follow-ups, the outcome series, the clinic's own answers, the audit
    # chain's head (and its lock on PostgreSQL)
    with django_assert_max_num_queries(17):
        response = chart(therapist_http, alice)
    assert response.content.decode().count("late entry") == 0  # addenda are counted, not listed
    assert response.content.decode().count("+1 addendum") == count


def test_it_denies_anonymous_clients_and_missing(client, alice_http, therapist_http, alice):
    url = reverse("client_chart", args=[alice.pk])
    assert client.get(url).status_code == 302
    assert alice_http.get(url).status_code == 403
    assert therapist_http.post(url).status_code == 405
    assert therapist_http.get(reverse("client_chart", args=[999999])).status_code == 404


def test_it_lets_an_admin_read_the_chart(admin_http, alice):
    assert chart(admin_http, alice).status_code == 200


def test_it_links_the_record_export_and_the_outcome_series(therapist_http, alice):
    body = chart(therapist_http, alice).content.decode()
    assert reverse("fhir_client_bundle", args=[alice.pk]) in body
