"""A client's handouts for staff (/staff/clients/<id>/handouts/): drafts and handouts given,
newest first, in a constant number of queries; denied to everyone but staff."""

import pytest
from django.db import connection

from intake.audit.models import AuditEvent
from tests.factories import make_handout

pytestmark = pytest.mark.django_db


def url(client) -> str:
    return f"/staff/clients/{client.pk}/handouts/"


def test_it_lists_drafts_and_handouts_given_to_this_client_only(
    therapist_http, alice, therapist, library, other_handout
):
    draft = make_handout(alice, therapist, slugs=["walking", "chin-tuck"], title="Draft routine")
    given = make_handout(alice, therapist, slugs=["walking"], assigned=True, title="Given routine")
    response = therapist_http.get(url(alice))
    assert response.status_code == 200
    body = response.content.decode()
    assert [h.pk for h in response.context["handouts"]] == [given.pk, draft.pk]
    assert f"/staff/handouts/{draft.pk}/" in body and f"/staff/handouts/{given.pk}/" in body
    assert f"/staff/handouts/{other_handout.pk}/" not in body
    assert "Draft" in body and "Tess Healer" in body
    assert [h.exercise_count for h in response.context["handouts"]] == [1, 2]
    assert f'href="/staff/clients/{alice.pk}/handouts/new/"' in body
    assert AuditEvent.objects.filter(action="view", client=alice, detail="handouts").exists()


def test_it_says_when_there_are_none(therapist_http, alice):
    body = therapist_http.get(url(alice)).content.decode()
    assert 'data-testid="no-handouts"' in body


@pytest.mark.parametrize("count", [1, 10])
def test_it_lists_in_a_constant_number_of_queries(
    therapist_http, alice, therapist, library, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_handout(alice, therapist, slugs=["walking", "pelvic-tilt"])
    therapist_http.get(url(alice))
    # session, user, client, the audit event (its chain's last hash, the insert), handouts
    # (therapist joined, exercises counted)
    # audited: on PostgreSQL the audit chain's lock is one query more
    with django_assert_max_num_queries(6 + (connection.vendor == "postgresql")):
        response = therapist_http.get(url(alice))
    assert response.content.decode().count('data-testid="handout-row"') == count


def test_it_denies_anonymous_clients_and_wrong_methods(client, alice_http, therapist_http, alice):
    assert client.get(url(alice)).status_code == 302
    assert alice_http.get(url(alice)).status_code == 403
    assert therapist_http.post(url(alice)).status_code == 405
    assert therapist_http.get("/staff/clients/999999/handouts/").status_code == 404


def test_the_client_chart_links_to_all_the_clients_handouts(therapist_http, alice):
    html = therapist_http.get(f"/staff/clients/{alice.pk}/").content.decode()
    assert f'href="/staff/clients/{alice.pk}/handouts/" data-testid="chart-handouts-all"' in html
