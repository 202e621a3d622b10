"""Realistic intakes, written from CLINICAL.md's lists, each driven through the real wizard (the
test client posting all seven steps) and checked for the level stored on submit and the rule
that raised it.

Columns: the client's story · age today · body map ("region:feeling+feeling", strength 5) ·
symptoms started (days ago) and whether it is the first time · how it started · history boxes
ticked and text typed · safety questions answered yes (every other one "no") · expected level ·
the rule that must raise it (a question's field or a derived rule's code).
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from intake.submissions import screening
from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import started_on, step_data
from tests.submissions.test_intake_wizard import start, step_url

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    story: str
    level: str
    why: str = ""
    age: int = 42
    map: str = "lower_back_l:aching back_thigh_l:pain"
    started: int = 400
    first: bool = False
    onset: str = "gradual"
    ticks: str = ""
    text: dict = field(default_factory=dict)
    yes: str = ""


CASES = [
    # ------------------------------------------------------------ no flag
    Case("Desk worker, ache in the low back and one buttock, had it before", "none",
         map="lower_back_l:aching buttock_l:pain"),
    Case("One-sided leg pain with tingling to the sole (nerve-root pattern, one leg)", "none",
         map="buttock_l:pain back_thigh_l:pain+tingling calf_l:tingling sole_l:numbness"),
    Case("58, back pain for two years, had it many times", "none", age=58, started=730),
    Case("Exactly 50, new back pain last week", "none", age=50, started=7, first=True),
    Case("24, sore low back after a long drive, had it before", "none", age=24),
    Case("Sore knees on both sides and thigh pain after running", "none",
         map="front_knee_l:pain front_knee_r:pain back_thigh_l:pain back_thigh_r:pain"),
    Case("Pulled groin, saddle area asked twice: no and no", "none",
         map="groin_l:pain", yes=""),
    Case("Typed 'None', 'N/A' and '-' in the text boxes", "none",
         text={"medications": "None", "allergies": "N/A", "skin_conditions": "-"}),
    # ------------------------------------------------------------ caution
    Case("Takes apixaban after a heart-rhythm problem", "caution", "takes_blood_thinners",
         ticks="takes_blood_thinners", text={"medications": "Apixaban 5 mg twice a day"}),
    Case("Bruises very easily (bleeding disorder)", "caution", "bleeding_disorder",
         ticks="bleeding_disorder"),
    Case("Had a clot in the leg three years ago", "caution", "clot_history", ticks="clot_history"),
    Case("Knee replacement three months ago", "caution", "recent_surgery_or_fracture",
         ticks="recent_surgery_or_fracture", text={"surgery_details": "Left knee, August"}),
    Case("Pregnant, 30 weeks, low back ache, had it before", "caution", "pregnant", age=33,
         ticks="pregnant"),
    Case("High blood pressure, controlled with tablets", "caution", "high_blood_pressure",
         ticks="high_blood_pressure", text={"medications": "Amlodipine"}),
    Case("Diabetes with less feeling in the feet", "caution", "diabetes_reduced_feeling",
         ticks="diabetes diabetes_reduced_feeling"),
    Case("Allergic to almond oil", "caution", "allergies", text={"allergies": "Almond oil"}),
    Case("Healing burn on the shoulder", "caution", "skin_conditions",
         text={"skin_conditions": "Burn on the right shoulder, healing"}),
    Case("Flu this week, stiff neck, no back pain", "caution", "fever_or_infection",
         map="neck_l:aching neck_r:aching", yes="fever_or_infection"),
    Case("40, osteoporosis, pain came on gradually", "caution", "osteoporosis", age=40,
         ticks="osteoporosis"),
    # ------------------------------------------------------------ see a physician first
    Case("Fell off a ladder last month", "physician", "recent_significant_trauma",
         yes="recent_significant_trauma"),
    Case("History of breast cancer", "physician", "cancer_history", ticks="cancer_history"),
    Case("Having chemotherapy now", "physician", "cancer_treatment_now",
         ticks="cancer_history cancer_treatment_now"),
    Case("Lost 6 kg without trying", "physician", "unexplained_weight_loss",
         yes="unexplained_weight_loss"),
    Case("Fever and chills with low back pain", "physician", "fever_with_back_pain_on_map",
         yes="fever_or_infection"),
    Case("Pain wakes them every night, rest does not help", "physician",
         "night_pain_not_eased_by_rest", yes="night_pain_not_eased_by_rest"),
    Case("On prednisolone for years", "physician", "steroids_or_immune_suppression",
         yes="steroids_or_immune_suppression", text={"medications": "Prednisolone 10 mg"}),
    Case("Injects drugs, back pain for a month", "physician", "injected_drugs_with_back_pain",
         yes="injected_drug_use"),
    Case("Numbness in the left foot spreading over weeks", "physician",
         "worsening_numbness_or_weakness", yes="worsening_numbness_or_weakness"),
    Case("Left foot feels weak on the stairs", "physician", "weakness_one_leg_on_map",
         map="lower_back_l:pain top_foot_l:weakness"),
    Case("58, first ever back pain, three weeks ago", "physician", "older_new_back_pain",
         age=58, started=21, first=True),
    Case("51, back pain began five weeks ago, had some years back", "physician",
         "older_new_back_pain", age=51, started=35),
    Case("17, back pain from rowing (a parent consents)", "physician", "young_back_pain", age=17),
    Case("19, student, back pain for a year", "physician", "young_back_pain", age=19),
    Case("67, hurt the back lifting a box of books", "physician",
         "injury_onset_older_or_osteoporosis", age=67, onset="activity"),
    Case("45 with osteoporosis, slipped on ice", "physician", "injury_onset_older_or_osteoporosis",
         age=45, onset="injury", ticks="osteoporosis"),
    Case("Stroke four months ago", "physician", "recent_stroke_or_heart_event",
         ticks="recent_stroke_or_heart_event"),
    Case("Pregnancy the midwife calls high-risk", "physician", "high_risk_pregnancy", age=35,
         ticks="pregnant high_risk_pregnancy"),
    Case("Blood pressure still high on three tablets", "physician", "uncontrolled_blood_pressure",
         ticks="high_blood_pressure uncontrolled_blood_pressure",
         text={"medications": "Ramipril, amlodipine, indapamide"}),
    Case("Warm, swollen, painful right calf after a flight", "physician", "calf_warm_swollen",
         map="calf_r:pain", yes="calf_warm_swollen"),
    # ------------------------------------------------------------ urgent
    Case("New trouble starting to pee since the back pain began", "urgent", "bladder_change",
         yes="bladder_change"),
    Case("Cannot feel when the bowel is full", "urgent", "bowel_change", yes="bowel_change"),
    Case("Numb between the legs", "urgent", "saddle_numbness", yes="saddle_numbness"),
    Case("Marked the inner thigh; says yes when asked again", "urgent", "saddle_numbness_again",
         map="groin_r:tingling", yes="saddle_numbness_again"),
    Case("Tingling down both calves on the map", "urgent", "symptoms_both_legs_on_map",
         map="lower_back_l:pain calf_l:tingling calf_r:tingling"),
    Case("Says pain goes down both legs (marked one)", "urgent", "symptoms_down_both_legs",
         yes="symptoms_down_both_legs"),
    Case("Weakness marked in both thighs", "urgent", "weakness_both_legs_on_map",
         map="front_thigh_l:weakness front_thigh_r:weakness"),
    Case("Both legs getting weaker", "urgent", "weakness_both_legs", yes="weakness_both_legs"),
    Case("Foot suddenly slapping when walking", "urgent", "sudden_foot_drop",
         yes="sudden_foot_drop"),
    Case("New loss of sexual feeling with the back pain", "urgent", "new_sexual_dysfunction",
         yes="new_sexual_dysfunction"),
    Case("Swollen warm calf and short of breath", "urgent", "calf_with_breathlessness",
         map="calf_l:pain", yes="calf_warm_swollen breathless_or_chest_pain"),
]  # fmt: skip


def date_of_birth(age: int) -> str:
    """A date of birth giving ``age`` today, the next birthday 100 days away."""
    birthday = timezone.localdate() + dt.timedelta(days=100)
    return birthday.replace(year=birthday.year - age - 1).isoformat()


def body_map(spec: str) -> dict:
    data: dict = {"regions": []}
    for item in spec.split():
        region, feelings = item.split(":")
        data["regions"].append(region)
        data[f"sens_{region}"] = feelings.split("+")
        data[f"int_{region}"] = "5"
    return data


def steps(case: Case) -> dict[int, dict]:
    started = timezone.localdate() - dt.timedelta(days=case.started)
    history = {"medications": "", **dict.fromkeys(case.ticks.split(), "yes"), **case.text}
    safety = dict.fromkeys(step_data(5), "no") | dict.fromkeys(case.yes.split(), "yes")
    consent = {}
    if case.age < 18:
        consent = {"guardian_name": "Pat Anders", "guardian_relationship": "father",
                   "guardian_signature": "Pat Anders"}  # fmt: skip
    return {
        1: step_data(1, date_of_birth=date_of_birth(case.age)),
        2: body_map(case.map),
        3: step_data(
            3,
            **started_on(started.isoformat()),
            onset=case.onset,
            first_episode="yes" if case.first else "no",
        ),  # fmt: skip
        4: step_data(4, **history),
        5: safety,
        6: step_data(6),
        7: step_data(7, **consent),
    }


def test_the_table_covers_every_level_with_at_least_30_cases():
    assert len(CASES) >= 30
    assert {case.level for case in CASES} == {"none", "caution", "physician", "urgent"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.story)
def test_the_wizard_stores_the_expected_level(alice_http, case):
    intake = start(alice_http)
    for number, data in steps(case).items():
        response = alice_http.post(step_url(intake, number), data)
        assert response.status_code == 302, (number, response.content.decode()[:2000])
    intake = IntakeSubmission.objects.select_related("client").get(pk=intake.pk)
    assert intake.status == "submitted"
    flags = screening.flags_for(intake)
    assert intake.flag_level == case.level, [(f.level, f.code) for f in flags]
    assert case.why in {f.code for f in flags if f.level == case.level} if case.why else not flags
