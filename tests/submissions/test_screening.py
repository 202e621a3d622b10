"""The safety-screening rules: each flag, its level, its absence, and the derived rules at their
boundaries (age at the intake date, both legs, onset, the calf). Realistic whole intakes through
the wizard are in test_screening_cases.py."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission, SymptomMark
from intake.submissions.screening import DERIVED, QUESTIONS, flags_for, highest_level

TEXT_FIELDS = ("allergies", "skin_conditions")
TICKED = [q for q in QUESTIONS if q.field not in TEXT_FIELDS]
TYPED = [q for q in QUESTIONS if q.field in TEXT_FIELDS]
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Drafts are judged on today's date: fix it, so ages and "6 weeks ago" do not drift."""
    monkeypatch.setattr(timezone, "localdate", lambda value=None: value.date() if value else TODAY)


def born(age: int, *, days_to_birthday: int = 100) -> dt.date:
    """A date of birth giving ``age`` on TODAY, the next birthday ``days_to_birthday`` away
    (0: the birthday is today)."""
    birthday = TODAY + dt.timedelta(days=days_to_birthday)
    return birthday.replace(year=birthday.year - age - (1 if days_to_birthday else 0))


def answers(*, age: int | None = 40, **values):
    """An intake with every screened answer "no", the client ``age`` today, a draft."""
    base = {q.field: False for q in TICKED}
    base.update({q.field: "" for q in TYPED})
    base.update(onset="gradual", first_episode=False, symptoms_started=None, submitted_at=None)
    base["client"] = SimpleNamespace(date_of_birth=born(age) if age is not None else None)
    base.update(values)
    return SimpleNamespace(**base)


def mark(region, *sensations):
    return SimpleNamespace(region=region, sensations=list(sensations))


BACK = [mark("lower_back_l", "pain")]


def codes(intake, marks=()) -> list[str]:
    return [flag.code for flag in flags_for(intake, marks=list(marks))]


def test_it_raises_no_flag_for_a_clean_intake():
    assert flags_for(answers(), marks=[]) == []
    assert highest_level(answers()) == "none"


@pytest.mark.parametrize("q", TICKED, ids=lambda q: q.field)
def test_it_raises_each_yes_answer_at_its_level(q):
    flags = flags_for(answers(**{q.field: True}), marks=[])
    assert [(f.level, f.code, f.reason) for f in flags] == [(q.level, q.field, q.reason)]
    assert highest_level(flags) == q.level


@pytest.mark.parametrize("q", TICKED, ids=lambda q: q.field)
def test_it_raises_nothing_for_a_no_or_an_unanswered_question(q):
    assert flags_for(answers(**{q.field: False}), marks=[]) == []
    assert flags_for(answers(**{q.field: None}), marks=[]) == []


@pytest.mark.parametrize("q", TYPED, ids=lambda q: q.field)
def test_it_raises_text_answers_but_not_blank_ones(q):
    assert [f.code for f in flags_for(answers(**{q.field: "Almond oil"}), marks=[])] == [q.field]
    assert flags_for(answers(**{q.field: "   "}), marks=[]) == []


NOTHING = ["none", "None.", "NONE", " none ", "No", "n/a", "N/A", "n.a.", "-", "—", "nil",
           "Nil!", "nothing", "Nothing.", "none known", "No known allergies", "nkda"]  # fmt: skip


@pytest.mark.parametrize("text", NOTHING)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_free_text_that_says_nothing_raises_nothing(field, text):
    assert screening.says_nothing(text)
    assert flags_for(answers(**{field: text}), marks=[]) == []


