"""Staff type a client's paper form in on their behalf: the same steps, the intake recorded as
entered by that staff member, every step audited in their name."""

import pytest

from intake.audit.models import AuditEvent
from intake.submissions.models import IntakeSubmission
from intake.submissions.screening import SAFETY_QUESTIONS


def test_it_opens_a_draft_and_walks_the_steps(therapist_http, therapist, alice):
    response = therapist_http.post(f"/staff/clients/{alice.pk}/paper-intake/")
    intake = IntakeSubmission.objects.get(client=alice, status="draft")
    assert response["Location"] == f"/staff/intakes/{intake.pk}/enter/1/"
    page = therapist_http.get(response["Location"])
    assert page.status_code == 200
    assert b"paper intake form, on their behalf" in page.content
    data = {"first_name": "Alice", "last_name": "Anders", "date_of_birth": "1975-06-15",
            "phone": "555-0101", "address": "", "go": "next"}  # fmt: skip
    step2 = therapist_http.post(f"/staff/intakes/{intake.pk}/enter/1/", data)
    assert step2["Location"] == f"/staff/intakes/{intake.pk}/enter/2/"
    assert AuditEvent.objects.filter(
        user=therapist, client=alice, detail="paper form: step 1", action="change"
    ).exists()


def test_submitting_records_who_entered_it(therapist_http, therapist, alice):
    answers = {q.field: False for q in SAFETY_QUESTIONS if not q.only_if}
    intake = IntakeSubmission.objects.create(client=alice, current_step=7, **answers)
    response = therapist_http.post(
        f"/staff/intakes/{intake.pk}/enter/7/",
        {"agree": "on", "signature": "Alice Anders", "go": "next"},
    )
    assert response["Location"] == f"/staff/intakes/{intake.pk}/"
    intake.refresh_from_db()
    assert intake.is_submitted and intake.entered_by == therapist
    assert intake.consent_signature == "Alice Anders"
    again = therapist_http.get(f"/staff/intakes/{intake.pk}/enter/3/")
    assert again["Location"] == f"/staff/intakes/{intake.pk}/"  # locked once submitted
    summary = therapist_http.get(f"/staff/intakes/{intake.pk}/").content.decode()
    assert "typed in from a paper form by Tess Healer" in summary


def test_a_client_s_own_intake_has_no_enterer(alice_http, alice):
    answers = {q.field: False for q in SAFETY_QUESTIONS if not q.only_if}
    intake = IntakeSubmission.objects.create(client=alice, current_step=7, **answers)
    alice_http.post(f"/intake/{intake.pk}/step/7/", {"agree": "on", "signature": "Alice Anders"})
    intake.refresh_from_db()
    assert intake.is_submitted and intake.entered_by is None


@pytest.mark.parametrize("who", ["alice_http", "bob_http"])
def test_clients_cannot_enter_for_anyone(request, who, alice):
    http = request.getfixturevalue(who)
    assert http.post(f"/staff/clients/{alice.pk}/paper-intake/").status_code == 403
    intake = IntakeSubmission.objects.create(client=alice)
    assert http.get(f"/staff/intakes/{intake.pk}/enter/1/").status_code == 403


def test_start_refuses_get(therapist_http, alice):
    assert therapist_http.get(f"/staff/clients/{alice.pk}/paper-intake/").status_code == 405
    assert not IntakeSubmission.objects.exists()


def test_staff_review_the_paper_answers_before_consent_on_their_own_pages(
    therapist_http, therapist, alice
):
    answers = {q.field: False for q in SAFETY_QUESTIONS if not q.only_if}
    intake = IntakeSubmission.objects.create(client=alice, current_step=7, **answers)
    base = f"/staff/intakes/{intake.pk}/enter"
    html = therapist_http.get(f"{base}/7/").content.decode()
    assert "Check your answers" in html and 'name="signature"' not in html
    assert f'href="{base}/3/?then=review"' in html and f'href="{base}/7/?sign=1"' in html
    assert 'name="signature"' in therapist_http.get(f"{base}/7/?sign=1").content.decode()
    assert AuditEvent.objects.filter(
        user=therapist, client=alice, detail="paper form: review", action="view"
    ).exists()
