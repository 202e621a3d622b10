"""Every intake form on its own: what it accepts, what it refuses, what it converts to."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intake.referrals.models import Physician
from intake.submissions import forms, screening, services
from intake.submissions.body_map_form import BodyMapForm
from intake.submissions.consent_form import ConsentForm
from intake.submissions.models import IntakeSubmission, SymptomMark
from intake.submissions.safety_form import SafetyForm
from tests.fixtures.submissions import PDF_BYTES, PNG_BYTES, started_on, step_data

pytestmark = pytest.mark.django_db


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


# ---------------------------------------------------------------- about you


def test_about_you_accepts_valid_details(alice):
    form = forms.AboutYouForm(step_data(1), instance=alice)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "future"),
        ({"date_of_birth": "1800-01-01"}, "date_of_birth", "too_old"),
        ({"date_of_birth": "not a date"}, "date_of_birth", "invalid"),
        ({"date_of_birth": ""}, "date_of_birth", "required"),
        ({"phone": ""}, "phone", "required"),
        ({"first_name": ""}, "first_name", "required"),
    ],
)
def test_about_you_refuses_bad_details(alice, overrides, field, code):
    form = forms.AboutYouForm(step_data(1, **overrides), instance=alice)
    assert not form.is_valid()
    assert form.has_error(field, code)


def test_about_you_refuses_tomorrow_as_birth_date(alice):
    form = forms.AboutYouForm(step_data(1, date_of_birth=tomorrow()), instance=alice)
    assert form.has_error("date_of_birth", "future")


def years_ago(years: int, days: int = 0) -> str:
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return (born + datetime.timedelta(days=days)).isoformat()


def test_about_you_accepts_an_age_of_120_but_not_121(alice):
    for born in (years_ago(120), years_ago(121, days=1)):  # 120 today; 121 tomorrow
        assert forms.AboutYouForm(step_data(1, date_of_birth=born), instance=alice).is_valid()
    older = forms.AboutYouForm(step_data(1, date_of_birth=years_ago(121)), instance=alice)
    assert older.has_error("date_of_birth", "too_old")
    assert "older than 120" in older.errors["date_of_birth"][0]


# ---------------------------------------------------------------- body map


def test_body_map_converts_choices_to_marks():
    form = BodyMapForm(step_data(2))
    assert form.is_valid(), form.errors
    assert form.marks() == [
        {"region": "back_thigh_l", "sensations": ["pain", "tingling"], "intensity": 6},
        {"region": "calf_l", "sensations": ["numbness"], "intensity": 4},
    ]


def test_body_map_accepts_no_regions_and_ignores_details_of_unchosen_ones():
    form = BodyMapForm({"sens_calf_r": ["pain"], "int_calf_r": "3"})
    assert form.is_valid() and form.marks() == []


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"regions": ["calf_l", "wing_l"]}, "regions", "invalid_choice"),
        ({"int_calf_l": "11"}, "int_calf_l", "max_value"),
        ({"int_calf_l": "-3"}, "int_calf_l", "min_value"),
        ({"int_calf_l": "lots"}, "int_calf_l", "invalid"),
        ({"int_calf_l": ""}, "int_calf_l", "required"),
        ({"sens_calf_l": []}, "sens_calf_l", "required"),
        ({"sens_calf_l": ["itching"]}, "sens_calf_l", "invalid_choice"),
    ],
)
def test_body_map_refuses_bad_answers(overrides, field, code):
    form = BodyMapForm(step_data(2, **overrides))
    assert not form.is_valid()
    assert form.has_error(field, code)


def test_body_map_prefills_from_marks_and_keeps_typed_rows():
    class Mark:
        region, sensations, intensity = "heel_r", ["burning"], 2

    initial = BodyMapForm.initial_from([Mark()])
    form = BodyMapForm(initial=initial)
    rows = {row["code"]: row for _, items in form.rows() for row in items}
    assert rows["heel_r"]["checked"] and not rows["heel_l"]["checked"]
    bound = BodyMapForm(step_data(2, int_calf_l="99"))
    rows = {row["code"]: row for _, items in bound.rows() for row in items}
    assert rows["calf_l"]["checked"] and rows["calf_l"]["intensity"] == "99"


# ---------------------------------------------------------------- symptoms


def test_symptoms_collects_up_to_three_activities(alice):
    intake = IntakeSubmission(client=alice)
    form = forms.SymptomsForm(step_data(3, activity_3="Stairs", ability_3="0"), instance=intake)
    assert form.is_valid(), form.errors
    form.save(commit=False)
    assert intake.psfs == [
        {"activity": "Sitting at my desk", "score": 3},
        {"activity": "Gardening", "score": 5},
        {"activity": "Stairs", "score": 0},
    ]
    assert intake.worst_pain == 7 and intake.worse_with == ["sitting", "bending"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"worst_pain": "11"}, "worst_pain", "max_value"),
        ({"current_pain": "-1"}, "current_pain", "min_value"),
        ({"current_pain": ""}, "current_pain", "required"),
        ({"ability_1": ""}, "ability_1", "required"),
        ({"activity_2": ""}, "activity_2", "required"),
        ({"ability_2": "12"}, "ability_2", "max_value"),
        ({"onset": "magic"}, "onset", "invalid_choice"),
        ({"worse_with": ["gravity"]}, "worse_with", "invalid_choice"),
        ({"main_complaint": ""}, "main_complaint", "required"),
        (started_on("2999-01-01"), "symptoms_started", "future"),
        (started_on("1975-06-14"), "symptoms_started", "before_birth"),
        ({"worst_pain": "3", "current_pain": "4"}, "current_pain", "above_worst"),
        ({"first_episode": ""}, "first_episode", "required"),
        ({"first_episode": "perhaps"}, "first_episode", "invalid_choice"),
    ],
)
def test_symptoms_refuses_bad_answers(alice, overrides, field, code):
    form = forms.SymptomsForm(step_data(3, **overrides), instance=IntakeSubmission(client=alice))
    assert not form.is_valid()
    assert form.has_error(field, code)


def test_symptoms_accepts_pain_now_equal_to_the_worst_and_a_start_on_the_birth_date(alice):
    data = step_data(3, worst_pain="4", current_pain="4", **started_on("1975-06-15"))
    form = forms.SymptomsForm(data, instance=IntakeSubmission(client=alice))
    assert form.is_valid(), form.errors


def test_symptoms_asks_whether_this_is_the_first_time(alice):
    intake = IntakeSubmission(client=alice)
    form = forms.SymptomsForm(step_data(3, first_episode="yes"), instance=intake)
    assert form.is_valid(), form.errors
    assert form.save(commit=False).first_episode is True
    assert (
        forms.SymptomsForm(instance=IntakeSubmission(client=alice))["first_episode"].value() is None
    )
    assert forms.SymptomsForm(instance=intake)["first_episode"].value() == "yes"


def test_symptoms_prefills_activities_from_the_intake(alice):
    intake = IntakeSubmission(client=alice, psfs=[{"activity": "Running", "score": 2}])
    form = forms.SymptomsForm(instance=intake)
    assert form["activity_1"].value() == "Running" and form["ability_1"].value() == 2


# ---------------------------------------------------------------- history


def test_history_accepts_ticks_and_text(alice):
    data = step_data(
        4, takes_blood_thinners="yes", medications="Apixaban 5 mg", allergies="Almond oil"
    )
    form = forms.HistoryForm(data, instance=IntakeSubmission(client=alice))
    assert form.is_valid(), form.errors
    intake = form.save(commit=False)
    assert intake.takes_blood_thinners and intake.allergies == "Almond oil"
    assert not intake.pregnant


def test_history_asks_what_the_recent_surgery_was(alice):
    data = step_data(4, recent_surgery_or_fracture="yes")
    form = forms.HistoryForm(data, instance=IntakeSubmission(client=alice))
    assert form.has_error("surgery_details", "required")
    data = step_data(4, recent_surgery_or_fracture="yes", surgery_details="n/a")
    assert forms.HistoryForm(data, instance=IntakeSubmission(client=alice)).has_error(
        "surgery_details", "required"
    )


@pytest.mark.parametrize(
    ("ticked", "field"),
    [
        ({"high_risk_pregnancy": "yes"}, "high_risk_pregnancy"),
        ({"uncontrolled_blood_pressure": "yes"}, "uncontrolled_blood_pressure"),
        ({"diabetes_reduced_feeling": "yes"}, "diabetes_reduced_feeling"),
        ({"cancer_treatment_now": "yes"}, "cancer_treatment_now"),
    ],
)
def test_history_refuses_a_box_ticked_without_the_one_it_depends_on(alice, ticked, field):
    form = forms.HistoryForm(step_data(4, **ticked), instance=IntakeSubmission(client=alice))
    assert form.has_error(field, "contradiction")
    needed = screening.HISTORY_QUESTIONS[screening.QUESTION_BY_FIELD[field].requires]
    assert str(needed.question) in form.errors[field][0]
    both = {**ticked, needed.field: "yes"}
    assert forms.HistoryForm(
        step_data(4, **both), instance=IntakeSubmission(client=alice)
    ).is_valid()


@pytest.mark.parametrize("typed", ["None", "none.", "N/A", "-", "nil", "Nothing"])
def test_history_refuses_no_medicines_typed_with_a_blood_thinner_ticked(alice, typed):
    data = step_data(4, medications=typed, takes_blood_thinners="yes")
    form = forms.HistoryForm(data, instance=IntakeSubmission(client=alice))
    assert form.has_error("medications", "contradiction")
    assert "name the blood thinner" in form.errors["medications"][0]


def test_history_accepts_no_medicines_without_a_blood_thinner_and_a_named_one_with_it(alice):
    for data in (
        step_data(4, medications="None"),
        step_data(4, medications="", takes_blood_thinners="yes"),
        step_data(4, medications="Warfarin 5 mg", takes_blood_thinners="yes"),
    ):
        assert forms.HistoryForm(data, instance=IntakeSubmission(client=alice)).is_valid()


# ---------------------------------------------------------------- safety


def test_safety_converts_yes_and_no(alice):
    intake = IntakeSubmission(client=alice)
    form = SafetyForm(step_data(5, saddle_numbness="yes"), instance=intake)
    assert form.is_valid(), form.errors
    form.save(commit=False)
    assert intake.saddle_numbness is True and intake.bladder_change is False
    assert intake.saddle_numbness_again is None  # not asked: no groin marked


@pytest.mark.parametrize("value", ["", "maybe"])
def test_safety_requires_a_real_answer_to_every_question(alice, value):
    data = step_data(5, fever_or_infection=value)
    form = SafetyForm(data, instance=IntakeSubmission(client=alice))
    assert not form.is_valid() and "fever_or_infection" in form.errors


def test_safety_asks_the_saddle_question_again_when_the_groin_is_marked(alice):
    intake = IntakeSubmission.objects.create(client=alice, current_step=5)
    SymptomMark.objects.create(intake=intake, region="groin_r", sensations=["pain"], intensity=3)
    form = SafetyForm(step_data(5, saddle_numbness_again="yes"), instance=intake)
    assert list(form.fields)[-1] == "saddle_numbness_again"
    assert form.fields["saddle_numbness_again"].widget.attrs["data-urgent"] == "true"
    assert form.is_valid(), form.errors
    form.save(commit=False)
    assert intake.saddle_numbness is False and intake.saddle_numbness_again is True
    del form.data["saddle_numbness_again"]
    assert SafetyForm(form.data, instance=intake).has_error("saddle_numbness_again", "required")


def test_safety_does_not_pretick_answers_on_a_new_intake(alice):
    form = SafetyForm(instance=IntakeSubmission(client=alice, current_step=5))
    assert all(form[name].value() is None for name in form.fields)
    answered = IntakeSubmission(client=alice, current_step=6, cancer_history=False)
    assert SafetyForm(instance=answered)["saddle_numbness"].value() == "no"
    # A question added after the client answered the step is not shown as answered "no".
    assert SafetyForm(instance=answered)["bowel_change"].value() is None


# ---------------------------------------------------------------- referral


def referral(**overrides):
    data = {"referred": "yes", "new_name": "Dr. Roe", "referral_date": "2026-10-01"}
    data.update(overrides)
    return data


def test_referral_accepts_a_new_physician_and_a_png_letter(alice):
    letter = SimpleUploadedFile("photo.png", PNG_BYTES, content_type="image/png")
    form = forms.ReferralForm(
        referral(expires_on="2026-12-31", visits_authorized="6"),
        {"letter": letter},
        instance=IntakeSubmission(client=alice),
    )
    assert form.is_valid(), form.errors
    assert form.letter_content_types == ["image/png"]
    details = form.details(None)
    assert details["new_physician"]["name"] == "Dr. Roe" and details["physician_id"] is None
    assert details["expires_on"] == "2026-12-31" and details["visits_authorized"] == 6


def test_referral_accepts_a_directory_physician(alice):
    doctor = Physician.objects.create(name="Dr. Who")
    form = forms.ReferralForm(
        referral(new_name="", physician=str(doctor.pk)), instance=IntakeSubmission(client=alice)
    )
    assert form.is_valid(), form.errors
    assert form.details(None)["physician_id"] == doctor.pk


def test_referral_needs_nothing_more_when_not_referred(alice):
    form = forms.ReferralForm({"referred": "no"}, instance=IntakeSubmission(client=alice))
    assert form.is_valid() and form.details(None) == {"referred": False}


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"expires_on": "2026-09-30"}, "expires_on", "before_date"),
        ({"referral_date": "2999-01-01"}, "referral_date", "future"),
        ({"referral_date": ""}, "referral_date", "required"),
        ({"new_name": ""}, "new_name", "required"),
        ({"visits_authorized": "0"}, "visits_authorized", "min_value"),
        ({"new_email": "not-an-email"}, "new_email", "invalid"),
        ({"referred": ""}, "referred", "required"),
    ],
)
def test_referral_refuses_bad_details(alice, overrides, field, code):
    form = forms.ReferralForm(referral(**overrides), instance=IntakeSubmission(client=alice))
    assert not form.is_valid()
    assert form.has_error(field, code)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("letter.pdf", b"<html>not a pdf</html>", "bad_type"),
        ("letter.png", b"GIF89a......", "bad_type"),
        ("letter.pdf", b"%PDF-" + b"x" * (10 * 1024 * 1024), "too_large"),
    ],
)
def test_referral_checks_the_letter_by_content_and_size(alice, name, content, code):
    letter = SimpleUploadedFile(name, content, content_type="application/pdf")
    form = forms.ReferralForm(
        referral(), {"letter": letter}, instance=IntakeSubmission(client=alice)
    )
    assert form.has_error("letter", code)


def test_referral_accepts_a_pdf_even_with_a_misleading_name(alice):
    letter = SimpleUploadedFile("scan.exe", PDF_BYTES, content_type="application/x-msdownload")
    form = forms.ReferralForm(
        referral(), {"letter": letter}, instance=IntakeSubmission(client=alice)
    )
    assert form.is_valid(), form.errors
    assert form.letter_content_types == ["application/pdf"]


# ---------------------------------------------------------------- consent and filter


def test_consent_needs_agreement_and_a_typed_name():
    form = ConsentForm({"agree": "on", "signature": "  Alice   Anders "})
    assert form.is_valid() and form.cleaned_data["signature"] == "Alice Anders"
    assert form.guardian() is None and "guardian_name" not in form.fields
    assert ConsentForm({"signature": "Alice"}).has_error("agree", "required")
    assert ConsentForm({"agree": "on", "signature": "A"}).has_error("signature", "too_short")


def test_consent_of_a_minor_needs_a_parent_or_guardian():
    data = {"agree": "on", "signature": "Mia Minor"}
    form = ConsentForm(data, guardian_needed=True, client_name="Mia Minor")
    assert not form.is_valid()
    for field in ConsentForm.GUARDIAN_FIELDS:
        assert form.has_error(field, "required")
    data |= {"guardian_name": " Gina  Minor ", "guardian_relationship": "mother",
             "guardian_signature": "gina minor"}  # fmt: skip
    form = ConsentForm(data, guardian_needed=True, client_name="Mia Minor")
    assert form.is_valid(), form.errors
    assert form.guardian() == services.Guardian("Gina Minor", "mother", "gina minor")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (
            {"guardian_name": "Mia  minor", "guardian_signature": "Mia Minor"},
            "guardian_name",
            "self",
        ),
        ({"guardian_signature": "Someone Else"}, "guardian_signature", "mismatch"),
        ({"guardian_relationship": " "}, "guardian_relationship", "required"),
        ({"guardian_signature": "G"}, "guardian_signature", "too_short"),
    ],
)
def test_consent_of_a_minor_refuses_a_guardian_who_does_not_add_up(overrides, field, code):
    data = {"agree": "on", "signature": "Mia Minor", "guardian_name": "Gina Minor",
            "guardian_relationship": "mother", "guardian_signature": "Gina Minor", **overrides}  # fmt: skip
    form = ConsentForm(data, guardian_needed=True, client_name="Mia Minor")
    assert form.has_error(field, code)


def test_staff_filter_accepts_levels_only():
    assert forms.StaffIntakeFilterForm({"level": "urgent"}).is_valid()
    assert not forms.StaffIntakeFilterForm({"level": "purple"}).is_valid()


# ---------------------------------------------------------------- built from the screening table


def test_safety_asks_the_tables_questions_in_order_and_marks_the_urgent_ones(alice):
    form = SafetyForm(instance=IntakeSubmission(client=alice))
    asked = [q for q in screening.SAFETY_QUESTIONS if not q.only_if]
    assert list(form.fields) == [q.field for q in asked]
    for q in asked:
        field = form.fields[q.field]
        assert field.label == q.question
        assert ("data-urgent" in field.widget.attrs) == (q.level == "urgent"), q.field
    # Urgent only together: each names the other for the page's script.
    assert form.fields["calf_warm_swollen"].widget.attrs["data-urgent-with"] == (
        "breathless_or_chest_pain"
    )
    assert form.fields["breathless_or_chest_pain"].widget.attrs["data-urgent-with"] == (
        "calf_warm_swollen"
    )


def test_history_labels_its_screened_answers_with_the_tables_words():
    fields = forms.HistoryForm.base_fields
    for name, q in screening.HISTORY_QUESTIONS.items():
        assert fields[name].label == q.question
    assert fields["medications"].label == "Medications you take"


def test_staff_filter_offers_every_level_highest_first():
    choices = forms.StaffIntakeFilterForm().fields["level"].choices
    assert choices == [
        ("", "All"),
        ("urgent", "Urgent"),
        ("physician", "See a physician first"),
        ("caution", "Caution"),
        ("none", "No flags"),
    ]


def test_symptoms_takes_three_to_five_activities_or_none(alice):
    two = step_data(3, activity_3="", ability_3="")
    form = forms.SymptomsForm(two, instance=IntakeSubmission(client=alice))
    assert not form.is_valid()
    assert "Name 3 to 5 activities (you named 2)" in form.errors["activity_3"][0]
    assert form["activity_1"].value() == "Sitting at my desk"  # nothing lost
    none = {f"{kind}_{i}": "" for i in (1, 2, 3) for kind in ("activity", "ability")}
    skipped = forms.SymptomsForm(step_data(3, **none), instance=IntakeSubmission(client=alice))
    assert skipped.is_valid(), skipped.errors
    assert skipped.cleaned_data["psfs"] == []


def test_symptoms_needs_a_score_for_every_activity(alice):
    form = forms.SymptomsForm(step_data(3, ability_2=""), instance=IntakeSubmission(client=alice))
    assert not form.is_valid()
    assert "“Gardening”" in form.errors["ability_2"][0]
