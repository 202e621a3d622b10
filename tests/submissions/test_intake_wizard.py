"""The client intake wizard: start/resume, each step saved as a draft, bad input, submit once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.referrals.models import Physician, Referral, ReferralDocument
from intake.submissions.models import IntakeSubmission
from tests.factories import make_intake
from tests.fixtures.submissions import PDF_BYTES, started_on, step_data

pytestmark = pytest.mark.django_db


def step_url(intake, step):
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


def start(http):
    response = http.post(reverse("intake_start"))
    assert response.status_code == 302
    return IntakeSubmission.objects.get(status="draft", client__user=response.wsgi_request.user)


def complete(http, intake, until=7, overrides=None):
    overrides = overrides or {}
    response = None
    for step in range(1, until + 1):
        response = http.post(step_url(intake, step), step_data(step, **overrides.get(step, {})))
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return response


def test_it_shows_the_start_page_to_a_client(alice_http):
    response = alice_http.get(reverse("intake_start"))
    assert response.status_code == 200
    assert b"Start my intake" in response.content


def test_it_sends_anonymous_visitors_to_log_in(client):
    for url in (reverse("intake_start"), "/intake/1/step/1/", "/intake/1/done/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_staff_the_client_wizard(therapist_http, draft_intake):
    assert therapist_http.get(reverse("intake_start")).status_code == 403
    assert therapist_http.get(step_url(draft_intake, 1)).status_code == 403


def test_it_refuses_wrong_methods(alice_http, draft_intake):
    assert alice_http.put(reverse("intake_start")).status_code == 405
    assert alice_http.delete(step_url(draft_intake, 1)).status_code == 405
    assert alice_http.post(f"/intake/{draft_intake.pk}/done/").status_code == 405


def test_it_creates_one_draft_and_resumes_it(alice_http, alice):
    first = start(alice_http)
    assert alice_http.post(reverse("intake_start"))["Location"] == step_url(first, 1)
    assert IntakeSubmission.objects.filter(client=alice).count() == 1
    complete(alice_http, first, until=2)
    # Logging in again later resumes at the step where they stopped.
    assert alice_http.post(reverse("intake_start"))["Location"] == step_url(first, 3)


def test_it_404s_on_another_clients_draft(bob_http, draft_intake):
    assert bob_http.get(step_url(draft_intake, 1)).status_code == 404
    response = bob_http.post(step_url(draft_intake, 1), step_data(1, first_name="Mallory"))
    assert response.status_code == 404
    draft_intake.client.refresh_from_db()
    assert draft_intake.client.first_name == "Alice"


@pytest.mark.parametrize("step", [0, 8, 99])
def test_it_404s_on_step_numbers_that_do_not_exist(alice_http, draft_intake, step):
    assert alice_http.get(step_url(draft_intake, step)).status_code == 404


def test_it_sends_a_skipped_ahead_step_back_to_where_the_client_is(alice_http, draft_intake):
    response = alice_http.post(step_url(draft_intake, 5), step_data(5))
    assert response.status_code == 302 and response["Location"] == step_url(draft_intake, 1)
    draft_intake.refresh_from_db()
    assert draft_intake.current_step == 1 and not draft_intake.saddle_numbness


def test_it_saves_each_step_and_audits_the_change(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    intake.refresh_from_db()
    assert intake.current_step == 5
    assert [(m.region, m.sensations, m.intensity) for m in intake.marks.order_by("region")] == [
        ("back_thigh_l", ["pain", "tingling"], 6),
        ("calf_l", ["numbness"], 4),
    ]
    assert intake.psfs == [
        {"activity": "Sitting at my desk", "score": 3},
        {"activity": "Gardening", "score": 5},
        {"activity": "Climbing stairs", "score": 4},
    ]
    assert intake.worse_with == ["sitting", "bending"] and intake.consents_to_glute_work
    assert AuditEvent.objects.filter(action="change", object_id=str(intake.pk)).count() == 4


def test_it_keeps_everything_typed_on_a_validation_error(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    bad = step_data(3, worst_pain="11", main_complaint="My <b>own</b> words")
    response = alice_http.post(step_url(intake, 3), bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value is less than or equal to 10." in html
    assert "My &lt;b&gt;own&lt;/b&gt; words" in html and "Gardening" in html
    intake.refresh_from_db()
    assert intake.main_complaint == "" and intake.current_step == 3


def test_it_ties_each_message_to_its_field(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    html = alice_http.post(step_url(intake, 3), step_data(3, worst_pain="11")).content.decode()
    assert 'for="id_worst_pain"' in html
    assert 'aria-describedby="id_worst_pain_helptext id_worst_pain_error"' in html
    assert '<div id="id_worst_pain_error" class="invalid-feedback">' in html
    complete(alice_http, intake, until=4)
    data = step_data(5)
    del data["saddle_numbness"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    # A yes/no question is a fieldset whose legend is the question, described by its error.
    fieldset = html.split('<fieldset aria-describedby="id_saddle_numbness_error">')[1]
    legend = fieldset[: fieldset.index("</legend>")]
    assert "the area that would touch a saddle" in legend
    assert '<div id="id_saddle_numbness_error" class="invalid-feedback">' in fieldset


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("int_calf_l", "11", "less than or equal to 10"),
        ("int_calf_l", "-1", "greater than or equal to 0"),
        ("int_calf_l", "", "Give a number from 0 to 10."),
        ("sens_calf_l", [], "Choose at least one thing you feel here."),
        ("sens_calf_l", ["itching"], "Select a valid choice."),
        ("regions", ["calf_l", "tail"], "tail is not an area on the body map."),
    ],
)
def test_it_rejects_bad_body_map_answers(alice_http, field, value, message):
    intake = start(alice_http)
    complete(alice_http, intake, until=1)
    response = alice_http.post(step_url(intake, 2), step_data(2, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert intake.marks.count() == 0


def test_it_rejects_a_date_of_birth_in_the_future(alice_http, alice):
    intake = start(alice_http)
    response = alice_http.post(step_url(intake, 1), step_data(1, date_of_birth="2999-01-01"))
    assert "Your date of birth cannot be in the future." in response.content.decode()
    alice.refresh_from_db()
    assert str(alice.date_of_birth) == "1975-06-15"


def test_it_goes_back_and_saves_for_later(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    response = alice_http.post(step_url(intake, 3), {**step_data(3), "go": "back"})
    assert response["Location"] == step_url(intake, 2)
    response = alice_http.post(step_url(intake, 3), {**step_data(3), "go": "later"})
    assert response["Location"] == reverse("my_intakes")
    intake.refresh_from_db()
    assert intake.current_step == 4


def test_it_shows_emergency_advice_right_after_an_urgent_answer(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    alice_http.post(step_url(intake, 5), step_data(5, saddle_numbness="yes"))
    response = alice_http.get(step_url(intake, 6))
    assert b'data-testid="urgent-advice"' in response.content
    assert b"emergency department now" in response.content


def test_it_requires_every_safety_question_answered(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    data = step_data(5)
    del data["saddle_numbness"]
    response = alice_http.post(step_url(intake, 5), data)
    assert response.status_code == 200 and b"Please answer yes or no." in response.content


def test_it_submits_once_with_consent_and_flags(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=6, overrides={4: {"pregnant": "yes"}})
    response = alice_http.post(step_url(intake, 7), step_data(7), REMOTE_ADDR="203.0.113.9")
    assert response["Location"] == reverse("intake_done", kwargs={"intake_id": intake.pk})
    again = alice_http.post(step_url(intake, 7), step_data(7))
    assert again.status_code == 302
    intake.refresh_from_db()
    assert intake.status == "submitted" and intake.flag_level == "caution"
    assert intake.consent_signature == "Alice Anders" and intake.consent_ip == "203.0.113.9"
    assert intake.consent_signed_at is not None
    assert AuditEvent.objects.filter(action="sign", object_id=str(intake.pk)).count() == 1
    assert IntakeSubmission.objects.filter(client=alice).count() == 1


def test_it_makes_a_submitted_intake_read_only(alice_http, alice):
    intake = make_intake(alice)
    response = alice_http.post(step_url(intake, 3), step_data(3, main_complaint="Changed"))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.main_complaint == "Sore lower back"


def test_it_refuses_consent_without_agreement_or_name(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=6)
    response = alice_http.post(step_url(intake, 7), {"signature": " "})
    html = response.content.decode()
    assert "Please tick the box to give your consent." in html and "This field is required." in html
    intake.refresh_from_db()
    assert intake.status == "draft"


def test_it_shows_urgent_advice_on_submit(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=7, overrides={5: {"bladder_change": "yes"}})
    response = alice_http.get(reverse("intake_done", kwargs={"intake_id": intake.pk}))
    assert b'data-testid="urgent-advice"' in response.content
    intake.refresh_from_db()
    assert intake.flag_level == "urgent"


def test_it_prefills_a_new_intake_from_the_last(alice_http, alice):
    make_intake(
        alice,
        medications="Warfarin 5 mg",
        takes_blood_thinners=True,
        marks=[
            ("calf_r", ["pain"], 3),
        ],
    )
    new = start(alice_http)
    assert new.medications == "Warfarin 5 mg" and new.takes_blood_thinners
    assert [m.region for m in new.marks.all()] == ["calf_r"]
    assert new.current_step == 1 and new.consent_signature == ""
    complete(alice_http, new, until=1)
    html = alice_http.get(step_url(new, 2)).content.decode()
    assert 'value="calf_r" id="region-calf_r" checked' in html


def test_it_files_the_referral_with_a_new_physician_and_letter(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    letter = SimpleUploadedFile("my letter.pdf", PDF_BYTES, content_type="text/plain")
    referral = {
        "referred": "yes",
        "new_name": "Dr. Jane Roe",
        "new_practice": "Main St Clinic",
        "new_phone": "555-0199",
        "referral_date": "2026-10-01",
        "reason": "Low back pain, L5 radiculopathy?",
        "visits_authorized": "6",
        "expires_on": "2027-01-01",
        "letter": letter,
    }
    assert alice_http.post(step_url(intake, 6), referral).status_code == 302
    assert Referral.objects.count() == 0  # filed only when the intake is submitted
    alice_http.post(step_url(intake, 7), step_data(7))
    filed = Referral.objects.get()
    assert (filed.client, filed.intake, filed.status, filed.direction) == (
        alice,
        intake,
        "received",
        "incoming",
    )
    assert filed.physician.name == "Dr. Jane Roe" and filed.visits_authorized == 6
    assert filed.transitions.get().to_status == "received"
    document = ReferralDocument.objects.get()
    assert document.content_type == "application/pdf" and document.original_name == "my letter.pdf"
    assert "my letter" not in document.file.name and document.file.read() == PDF_BYTES


def test_it_links_a_physician_from_the_directory(alice_http):
    doctor = Physician.objects.create(name="Dr. Who", practice="TARDIS")
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    data = {"referred": "yes", "physician": str(doctor.pk), "referral_date": "2026-10-01"}
    assert alice_http.post(step_url(intake, 6), data).status_code == 302
    alice_http.post(step_url(intake, 7), step_data(7))
    assert Referral.objects.get().physician == doctor
    assert Physician.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"expires_on": "2026-09-01"}, "The expiry date cannot be before the referral date."),
        ({"referral_date": "2999-01-01"}, "The referral date cannot be in the future."),
        ({"new_name": ""}, "Choose your physician from the list, or type their name."),
        ({"physician": "999999"}, "Select a valid choice."),
    ],
)
def test_it_rejects_bad_referral_details(alice_http, overrides, message):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    data = {"referred": "yes", "new_name": "Dr. Roe", "referral_date": "2026-10-01"}
    data.update(overrides)
    response = alice_http.post(step_url(intake, 6), data)
    assert response.status_code == 200 and message in response.content.decode()
    intake.refresh_from_db()
    assert intake.referral_details == {} and intake.current_step == 6


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", b"MZ\x90\x00 not really a pdf", "not a PDF, JPEG or PNG"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_it_rejects_fake_or_oversized_letters(alice_http, name, content, message):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    data = {
        "referred": "yes",
        "new_name": "Dr. Roe",
        "referral_date": "2026-10-01",
        "letter": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }
    response = alice_http.post(step_url(intake, 6), data)
    assert response.status_code == 200 and message in response.content.decode()
    intake.refresh_from_db()
    assert intake.referral_details == {}


def test_it_files_one_referral_when_submit_is_sent_twice(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    data = {"referred": "yes", "new_name": "Dr. Roe", "referral_date": "2026-10-01"}
    alice_http.post(step_url(intake, 6), data)
    first = alice_http.post(step_url(intake, 7), step_data(7))
    second = alice_http.post(step_url(intake, 7), step_data(7))
    assert first["Location"] == reverse("intake_done", kwargs={"intake_id": intake.pk})
    assert second.status_code == 302
    assert Referral.objects.count() == 1 and Physician.objects.count() == 1


def test_it_submits_idempotently_at_the_service_level(alice):
    from intake.submissions import services

    intake = make_intake(alice, submitted=False, pregnant=True)
    once, now = services.submit_intake(intake=intake, signature="A A", ip=None, user=None)
    twice, again = services.submit_intake(intake=intake, signature="B B", ip=None, user=None)
    assert (now, again) == (True, False)
    assert twice.consent_signature == "A A" and twice.flag_level == "caution"


def test_it_audits_each_step_the_client_opens(alice_http, draft_intake):
    alice_http.get(step_url(draft_intake, 1))
    event = AuditEvent.objects.get(action="view", object_id=str(draft_intake.pk))
    assert event.detail == "step 1"


# ---------------------------------------------------------------- issue 13: rules on the wizard


def test_it_shows_emergency_advice_from_the_body_map_before_the_safety_step(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=1)
    both = step_data(2, sens_back_thigh_l=["weakness"], regions=["back_thigh_l", "calf_r"],
                     sens_calf_r=["weakness"], int_calf_r="4")  # fmt: skip
    alice_http.post(step_url(intake, 2), both)
    html = alice_http.get(step_url(intake, 3)).content.decode()
    assert 'data-testid="urgent-advice"' in html and "emergency department now" in html
    one = step_data(2, sens_back_thigh_l=["weakness"])
    alice_http.post(step_url(intake, 2), one)
    assert b'data-testid="urgent-advice"' not in alice_http.get(step_url(intake, 3)).content


def test_it_asks_the_saddle_question_again_after_a_groin_mark(alice_http):
    intake = start(alice_http)
    groin = step_data(2, regions=["groin_l"], sens_groin_l=["pain"], int_groin_l="3")
    complete(alice_http, intake, until=4, overrides={2: groin})
    html = alice_http.get(step_url(intake, 5)).content.decode()
    assert html.count("between your legs, around your bottom") == 2
    assert "You marked your groin or inner thigh on the body map" in html
    data = step_data(5)
    del data["saddle_numbness_again"]
    response = alice_http.post(step_url(intake, 5), data)
    assert response.status_code == 200 and b"Please answer yes or no." in response.content
    alice_http.post(step_url(intake, 5), step_data(5, saddle_numbness_again="yes"))
    assert b'data-testid="urgent-advice"' in alice_http.get(step_url(intake, 6)).content
    intake.refresh_from_db()
    assert (intake.saddle_numbness, intake.saddle_numbness_again) == (False, True)


def test_it_sends_a_draft_back_to_questions_it_has_not_answered(alice_http, alice):
    """A groin mark made after the safety step, or a question added since: the draft cannot
    reach the consent step, or be submitted, until they are answered."""
    intake = start(alice_http)
    complete(alice_http, intake, until=6)
    groin = step_data(2, regions=["groin_r"], sens_groin_r=["tingling"], int_groin_r="2")
    alice_http.post(step_url(intake, 2), groin)
    for step in (6, 7):
        assert alice_http.get(step_url(intake, step))["Location"] == step_url(intake, 5)
    response = alice_http.post(step_url(intake, 7), step_data(7))
    assert response["Location"] == step_url(intake, 5)
    IntakeSubmission.objects.filter(pk=intake.pk).update(bowel_change=None)  # as if added later
    alice_http.post(step_url(intake, 5), step_data(5))
    intake.refresh_from_db()
    assert intake.status == "draft" and intake.bowel_change is False
    assert alice_http.get(step_url(intake, 7) + "?sign=1").status_code == 200


def test_it_tells_the_client_not_to_massage_a_warm_swollen_calf(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=5, overrides={5: {"calf_warm_swollen": "yes"}})
    html = alice_http.get(step_url(intake, 6)).content.decode()
    assert 'data-testid="rule-advice"' in html and "do not massage or rub that leg" in html
    assert 'data-testid="urgent-advice"' not in html
    complete(alice_http, intake, until=7, overrides={5: {"calf_warm_swollen": "yes"}})
    done = alice_http.get(reverse("intake_done", kwargs={"intake_id": intake.pk})).content
    assert b"do not massage or rub that leg" in done and b"see your doctor" in done


@pytest.mark.parametrize(
    ("step", "overrides", "message", "kept"),
    [
        (1, {"date_of_birth": "1890-01-01", "phone": "555-0177"},
         "older than 120", 'value="555-0177"'),
        (3, {**started_on("1960-01-01"), "main_complaint": "Sore since forever"},
         "before your date of birth", "Sore since forever"),
        (3, {"worst_pain": "2", "current_pain": "8"},
         "higher than your worst pain", 'value="Sitting at my desk"'),
        (4, {"medications": "None", "takes_blood_thinners": "yes", "allergies": "Latex"},
         "name the blood thinner", "Latex"),
        (4, {"high_risk_pregnancy": "yes", "allergies": "Latex"},
         "change one of the two", "Latex"),
    ],
)  # fmt: skip
def test_it_refuses_contradictory_answers_with_a_message_and_keeps_what_was_typed(
    alice_http, step, overrides, message, kept
):
    intake = start(alice_http)
    complete(alice_http, intake, until=step - 1)
    response = alice_http.post(step_url(intake, step), step_data(step, **overrides))
    html = response.content.decode()
    assert response.status_code == 200 and message in html and kept in html
    intake.refresh_from_db()
    assert intake.current_step == step


def test_it_asks_for_consent_afresh_on_a_new_intake(alice_http, alice):
    make_intake(alice, consents_to_glute_work=True, first_episode=True, medications="Ibuprofen")
    new = start(alice_http)
    assert new.medications == "Ibuprofen"  # history is carried over...
    assert not new.consents_to_glute_work and new.first_episode is None  # ...consent is not
    assert not new.consent_given and new.consent_signature == ""
    complete(alice_http, new, until=6)
    html = alice_http.get(step_url(new, 7) + "?sign=1").content.decode()
    assert 'name="agree"' in html and 'name="agree" checked' not in html
    assert 'name="signature" value=' not in html  # the name is typed, not pre-filled
    assert "guardian" not in html.lower()


def years_ago(years: int):
    """The date ``years`` ago today: a birthday today (the 28th for the 29th of February)."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