@pytest.mark.parametrize(
    "text", ["Almond oil", "no nuts but almond oil is fine?", "Nuts", "아몬드", "Latex", "N/A2"]
)
def test_free_text_that_says_something_raises_its_flag(text):
    assert not screening.says_nothing(text)
    assert codes(answers(allergies=text)) == ["allergies"]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("bladder_change", "urgent"),
        ("bowel_change", "urgent"),
        ("saddle_numbness", "urgent"),
        ("saddle_numbness_again", "urgent"),
        ("symptoms_down_both_legs", "urgent"),
        ("weakness_both_legs", "urgent"),
        ("sudden_foot_drop", "urgent"),
        ("new_sexual_dysfunction", "urgent"),
        ("steroids_or_immune_suppression", "physician"),
        ("calf_warm_swollen", "physician"),
        ("breathless_or_chest_pain", "physician"),
        ("cancer_history", "physician"),
        ("cancer_treatment_now", "physician"),
        ("unexplained_weight_loss", "physician"),
        ("recent_significant_trauma", "physician"),
        ("worsening_numbness_or_weakness", "physician"),
        ("night_pain_not_eased_by_rest", "physician"),
        ("recent_stroke_or_heart_event", "physician"),
        ("high_risk_pregnancy", "physician"),
        ("uncontrolled_blood_pressure", "physician"),
        ("fever_or_infection", "caution"),
        ("injected_drug_use", "caution"),
        ("takes_blood_thinners", "caution"),
        ("bleeding_disorder", "caution"),
        ("clot_history", "caution"),
        ("pregnant", "caution"),
        ("recent_surgery_or_fracture", "caution"),
        ("osteoporosis", "caution"),
        ("high_blood_pressure", "caution"),
        ("diabetes", "caution"),
        ("diabetes_reduced_feeling", "caution"),
        # Retired questions: old intakes keep the level their answers raised.
        ("bladder_bowel_change", "urgent"),
        ("rapidly_worsening_leg_weakness", "urgent"),
        ("both_legs_with_weakness", "urgent"),
        ("fever_with_back_pain", "physician"),
    ],
)
def test_it_puts_clinical_md_s_red_flags_at_the_right_level(field, expected):
    assert highest_level(flags_for(answers(**{field: True}), marks=[])) == expected


def test_it_orders_flags_highest_first_and_reports_the_highest_level():
    flags = flags_for(answers(pregnant=True, cancer_history=True, saddle_numbness=True), marks=[])
    assert [f.level for f in flags] == ["urgent", "physician", "caution"]
    assert highest_level(flags) == "urgent"
    assert flags[0].label == "Urgent"


# ---------------------------------------------------------------- derived: age at the intake date


@pytest.mark.parametrize(
    ("age", "expected"),
    [(50, []), (51, ["older_new_back_pain"]), (70, ["older_new_back_pain"])],
)
def test_over_50_with_new_back_pain_sees_a_physician(age, expected):
    assert codes(answers(age=age, first_episode=True), BACK) == expected


def test_turning_51_on_the_intake_date_counts_and_the_day_before_does_not():
    birthday_today = answers(first_episode=True, client=SimpleNamespace(date_of_birth=born(51, days_to_birthday=0)))  # fmt: skip
    assert codes(birthday_today, BACK) == ["older_new_back_pain"]
    tomorrow = answers(first_episode=True, client=SimpleNamespace(date_of_birth=born(50, days_to_birthday=1)))  # fmt: skip
    assert codes(tomorrow, BACK) == []


@pytest.mark.parametrize(
    ("started_days_ago", "first", "expected"),
    [
        (42, False, ["older_new_back_pain"]),  # started 6 weeks ago to the day: new
        (43, False, []),
        (400, True, ["older_new_back_pain"]),  # long ago, but the first time
        (400, False, []),
        (None, None, []),  # not said
        (None, True, ["older_new_back_pain"]),
    ],
)
def test_back_pain_is_new_when_it_is_the_first_time_or_began_within_6_weeks(
    started_days_ago, first, expected
):
    started = TODAY - dt.timedelta(days=started_days_ago) if started_days_ago else None
    intake = answers(age=60, first_episode=first, symptoms_started=started)
    assert codes(intake, BACK) == expected


