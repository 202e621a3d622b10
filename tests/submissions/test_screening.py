"""The safety-screening rules: each flag, its level, and its absence."""

from types import SimpleNamespace

import pytest

from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission, SymptomMark
from intake.submissions.screening import QUESTIONS, flags_for, highest_level

TEXT_FIELDS = ("allergies", "skin_conditions")
TICKED = [q for q in QUESTIONS if q.field not in TEXT_FIELDS]
TYPED = [q for q in QUESTIONS if q.field in TEXT_FIELDS]


def answers(**values):
    base = {q.field: False for q in TICKED}
    base.update({q.field: "" for q in TYPED})
    base.update(values)
    return SimpleNamespace(**base)


def mark(region, *sensations):
    return SimpleNamespace(region=region, sensations=list(sensations))


def test_it_raises_no_flag_for_a_clean_intake():
    assert flags_for(answers(), marks=[]) == []
    assert highest_level(answers()) == "none"


@pytest.mark.parametrize("q", TICKED, ids=lambda q: q.field)
def test_it_raises_each_yes_answer_at_its_level(q):
    flags = flags_for(answers(**{q.field: True}), marks=[])
    assert [(f.level, f.code, f.reason) for f in flags] == [(q.level, q.field, q.reason)]
    assert highest_level(flags) == q.level


@pytest.mark.parametrize("q", TYPED, ids=lambda q: q.field)
def test_it_raises_text_answers_but_not_blank_ones(q):
    assert [f.code for f in flags_for(answers(**{q.field: "Almond oil"}), marks=[])] == [q.field]
    assert flags_for(answers(**{q.field: "   "}), marks=[]) == []


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("bladder_bowel_change", "urgent"),
        ("saddle_numbness", "urgent"),
        ("rapidly_worsening_leg_weakness", "urgent"),
        ("both_legs_with_weakness", "urgent"),
        ("new_sexual_dysfunction", "urgent"),
        ("steroids_or_immune_suppression", "physician"),
        ("calf_warm_swollen", "physician"),
        ("fever_with_back_pain", "physician"),
        ("cancer_history", "physician"),
        ("unexplained_weight_loss", "physician"),
        ("recent_significant_trauma", "physician"),
        ("worsening_numbness_or_weakness", "physician"),
        ("night_pain_not_eased_by_rest", "physician"),
        ("takes_blood_thinners", "caution"),
        ("clot_history", "caution"),
        ("pregnant", "caution"),
        ("recent_surgery_or_fracture", "caution"),
        ("osteoporosis", "caution"),
    ],
)
def test_it_puts_the_issue_s_red_flags_at_the_right_level(field, expected):
    assert highest_level(flags_for(answers(**{field: True}), marks=[])) == expected


def test_it_orders_flags_highest_first_and_reports_the_highest_level():
    flags = flags_for(answers(pregnant=True, cancer_history=True, saddle_numbness=True), marks=[])
    assert [f.level for f in flags] == ["urgent", "physician", "caution"]
    assert highest_level(flags) == "urgent"
    assert flags[0].label == "Urgent"


def test_it_flags_weakness_marked_on_both_legs():
    both = [mark("calf_l", "weakness"), mark("front_thigh_r", "pain", "weakness")]
    codes = [f.code for f in flags_for(answers(), marks=both)]
    assert codes == ["weakness_both_legs_on_map"]


@pytest.mark.parametrize(
    "marks",
    [
        [mark("calf_l", "weakness"), mark("calf_l", "pain")],
        [mark("calf_l", "weakness"), mark("calf_r", "numbness")],
        [mark("hand_l", "weakness"), mark("hand_r", "weakness")],
        [mark("nonsense", "weakness"), mark("calf_r", "weakness")],
    ],
)
def test_it_does_not_flag_weakness_on_one_leg_or_elsewhere(marks):
    assert flags_for(answers(), marks=marks) == []


def test_it_does_not_repeat_the_map_flag_when_the_client_answered_the_question():
    both = [mark("calf_l", "weakness"), mark("calf_r", "weakness")]
    codes = [f.code for f in flags_for(answers(both_legs_with_weakness=True), marks=both)]
    assert codes == ["both_legs_with_weakness"]


def test_it_never_names_a_diagnosis():
    words = ("cauda equina", "sciatica", "fracture of", "tumour", "tumor", "infection", "dvt ")
    texts = [q.reason.lower() for q in QUESTIONS]
    texts += [screening.URGENT_ADVICE.lower(), screening.PHYSICIAN_ADVICE.lower()]
    for text in texts:
        for word in words:
            assert word not in text, (word, text)


def test_it_spots_urgent_answers_alone():
    assert screening.is_urgent(answers(saddle_numbness=True))
    assert not screening.is_urgent(answers(cancer_history=True, pregnant=True))


def test_every_question_reads_a_real_intake_field():
    names = {f.name for f in IntakeSubmission._meta.get_fields()}
    assert {q.field for q in QUESTIONS} <= names
    assert len({q.field for q in QUESTIONS}) == len(QUESTIONS)  # one entry per question


def test_the_levels_rank_from_none_to_urgent():
    assert [level.rank for level in FlagLevel] == [0, 1, 2, 3]
    assert FlagLevel.URGENT.rank > FlagLevel.PHYSICIAN.rank > FlagLevel.CAUTION.rank
    assert highest_level([]) == FlagLevel.NONE and highest_level([]).label == "No flags"


def test_the_safety_step_asks_every_urgent_question():
    asked = {q.field for q in screening.SAFETY_QUESTIONS}
    assert {q.field for q in QUESTIONS if q.level == FlagLevel.URGENT} <= asked


@pytest.mark.django_db
def test_it_reads_a_saved_intakes_marks(alice):
    intake = IntakeSubmission.objects.create(client=alice, pregnant=True)
    SymptomMark.objects.create(intake=intake, region="calf_l", sensations=["weakness"])
    SymptomMark.objects.create(intake=intake, region="sole_r", sensations=["weakness"])
    codes = [f.code for f in flags_for(intake)]
    assert codes == ["weakness_both_legs_on_map", "pregnant"]
    assert highest_level(intake) == "physician"
