"""The client's own intake list and printable summary, and the client home panel."""

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.fixtures.submissions import make_intake

pytestmark = pytest.mark.django_db

LIST = reverse("my_intakes")


def mine(intake):
    return reverse("my_intake_summary", kwargs={"intake_id": intake.pk})


def test_it_lists_the_clients_drafts_and_submitted_intakes(client_a_http, client_a, client_b):
    done = make_intake(client_a)
    draft = make_intake(client_a, submitted=False)
    other = make_intake(client_b)
    html = client_a_http.get(LIST).content.decode()
    assert mine(done) in html and "Draft (step 7 of 7)" in html
    assert f"/intake/{draft.pk}/step/7/" in html
    assert mine(other) not in html


@pytest.mark.parametrize("rows", [1, 10])
def test_it_lists_in_a_constant_number_of_queries(
    client_a_http, client_a, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        make_intake(client_a)
    with django_assert_max_num_queries(9):
        assert client_a_http.get(LIST).status_code == 200


def test_it_prints_the_clients_own_summary_and_audits_it(client_a_http, client_a):
    intake = make_intake(client_a, marks=[("calf_r", ["burning"], 7)], pregnant=True)
    response = client_a_http.get(mine(intake))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Right calf</td><td>Burning</td><td>7" in html
    assert 'class="bm-region bm-marked bm-symptom" data-region="calf_r"' in html
    assert AuditEvent.objects.filter(action="print", object_id=str(intake.pk)).exists()


def test_it_404s_on_another_clients_summary(client_b_http, client_a):
    assert client_b_http.get(mine(make_intake(client_a))).status_code == 404


def test_it_denies_staff_and_anonymous_and_wrong_methods(therapist_http, client, client_a_http):
    assert therapist_http.get(LIST).status_code == 403
    assert client.get(LIST).status_code == 302
    assert client_a_http.post(LIST).status_code == 405


def test_it_offers_to_start_or_continue_on_the_client_home(client_a_http, client_a):
    html = client_a_http.get(reverse("client_home")).content.decode()
    assert "Start my intake" in html
    draft = make_intake(client_a, submitted=False)
    html = client_a_http.get(reverse("client_home")).content.decode()
    assert f"/intake/{draft.pk}/step/7/" in html