def test_the_age_rules_need_back_pain_on_the_map():
    assert codes(answers(age=60, first_episode=True), [mark("neck_r", "pain")]) == []
    assert codes(answers(age=15), [mark("calf_l", "aching")]) == []


@pytest.mark.parametrize(
    ("age", "expected"), [(12, ["young_back_pain"]), (19, ["young_back_pain"]), (20, [])]
)
def test_under_20_with_back_pain_sees_a_physician(age, expected):
    assert codes(answers(age=age), BACK) == expected


def test_turning_20_on_the_intake_date_is_no_longer_under_20():
    intake = answers(client=SimpleNamespace(date_of_birth=born(20, days_to_birthday=0)))
    assert codes(intake, BACK) == []


def test_a_submitted_intake_is_judged_on_its_own_date_not_today():
    """Submitted when the client was 50: they are 51 today, the intake stays unflagged."""
    submitted = timezone.make_aware(dt.datetime(2026, 1, 10, 12))
    client = SimpleNamespace(date_of_birth=dt.date(1975, 6, 1))
    intake = answers(client=client, first_episode=True, submitted_at=submitted)
    assert screening.age_at_intake(intake) == 50
    assert codes(intake, BACK) == []


def test_no_age_rule_fires_without_a_date_of_birth():
    assert codes(answers(age=None, first_episode=True, onset="injury"), BACK) == []
    assert screening.age_at_intake(answers(age=None)) is None


def test_age_counts_birthdays_including_the_29th_of_february():
    assert screening.age_on(dt.date(2000, 2, 29), dt.date(2026, 2, 28)) == 25
    assert screening.age_on(dt.date(2000, 2, 29), dt.date(2026, 3, 1)) == 26
    assert screening.age_on(dt.date(1976, 11, 29), TODAY) == 50


# ---------------------------------------------------------------- derived: both legs, weakness


@pytest.mark.parametrize(
    "marks",
    [
        [mark("calf_l", "tingling"), mark("calf_r", "tingling")],
        [mark("back_thigh_l", "numbness"), mark("sole_r", "numbness")],
        [mark("calf_l", "pain"), mark("shin_r", "pain", "aching")],  # pain below both knees
        [mark("top_foot_l", "pain"), mark("outer_lower_leg_r", "tingling")],
    ],
)
def test_symptoms_marked_on_both_legs_are_urgent(marks):
    flags = flags_for(answers(), marks=marks)
    assert [(f.code, f.level) for f in flags] == [("symptoms_both_legs_on_map", "urgent")]


@pytest.mark.parametrize(
    "marks",
    [
        [mark("calf_l", "tingling"), mark("sole_l", "numbness")],  # one leg
        [mark("back_thigh_l", "pain"), mark("back_thigh_r", "pain")],  # thigh pain only
        [mark("front_knee_l", "pain"), mark("front_knee_r", "pain")],  # sore knees
        [mark("calf_l", "aching"), mark("calf_r", "aching", "burning")],  # not pain, tingling...
        [mark("hand_l", "tingling"), mark("hand_r", "numbness")],  # not the legs
        [mark("buttock_l", "pain"), mark("buttock_r", "pain")],
    ],
)
def test_other_patterns_on_the_legs_are_not(marks):
    assert "symptoms_both_legs_on_map" not in codes(answers(), marks)


def test_it_flags_weakness_marked_on_both_legs_as_urgent():
    both = [mark("calf_l", "weakness"), mark("front_thigh_r", "pain", "weakness")]
    assert codes(answers(), both) == ["weakness_both_legs_on_map"]
    assert highest_level(flags_for(answers(), marks=both)) == "urgent"


@pytest.mark.parametrize("region", ["calf_l", "top_foot_r", "sole_l", "front_thigh_r", "ankle_l"])
def test_weakness_in_one_leg_or_foot_sees_a_physician(region):
    flags = flags_for(answers(), marks=[mark(region, "weakness"), mark(region, "pain")])
    assert [(f.code, f.level) for f in flags] == [("weakness_one_leg_on_map", "physician")]