@pytest.mark.parametrize(
    ("birthday", "minor"),
    [(18, False), (17, True)],  # years before today: 18 today is of age
)
def test_a_client_under_the_age_of_majority_needs_a_parent_or_guardian(
    alice_http, alice, birthday, minor
):
    born = years_ago(birthday)
    intake = start(alice_http)
    complete(alice_http, intake, until=6, overrides={1: {"date_of_birth": born.isoformat()}})
    page = alice_http.get(step_url(intake, 7) + "?sign=1").content.decode()
    assert ('data-testid="guardian-consent"' in page) is minor
    response = alice_http.post(step_url(intake, 7), step_data(7))
    if not minor:
        assert response.status_code == 302
        return
    assert response.status_code == 200 and b"This field is required." in response.content
    guardian = {"guardian_name": "Gina Anders", "guardian_relationship": "Mother",
                "guardian_signature": "Gina Anders"}  # fmt: skip
    assert alice_http.post(step_url(intake, 7), step_data(7, **guardian)).status_code == 302
    intake.refresh_from_db()
    assert intake.status == "submitted"
    assert (intake.guardian_name, intake.guardian_relationship, intake.guardian_signature) == (
        "Gina Anders",
        "Mother",
        "Gina Anders",
    )
    summary = alice_http.get(reverse("my_intake_summary", kwargs={"intake_id": intake.pk}))
    assert b"Consent of a parent or guardian: Gina Anders (Mother)" in summary.content


def test_the_age_of_majority_is_a_setting(alice_http, settings):
    settings.AGE_OF_MAJORITY = 21
    born = years_ago(20)
    intake = start(alice_http)
    complete(alice_http, intake, until=6, overrides={1: {"date_of_birth": born.isoformat()}})
    page = alice_http.get(step_url(intake, 7) + "?sign=1").content.decode()
    assert 'data-testid="guardian-consent"' in page and "You are under 21" in page
