"""Issue 19, the intake wizard in daily use: the urgent advice where the client is looking (with
and without JavaScript), the review page before consent, what the pages say after saving or
submitting, and the intake questions (telephone, emergency contact, an approximate start date,
yes/no health history, the referral's letter in several files)."""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.referrals.models import Referral
from intake.submissions import screening
from intake.submissions.models import HISTORY_YES_NO, IntakeSubmission
from tests.factories import make_intake
from tests.fixtures.submissions import PDF_BYTES, PNG_BYTES, started_on, step_data

pytestmark = pytest.mark.django_db


def step_url(intake, step):
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


def start(http):
    response = http.post(reverse("intake_start"))
    assert response.status_code == 302
    return IntakeSubmission.objects.get(status="draft", client__user=response.wsgi_request.user)


def complete(http, intake, until, overrides=None):
    overrides = overrides or {}
    for step in range(1, until + 1):
        response = http.post(step_url(intake, step), step_data(step, **overrides.get(step, {})))
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return response


JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def position(html: str, needle: str) -> int:
    found = html.find(needle)
    assert found >= 0, needle
    return found


# ---------------------------------------------------------------- 1. urgent advice, in place


def test_it_shows_the_advice_right_below_an_urgent_answer_when_the_page_comes_back(alice_http):
    """Without JavaScript: the step fails (a question left unanswered) and comes back with the
    advice below the urgent yes, before the next question, not at the top of the page."""
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    data = step_data(5, bowel_change="yes")
    del data["unexplained_weight_loss"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert position(html, 'name="bowel_change"') < advice < position(html, 'name="saddle_numbness"')
    box = html[html.rfind("<div", 0, advice) : html.find("</div>", advice)]
    assert "hidden" not in box and 'role="alert"' in box and "emergency department now" in box
    assert re.search(r'name="bowel_change" value="yes"[^>]*checked', html)  # nothing lost


def test_it_places_the_advice_after_the_last_of_answers_urgent_together(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    data = step_data(5, calf_warm_swollen="yes", breathless_or_chest_pain="yes")
    del data["bladder_change"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert position(html, 'name="breathless_or_chest_pain"') < advice
    assert "hidden" not in html[advice - 200 : advice]


def test_it_keeps_the_advice_hidden_for_the_script_when_no_answer_is_urgent(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    html = alice_http.get(step_url(intake, 5)).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert re.search(r"data-urgent-advice[^>]*hidden", html[advice - 300 : advice + 100])
    assert advice < position(html, 'name="bladder_change"')
    # An answer urgent only together with another is not urgent alone.
    data = step_data(5, calf_warm_swollen="yes")
    del data["bladder_change"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert advice < position(html, 'name="bladder_change"')


def test_it_anchors_the_next_page_on_the_advice_after_an_urgent_answer(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    response = alice_http.post(step_url(intake, 5), step_data(5, saddle_numbness="yes"))
    assert response["Location"] == step_url(intake, 6) + "#urgent-advice"
    html = alice_http.get(step_url(intake, 6)).content.decode()
    assert re.search(r'id="urgent-advice" tabindex="-1"', html)


def test_it_goes_on_without_an_anchor_when_nothing_is_urgent(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    response = alice_http.post(step_url(intake, 5), step_data(5))
    assert response["Location"] == step_url(intake, 6)


# ---------------------------------------------------------------- 2. before signing


def test_it_shows_every_answer_for_review_before_consent(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=6, overrides={5: {"sudden_foot_drop": "yes"}})
    response = alice_http.get(step_url(intake, 7))
    html = response.content.decode()
    assert "Check your answers" in html and 'name="signature"' not in html
    for key, number in (("about", 1), ("body", 2), ("symptoms", 3), ("history", 4),
                        ("safety", 5), ("referral", 6)):  # fmt: skip
        assert f'data-testid="review-{key}"' in html
        assert f'href="{step_url(intake, number)}?then=review"' in html
    for answer in ("Alice Anders", "555-0101", "Back of left thigh", "Pain, Tingling: 6/10",
                   "Pain down the back of my left leg", "Sitting at my desk", "3/10"):  # fmt: skip
        assert answer in html, answer
    foot = html.index("suddenly started to drag or slap")
    assert html.index("Yes", foot) < html.index("No", foot)
    assert f'href="{step_url(intake, 7)}?sign=1"' in html
    assert AuditEvent.objects.filter(
        action="view", object_id=str(intake.pk), detail="review"
    ).exists()


def test_it_returns_to_the_review_after_a_change(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=6)
    page = alice_http.get(step_url(intake, 3) + "?then=review").content.decode()
    assert '<input type="hidden" name="then" value="review">' in page
    assert "Save and go back to the review" in page
    # A mistake: the page comes back still heading for the review, with what was typed.
    bad = step_data(3, main_complaint="Now both calves ache", worst_pain="11", then="review")
    page = alice_http.post(step_url(intake, 3), bad).content.decode()
    assert '<input type="hidden" name="then" value="review">' in page
    assert "Now both calves ache" in page
    good = step_data(3, main_complaint="Now both calves ache", then="review")
    response = alice_http.post(step_url(intake, 3), good)
    assert response["Location"] == step_url(intake, 7)
    intake.refresh_from_db()
    assert intake.main_complaint == "Now both calves ache"
    assert "Now both calves ache" in alice_http.get(step_url(intake, 7)).content.decode()


def test_a_step_not_changed_from_the_review_goes_on_as_usual(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    # then=review before the client has reached the review: on to the next step.
    response = alice_http.post(step_url(intake, 3), step_data(3, then="review"))
    assert response["Location"] == step_url(intake, 4)


def test_consent_starts_empty_and_its_back_button_returns_to_the_review(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=6)
    html = alice_http.get(step_url(intake, 7) + "?sign=1").content.decode()
    signature = re.search(r"<input[^>]*name=\"signature\"[^>]*>", html).group(0)
    assert "value=" not in signature and 'autocomplete="off"' in signature
    assert re.search(r'name="agree"[^>]*>', html) and "checked" not in re.search(
        r'<input[^>]*name="agree"[^>]*>', html
    ).group(0)
    response = alice_http.post(step_url(intake, 7), {"go": "back"})
    assert response["Location"] == step_url(intake, 7)
    intake.refresh_from_db()
    assert intake.status == "draft"


def test_the_review_is_the_clients_own(client, bob_http, therapist_http, alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=6)
    url = step_url(intake, 7)
    assert client.get(url)["Location"].startswith(reverse("login"))
    assert bob_http.get(url).status_code == 404
    assert therapist_http.get(url).status_code == 403
    assert alice_http.put(url).status_code == 405


def test_it_sends_a_client_who_has_not_reached_it_to_their_step(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=3)
    assert alice_http.get(step_url(intake, 7))["Location"] == step_url(intake, 4)


def test_save_and_finish_later_says_what_was_saved(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    response = alice_http.post(step_url(intake, 3), {**step_data(3), "go": "later"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("my_intakes")
    assert "Saved: the answers to steps 1 to 3 are kept." in html
    assert "opens at step 4, Health history" in html
    assert "Pain down the back" not in html  # the message holds no answer


def test_the_done_page_does_not_send_the_client_back_to_a_locked_step(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=7, overrides={5: {"unexplained_weight_loss": "yes"}})
    html = alice_http.get(reverse("intake_done", kwargs={"intake_id": intake.pk})).content
    html = html.decode()
    assert "see your doctor before treatment" in html
    assert "referral step" not in html
    assert "bring it to your visit" in html


# ---------------------------------------------------------------- 3a. phone, emergency contact


def test_phone_numbers_are_telephone_inputs_with_autocomplete(alice_http):
    intake = start(alice_http)
    html = alice_http.get(step_url(intake, 1)).content.decode()
    own = re.search(r'<input[^>]*name="phone"[^>]*>', html).group(0)
    assert 'type="tel"' in own and 'autocomplete="tel"' in own
    theirs = re.search(r'<input[^>]*name="emergency_contact_phone"[^>]*>', html).group(0)
    assert 'type="tel"' in theirs and 'autocomplete="off"' in theirs  # not the client's own
    for name, token in (("first_name", "given-name"), ("last_name", "family-name"),
                        ("date_of_birth", "bday")):  # fmt: skip
        assert re.search(rf'<input[^>]*name="{name}"[^>]*autocomplete="{token}"', html), name
    assert re.search(r'<textarea[^>]*name="address"[^>]*autocomplete="street-address"', html)


def test_it_keeps_the_emergency_contact_on_the_intake_and_carries_it_over(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=1)
    intake.refresh_from_db()
    assert (intake.emergency_contact_name, intake.emergency_contact_phone,
            intake.emergency_contact_relationship) == ("Sam Anders", "555-0199", "Brother")  # fmt: skip
    complete(alice_http, intake, until=7)
    new = start(alice_http)
    assert new.pk != intake.pk and new.emergency_contact_name == "Sam Anders"
    html = alice_http.get(step_url(new, 1)).content.decode()
    assert 'value="Sam Anders"' in html and 'value="555-0199"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"emergency_contact_phone": ""}, "emergency_contact_phone", "Add their phone number"),
        ({"emergency_contact_name": ""}, "emergency_contact_name", "Add the name of the person"),
        ({"emergency_contact_phone": "call me"}, "emergency_contact_phone", "Type a phone number"),
        ({"emergency_contact_phone": "555-0101"}, "emergency_contact_phone", "your own number"),
        ({"phone": "12"}, "phone", "Type a phone number"),
        ({"phone": "555 0101 <b>"}, "phone", "Type a phone number"),
    ],
)
def test_it_refuses_a_contact_that_reaches_no_one_and_keeps_what_was_typed(
    alice_http, alice, overrides, field, message
):
    intake = start(alice_http)
    data = step_data(1, **overrides, address="2 Side St")
    response = alice_http.post(step_url(intake, 1), data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "2 Side St" in html
    intake.refresh_from_db()
    alice.refresh_from_db()
    assert intake.current_step == 1 and intake.emergency_contact_name == ""
    assert alice.address != "2 Side St"


def test_the_emergency_contact_may_be_left_empty(alice_http):
    intake = start(alice_http)
    empty = {"emergency_contact_name": "", "emergency_contact_phone": "",
             "emergency_contact_relationship": ""}  # fmt: skip
    assert alice_http.post(step_url(intake, 1), step_data(1, **empty)).status_code == 302
    intake.refresh_from_db()
    assert intake.current_step == 2 and intake.emergency_contact_name == ""


def test_phone_numbers_keep_what_was_typed_tidied(alice_http, alice):
    intake = start(alice_http)
    data = step_data(1, phone=" +1 (555)  010-1234 ", emergency_contact_phone="555.019.9999")
    assert alice_http.post(step_url(intake, 1), data).status_code == 302
    alice.refresh_from_db()
    intake.refresh_from_db()
    assert alice.phone == "+1 (555) 010-1234"
    assert intake.emergency_contact_phone == "555.019.9999"


# ---------------------------------------------------------------- 3b. health history: yes or no


def test_every_health_history_question_is_answered_yes_or_no(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=3)
    html = alice_http.get(step_url(intake, 4)).content.decode()
    for field in HISTORY_YES_NO:
        for value in ("yes", "no"):
            assert re.search(rf'<input type="radio"[^>]*name="{field}" value="{value}"', html)
        assert not re.search(rf'type="checkbox"[^>]*name="{field}"', html), field
        assert not re.search(rf'name="{field}" value="(yes|no)"[^>]*checked', html), field
    data = step_data(4)
    del data["osteoporosis"]  # skipped: not a no
    response = alice_http.post(step_url(intake, 4), {**data, "allergies": "Latex"})
    html = response.content.decode()
    assert response.status_code == 200 and "Please answer yes or no." in html
    assert "Latex" in html  # nothing typed is lost
    intake.refresh_from_db()
    assert intake.current_step == 4


def test_it_stores_yes_no_and_a_follow_up_implied_by_a_no(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=3)
    data = step_data(4, diabetes="yes", diabetes_reduced_feeling="no")
    del data["high_risk_pregnancy"]  # a follow-up of "pregnant", answered no
    assert alice_http.post(step_url(intake, 4), data).status_code == 302
    intake.refresh_from_db()
    assert intake.diabetes is True and intake.diabetes_reduced_feeling is False
    assert intake.pregnant is False and intake.high_risk_pregnancy is False
    html = alice_http.get(step_url(intake, 4)).content.decode()
    assert re.search(r'name="diabetes" value="yes"[^>]*checked', html)
    assert re.search(r'name="osteoporosis" value="no"[^>]*checked', html)


def test_a_follow_up_must_be_answered_after_a_yes(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=3)
    data = step_data(4, pregnant="yes")
    del data["high_risk_pregnancy"]
    response = alice_http.post(step_url(intake, 4), data)
    assert response.status_code == 200 and "Please answer yes or no." in response.content.decode()


def test_the_review_says_when_an_old_intake_left_a_question_unanswered(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=6)
    IntakeSubmission.objects.filter(pk=intake.pk).update(osteoporosis=None, diabetes=True)
    html = alice_http.get(step_url(intake, 7)).content.decode()
    osteo = html.index("Do you have osteoporosis")
    assert html.index("Not answered", osteo) < html.index("</dd>", osteo)
    diabetes = html.index("Do you have diabetes?")
    assert "Yes" in html[diabetes : html.index("</dd>", diabetes)]


def test_the_migration_keeps_a_ticked_box_as_yes_and_an_empty_one_as_not_answered(alice):
    ticked = make_intake(alice, osteoporosis=True, diabetes=False)
    migration = importlib.import_module("intake.migrations.0019_history_yes_no")
    migration.empty_box_is_not_answered(apps, schema_editor=None)
    ticked.refresh_from_db()
    assert ticked.osteoporosis is True and ticked.diabetes is None
    assert screening.highest_level(screening.flags_for(ticked)) == "caution"  # flags unchanged
    migration.not_answered_is_an_empty_box(apps, schema_editor=None)
    ticked.refresh_from_db()
    assert ticked.osteoporosis is True and ticked.diabetes is False


# ---------------------------------------------------------------- 3c. contraindications added

ADDED = ("varicose_veins", "heart_condition", "epilepsy", "infection_that_spreads")


def test_the_table_asks_the_common_contraindications_on_the_history_step():
    for field in ADDED:
        q = screening.QUESTION_BY_FIELD[field]
        assert (q.step, q.level, q.source) == (screening.HISTORY, "caution", screening.MASSAGE)
        assert q.question.endswith("?") and field in HISTORY_YES_NO


@pytest.mark.parametrize("field", ADDED)
def test_a_yes_to_an_added_contraindication_raises_its_caution(alice_http, field):
    intake = start(alice_http)
    complete(alice_http, intake, until=7, overrides={4: {field: "yes"}})
    intake.refresh_from_db()
    assert getattr(intake, field) is True and intake.flag_level == "caution"
    reason = screening.QUESTION_BY_FIELD[field].reason
    assert [f.reason for f in screening.flags_for(intake)] == [reason]


def test_the_added_questions_are_asked_and_reviewed(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=6, overrides={4: {"epilepsy": "yes"}})
    html = alice_http.get(step_url(intake, 7)).content.decode()
    for field in ADDED:
        assert screening.QUESTION_BY_FIELD[field].question.replace("'", "&#x27;") in html
    epilepsy = html.index("Do you have epilepsy")
    assert "Yes" in html[epilepsy : html.index("</dd>", epilepsy)]


# ---------------------------------------------------------------- 3d. an approximate start date


def test_a_month_and_a_year_are_enough_and_shown_as_a_month(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    data = step_data(3, **started_on("2025-09-01", day=False))
    assert alice_http.post(step_url(intake, 3), data).status_code == 302
    intake.refresh_from_db()
    assert intake.symptoms_started == datetime.date(2025, 9, 1)
    assert intake.symptoms_started_month_only and intake.symptoms_started_label == "September 2025"
    html = alice_http.get(step_url(intake, 3)).content.decode()
    assert re.search(r'<option value="9" selected>September</option>', html)
    assert re.search(
        r'name="symptoms_started_year" id="id_symptoms_started_year" value="2025"', html
    )
    assert re.search(r'name="symptoms_started_day" id="id_symptoms_started_day" value=""', html)
    complete(alice_http, intake, until=6, overrides={3: started_on("2025-09-01", day=False)})
    assert "September 2025" in alice_http.get(step_url(intake, 7)).content.decode()


def test_a_day_makes_it_an_exact_date(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=3, overrides={3: started_on("2025-09-14")})
    intake.refresh_from_db()
    assert intake.symptoms_started == datetime.date(2025, 9, 14)
    assert not intake.symptoms_started_month_only
    assert intake.symptoms_started_label == "14 Sep 2025"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"symptoms_started_month": "", "symptoms_started_year": "2025"}, "Choose the month"),
        ({"symptoms_started_month": "9", "symptoms_started_year": ""}, "Choose the month"),
        ({"symptoms_started_year": "25"}, "4 digits"),
        ({"symptoms_started_day": "31", "symptoms_started_month": "9"}, "does not exist"),
        ({"symptoms_started_day": "first"}, "as a number"),
        ({"symptoms_started_year": "2999", "symptoms_started_day": ""}, "in the future"),
    ],
)
def test_it_explains_a_start_date_it_cannot_read_and_keeps_the_parts(alice_http, parts, message):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    data = step_data(3, **{**started_on("2025-09-01", day=False), **parts})
    response = alice_http.post(step_url(intake, 3), {**data, "main_complaint": "Kept text"})
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "Kept text" in html
    year = parts.get("symptoms_started_year", "2025")
    assert f'name="symptoms_started_year" id="id_symptoms_started_year" value="{year}"' in html
    assert 'aria-invalid="true"' in html


def test_the_start_date_may_be_left_out(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=2)
    empty = {"symptoms_started_month": "", "symptoms_started_year": "", "symptoms_started_day": ""}
    assert alice_http.post(step_url(intake, 3), step_data(3, **empty)).status_code == 302
    intake.refresh_from_db()
    assert intake.symptoms_started is None and not intake.symptoms_started_month_only


def test_a_month_that_may_be_recent_counts_as_new_pain(alice):
    """Over 50 with back pain: a start given as last month counts from its last day (the
    latest it can be), so the rule for new back pain after 50 is not missed."""
    today = timezone.localdate()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    alice.date_of_birth = today.replace(year=today.year - 60)
    alice.save()
    intake = make_intake(
        alice, submitted=False, symptoms_started=last_month.replace(day=1),
        symptoms_started_month_only=True, first_episode=False,
        marks=[("lower_back_l", ["pain"], 5)],
    )  # fmt: skip
    codes = {f.code for f in screening.flags_for(intake)}
    assert "older_new_back_pain" in codes
    intake.symptoms_started_month_only = False  # the first of the month, as a day: not recent
    intake.symptoms_started = today - datetime.timedelta(days=60)
    assert "older_new_back_pain" not in {f.code for f in screening.flags_for(intake)}


# ---------------------------------------------------------------- 3e-f. the referral step


def test_the_referral_details_are_ignored_after_a_no_even_with_mistakes(alice_http):
    """Without JavaScript the details stay on the page: after "No" they are not used."""
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    data = {"referred": "no", "new_name": "Dr Typed Anyway", "new_email": "not-an-e-mail",
            "visits_authorized": "0", "referral_date": "2999-01-01",
            "letter": SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf")}  # fmt: skip
    assert alice_http.post(step_url(intake, 6), data).status_code == 302
    intake.refresh_from_db()
    assert intake.referral_details == {"referred": False}
    assert stored_files() == []


def test_the_referral_page_hides_the_details_after_a_no_with_its_script(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    html = alice_http.get(step_url(intake, 6)).content.decode()
    details = position(html, "data-referral-details")
    assert details > position(html, 'name="referred"')
    assert details < position(html, 'name="new_name"') < position(html, 'name="letter"')
    assert "intake/intake_referral.js" in html
    assert "leave the rest of this page empty" in html  # said without JavaScript


def referral_with(*files):
    return {"referred": "yes", "new_name": "Dr. Jane Roe", "referral_date": "2026-01-05",
            "letter": list(files)}  # fmt: skip


def test_a_letter_may_be_several_files_all_filed_with_the_referral(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    html = alice_http.get(step_url(intake, 6)).content.decode()
    assert re.search(r'<input type="file" name="letter"[^>]*multiple', html)
    page1 = SimpleUploadedFile("page1.jpg", JPEG_BYTES, content_type="image/jpeg")
    page2 = SimpleUploadedFile("page2.png", PNG_BYTES, content_type="image/png")
    assert alice_http.post(step_url(intake, 6), referral_with(page1, page2)).status_code == 302
    intake.refresh_from_db()
    letters = intake.referral_details["letters"]
    assert [(f["original_name"], f["content_type"]) for f in letters] == [
        ("page1.jpg", "image/jpeg"), ("page2.png", "image/png")]  # fmt: skip
    assert len(stored_files()) == 2
    review = alice_http.get(step_url(intake, 7)).content.decode()
    assert "page1.jpg, page2.png" in review
    alice_http.post(step_url(intake, 7), step_data(7))
    referral = Referral.objects.get(intake=intake)
    assert sorted(d.original_name for d in referral.documents.all()) == ["page1.jpg", "page2.png"]


def test_each_file_is_checked_and_named_in_its_error_and_none_is_kept(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    good = SimpleUploadedFile("page1.pdf", PDF_BYTES, content_type="application/pdf")
    bad = SimpleUploadedFile("page2.pdf", b"<html>x</html>", content_type="application/pdf")
    response = alice_http.post(step_url(intake, 6), referral_with(good, bad))
    html = response.content.decode()
    assert response.status_code == 200
    assert "“page2.pdf”:" in html and "is not a PDF, JPEG or PNG" in html
    assert "“page1.pdf”" not in html
    assert "Please choose your letter files again." in html and "Dr. Jane Roe" in html
    assert stored_files() == []


def test_it_refuses_too_many_files_for_one_letter(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    pages = [SimpleUploadedFile(f"p{i}.pdf", PDF_BYTES, content_type="application/pdf")
             for i in range(6)]  # fmt: skip
    response = alice_http.post(step_url(intake, 6), referral_with(*pages))
    assert "Choose at most 5 files for one letter." in response.content.decode()
    assert stored_files() == []


def test_new_files_replace_the_letter_kept_and_no_files_keep_it(
    alice_http, django_capture_on_commit_callbacks
):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    first = SimpleUploadedFile("old.pdf", PDF_BYTES, content_type="application/pdf")
    alice_http.post(step_url(intake, 6), referral_with(first))
    html = alice_http.get(step_url(intake, 6)).content.decode()
    assert "We have your letter: <strong>old.pdf</strong>" in html
    alice_http.post(step_url(intake, 6), referral_with())  # nothing chosen: kept
    intake.refresh_from_db()
    assert [f["original_name"] for f in intake.referral_details["letters"]] == ["old.pdf"]
    new = [SimpleUploadedFile(f"new{i}.png", PNG_BYTES, content_type="image/png")
           for i in (1, 2)]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        alice_http.post(step_url(intake, 6), referral_with(*new))
    intake.refresh_from_db()
    assert [f["original_name"] for f in intake.referral_details["letters"]] == [
        "new1.png", "new2.png"]  # fmt: skip
    assert len(stored_files()) == 2  # the old file is deleted


def test_an_older_draft_with_one_letter_is_still_filed(alice_http, alice):
    intake = start(alice_http)
    complete(alice_http, intake, until=5)
    first = SimpleUploadedFile("one.pdf", PDF_BYTES, content_type="application/pdf")
    alice_http.post(step_url(intake, 6), referral_with(first))
    intake.refresh_from_db()
    details = dict(intake.referral_details)
    details["letter"] = details.pop("letters")[0]  # as drafts kept it before issue 19
    IntakeSubmission.objects.filter(pk=intake.pk).update(referral_details=details)
    alice_http.post(step_url(intake, 7), step_data(7))
    assert [d.original_name for d in Referral.objects.get(intake=intake).documents.all()] == [
        "one.pdf"
    ]


def test_a_page_sent_back_with_an_urgent_answer_opens_on_the_advice(alice_http):
    """Without JavaScript the page that comes back starts with the advice, as the next page
    does, besides the one below the answer."""
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    data = step_data(5, bladder_change="yes")
    del data["sudden_foot_drop"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    top = position(html, 'id="urgent-advice"')
    assert top < position(html, 'name="bladder_change"')
    assert top < position(html, 'data-testid="urgent-answer-advice"')
    # Not when nothing urgent was answered.
    data = step_data(5)
    del data["sudden_foot_drop"]
    assert 'id="urgent-advice"' not in alice_http.post(step_url(intake, 5), data).content.decode()