@pytest.mark.parametrize(
    "marks",
    [
        [mark("hand_l", "weakness"), mark("hand_r", "weakness")],
        [mark("groin_l", "weakness"), mark("groin_r", "weakness")],  # asked about in words
        [mark("nonsense", "weakness"), mark("upper_arm_r", "weakness")],
        [mark("calf_l", "pain"), mark("calf_r", "aching")],
    ],
)
def test_it_does_not_flag_weakness_elsewhere(marks):
    assert [c for c in codes(answers(), marks) if "weakness" in c] == []


@pytest.mark.parametrize(
    ("answer", "rule"),
    [
        ("weakness_both_legs", "weakness_both_legs_on_map"),
        ("both_legs_with_weakness", "weakness_both_legs_on_map"),
        ("symptoms_down_both_legs", "symptoms_both_legs_on_map"),
    ],
)
def test_it_does_not_repeat_a_map_flag_the_client_answered_themselves(answer, rule):
    both = [mark("calf_l", "weakness", "tingling"), mark("calf_r", "weakness", "tingling")]
    found = codes(answers(**{answer: True}), both)
    assert answer in found and rule not in found


def test_groin_marks_ask_the_saddle_question_again_on_the_safety_step():
    asked = {q.field for q in screening.asked_on_safety_step([mark("groin_l", "pain")])}
    assert "saddle_numbness_again" in asked and "saddle_numbness" in asked
    elsewhere = {q.field for q in screening.asked_on_safety_step([mark("calf_l", "pain")])}
    assert "saddle_numbness_again" not in elsewhere and "saddle_numbness" in elsewhere


# ---------------------------------------------------------------- derived: onset, calf, back pain


@pytest.mark.parametrize(
    ("age", "onset", "osteoporosis", "expected"),
    [
        (51, "injury", False, ["injury_onset_older_or_osteoporosis"]),
        (67, "activity", False, ["injury_onset_older_or_osteoporosis"]),
        (50, "injury", False, []),
        (40, "activity", True, ["injury_onset_older_or_osteoporosis", "osteoporosis"]),
        (70, "gradual", False, []),
        (40, "other", True, ["osteoporosis"]),
    ],
)
def test_a_fall_injury_or_lifting_in_someone_older_or_fragile_sees_a_physician(
    age, onset, osteoporosis, expected
):
    assert codes(answers(age=age, onset=onset, osteoporosis=osteoporosis)) == expected


def test_a_warm_swollen_calf_sees_a_physician_today_and_is_told_not_to_massage_it():
    flags = flags_for(answers(calf_warm_swollen=True), marks=[])
    assert [(f.code, f.level) for f in flags] == [("calf_warm_swollen", "physician")]
    assert "do not massage" in flags[0].reason
    assert screening.client_advice(flags) == [screening.CALF_ADVICE]
    assert "see a doctor today" in screening.CALF_ADVICE
    assert "do not massage" in screening.CALF_ADVICE


def test_a_warm_swollen_calf_with_breathlessness_or_chest_pain_is_urgent():
    intake = answers(calf_warm_swollen=True, breathless_or_chest_pain=True)
    assert codes(intake) == [
        "calf_with_breathlessness",
        "calf_warm_swollen",
        "breathless_or_chest_pain",
    ]
    assert screening.is_urgent(intake, marks=[])
    assert not screening.is_urgent(answers(breathless_or_chest_pain=True), marks=[])


@pytest.mark.parametrize(
    ("answer", "with_back", "rule"),
    [
        ("fever_or_infection", "physician", "fever_with_back_pain_on_map"),
        ("injected_drug_use", "physician", "injected_drugs_with_back_pain"),
    ],
)
def test_fever_or_injected_drugs_call_for_a_physician_with_back_pain_only(answer, with_back, rule):
    alone = flags_for(answers(**{answer: True}), marks=[mark("neck_l", "pain")])
    assert [(f.code, f.level) for f in alone] == [(answer, "caution")]
    flags = flags_for(answers(**{answer: True}), marks=BACK)
    assert [(f.code, f.level) for f in flags] == [(rule, with_back), (answer, "caution")]


