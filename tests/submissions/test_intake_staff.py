"""Staff intake list (newest first, flags, filter) and the intake summary."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from tests.factories import make_intake

pytestmark = pytest.mark.django_db

LIST = reverse("staff_intakes")


def summary_url(intake):
    return reverse("intake_summary", kwargs={"intake_id": intake.pk})


def test_it_lists_submitted_intakes_newest_first_with_flags(therapist_http, alice, bob):
    now = timezone.now()
    old = make_intake(alice, when=now - datetime.timedelta(days=2), cancer_history=True)
    new = make_intake(bob, when=now, saddle_numbness=True)
    make_intake(alice, submitted=False, main_complaint="Draft only")
    response = therapist_http.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(summary_url(new)) < html.index(summary_url(old))
    assert "Draft only" not in html
    assert 'class="badge flag-urgent">Urgent' in html
    assert 'class="badge flag-physician">See a physician first' in html
    assert "History of cancer." in html


def test_it_filters_by_flag_level(admin_http, alice, bob):
    urgent = make_intake(alice, bladder_bowel_change=True)
    calm = make_intake(bob)
    html = admin_http.get(LIST, {"level": "urgent"}).content.decode()
    assert summary_url(urgent) in html and summary_url(calm) not in html
    html = admin_http.get(LIST, {"level": "none"}).content.decode()
    assert summary_url(calm) in html and summary_url(urgent) not in html
    assert admin_http.get(LIST, {"level": "bogus"}).status_code == 200


@pytest.mark.parametrize("rows", [2, 12])
def test_it_lists_in_a_constant_number_of_queries(
    therapist_http, alice, rows, django_assert_max_num_queries
):
    for i in range(rows):
        make_intake(alice, pregnant=bool(i % 2), marks=[("calf_l", ["weakness"], 3)])
    with django_assert_max_num_queries(12):  # the audit event: chain head (and lock on PostgreSQL)
        response = therapist_http.get(LIST)
    assert response.content.decode().count(">Alice Anders</a>") == rows


def test_it_denies_the_list_to_clients_and_anonymous(alice_http, client):
    assert alice_http.get(LIST).status_code == 403
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_posting_to_the_list(therapist_http):
    assert therapist_http.post(LIST).status_code == 405


def test_it_shows_the_summary_and_audits_it(therapist_http, therapist, alice):
    intake = make_intake(
        alice,
        saddle_numbness=True,
        takes_blood_thinners=True,
        medications="Apixaban <script>alert(1)</script>",
        marks=[("back_thigh_l", ["pain", "tingling"], 6), ("sole_l", ["numbness"], 2)],
        psfs=[{"activity": "Sitting", "score": 3}, {"activity": "Stairs", "score": 6}],
    )
    response = therapist_http.get(summary_url(intake))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-region="back_thigh_l"' in html
    assert 'class="bm-region bm-marked bm-symptom" data-region="back_thigh_l"' in html
    assert 'class="bm-region bm-marked bm-symptom" data-region="sole_l"' in html
    assert html.count("bm-marked") == 2
    assert "Back of left thigh</td><td>Pain, Tingling</td><td>6" in html
    assert "Numbness or tingling between the legs" in html  # the flag's reason
    assert "Takes blood thinners" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "mean 4.5" in html
    event = AuditEvent.objects.get(action="view", object_id=str(intake.pk))
    assert event.user == therapist and event.client == alice
    assert "Apixaban" not in event.detail


def test_it_denies_the_summary_to_clients_even_their_own(alice_http, alice, client):
    intake = make_intake(alice)
    assert alice_http.get(summary_url(intake)).status_code == 403
    assert client.get(summary_url(intake)).status_code == 302
    assert alice_http.post(summary_url(intake)).status_code == 405


def test_it_404s_for_drafts_and_missing_intakes(therapist_http, alice):
    draft = make_intake(alice, submitted=False)
    assert therapist_http.get(summary_url(draft)).status_code == 404
    assert therapist_http.get("/staff/intakes/999999/").status_code == 404


def test_it_shows_new_intakes_on_the_staff_home(therapist_http, alice):
    intake = make_intake(alice, cancer_history=True)
    html = therapist_http.get(reverse("staff_home")).content.decode()
    assert summary_url(intake) in html and "flag-physician" in html
