"""The client's own intake list and printable summary, and the client home panel."""

import pytest
from django.db import connection
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.factories import make_intake

pytestmark = pytest.mark.django_db

LIST = reverse("my_intakes")


def mine(intake):
    return reverse("my_intake_summary", kwargs={"intake_id": intake.pk})


def test_it_lists_the_clients_drafts_and_submitted_intakes(alice_http, alice, bob):
    done = make_intake(alice)
    draft = make_intake(alice, submitted=False)
    other = make_intake(bob)
    html = alice_http.get(LIST).content.decode()
    assert mine(done) in html and "Draft (step 7 of 7)" in html
    assert f"/intake/{draft.pk}/step/7/" in html
    assert mine(other) not in html


@pytest.mark.parametrize("rows", [1, 10])
def test_it_lists_in_a_constant_number_of_queries(
    alice_http, alice, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        make_intake(alice)
    # audited: on PostgreSQL the audit chain's lock is one query more
    with django_assert_max_num_queries(9 + (connection.vendor == "postgresql")):
        assert alice_http.get(LIST).status_code == 200


def test_it_prints_the_clients_own_summary_and_audits_it(alice_http, alice):
    intake = make_intake(alice, marks=[("calf_r", ["burning"], 7)], pregnant=True)
    response = alice_http.get(mine(intake))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Right calf</td><td>Burning</td><td>7" in html
    assert 'class="bm-region bm-marked bm-symptom" data-region="calf_r"' in html
    assert AuditEvent.objects.filter(action="view", object_id=str(intake.pk)).exists()
    assert not AuditEvent.objects.filter(action="print").exists()  # read, not printed (issue 19)


def test_it_404s_on_another_clients_summary(bob_http, alice):
    assert bob_http.get(mine(make_intake(alice))).status_code == 404


def test_it_denies_staff_and_anonymous_and_wrong_methods(therapist_http, client, alice_http):
    assert therapist_http.get(LIST).status_code == 403
    assert client.get(LIST).status_code == 302
    assert alice_http.post(LIST).status_code == 405


def test_it_offers_to_start_or_continue_on_the_client_home(alice_http, alice):
    html = alice_http.get(reverse("client_home")).content.decode()
    assert "Start my intake" in html
    draft = make_intake(alice, submitted=False)
    html = alice_http.get(reverse("client_home")).content.decode()
    assert f"/intake/{draft.pk}/step/7/" in html