@pytest.mark.parametrize("rule", DERIVED, ids=lambda rule: rule.code)
def test_every_derived_rule_is_absent_from_a_clean_intake(rule):
    plain = [mark("lower_back_l", "aching"), mark("back_thigh_l", "pain")]
    assert rule.code not in codes(answers(age=40), plain)


# ---------------------------------------------------------------- the table itself


def test_it_never_names_a_diagnosis():
    words = ("cauda equina", "sciatica", "fracture of", "tumour", "tumor", "infection", "dvt ")
    texts = [q.reason.lower() for q in QUESTIONS] + [rule.reason.lower() for rule in DERIVED]
    texts += [
        screening.URGENT_ADVICE.lower(),
        screening.PHYSICIAN_ADVICE.lower(),
        screening.CALF_ADVICE.lower(),
    ]
    for text in texts:
        for word in words:
            assert word not in text, (word, text)


def test_it_spots_urgent_answers_and_urgent_map_patterns():
    assert screening.is_urgent(answers(saddle_numbness=True), marks=[])
    assert screening.is_urgent(answers(), marks=[mark("calf_l", "weakness"), mark("calf_r", "weakness")])  # fmt: skip
    assert not screening.is_urgent(answers(cancer_history=True, pregnant=True), marks=[])


def test_every_rule_reads_a_real_intake_field_and_has_a_unique_code():
    names = {f.name for f in IntakeSubmission._meta.get_fields()}
    assert {q.field for q in QUESTIONS} <= names
    every = [q.field for q in QUESTIONS] + [rule.code for rule in DERIVED]
    assert len(set(every)) == len(every)
    for rule in DERIVED:
        assert set(rule.together) | set(rule.covered_by) <= names
        assert rule.reason and rule.reads and rule.source


def test_a_required_box_is_a_history_box_on_the_same_step():
    for q in QUESTIONS:
        if q.requires:
            assert screening.HISTORY_QUESTIONS[q.requires].step == q.step == screening.HISTORY


def test_the_levels_rank_from_none_to_urgent():
    assert [level.rank for level in FlagLevel] == [0, 1, 2, 3]
    assert FlagLevel.URGENT.rank > FlagLevel.PHYSICIAN.rank > FlagLevel.CAUTION.rank
    assert highest_level([]) == FlagLevel.NONE and highest_level([]).label == "No flags"


def test_the_safety_step_asks_every_urgent_question_still_asked():
    asked = {q.field for q in screening.SAFETY_QUESTIONS}
    urgent = {q.field for q in QUESTIONS if q.level == FlagLevel.URGENT and q.step != "retired"}
    assert urgent <= asked


def test_stamping_stores_the_level_and_the_rules_version():
    intake = answers(saddle_numbness=True, flag_level="none", flag_rules_version=0)
    assert screening.stamp_flag_level(intake, marks=[]) is True
    assert (intake.flag_level, intake.flag_rules_version) == ("urgent", screening.RULES_VERSION)
    assert screening.stamp_flag_level(intake, marks=[]) is False


@pytest.mark.django_db
def test_it_reads_a_saved_intakes_marks_and_client(alice):
    intake = IntakeSubmission.objects.create(client=alice, pregnant=True)
    SymptomMark.objects.create(intake=intake, region="calf_l", sensations=["weakness"])
    SymptomMark.objects.create(intake=intake, region="sole_r", sensations=["weakness"])
    assert [f.code for f in flags_for(intake)] == ["weakness_both_legs_on_map", "pregnant"]
    assert highest_level(intake) == "urgent"
    assert screening.age_at_intake(intake) == screening.age_on(alice.date_of_birth, TODAY)
