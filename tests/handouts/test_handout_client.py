"""The client's own handout page (/me/handouts/<id>/): their handout only, once given."""

import pytest

from intake.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def url(handout) -> str:
    return f"/me/handouts/{handout.pk}/"


def test_it_shows_the_clients_handout_with_pictures_and_the_stop_box(alice_http, assigned_handout):
    response = alice_http.get(url(assigned_handout))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Buttock and back-of-leg pain: self-care" in body
    assert body.count("<svg") == assigned_handout.items.count()
    assert "Stop and seek care if" in body
    assert f"/me/handouts/{assigned_handout.pk}/pdf/" in body
    event = AuditEvent.objects.get(action="view", object_id=str(assigned_handout.pk))
    assert event.client_id == assigned_handout.client_id


def test_it_hides_other_clients_and_draft_handouts(alice_http, other_handout, handout):
    assert alice_http.get(url(other_handout)).status_code == 404
    assert alice_http.get(url(handout)).status_code == 404
    assert alice_http.get("/me/handouts/999999/").status_code == 404


def test_it_denies_anonymous_and_staff(client, therapist_http, assigned_handout):
    assert client.get(url(assigned_handout)).status_code == 302
    assert therapist_http.get(url(assigned_handout)).status_code == 403


def test_it_refuses_post(alice_http, assigned_handout):
    assert alice_http.post(url(assigned_handout)).status_code == 405


def test_it_links_the_handout_from_the_clients_page(alice_http, assigned_handout, handout):
    body = alice_http.get("/me/").content.decode()
    assert url(assigned_handout) in body
    assert url(handout) not in body  # a draft stays hidden
