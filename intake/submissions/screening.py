"""Safety screening: the one table of questions whose answers raise flags, and the rules that read it.

``QUESTIONS`` holds, once, every answer the rules read: the intake column, the flag level it
raises, the question in the client's own words, and the reason shown to the therapist. The safety
step asks its yes/no questions from it, the health-history step labels its boxes from it, the
rules (``flags_for``, ``is_urgent``) raise flags from it, the intake summary lists it, and
``docs/clinical-safety.md`` is written from it (a test keeps them in step). Adding a red flag is
one entry here and its model column (plus the migration ``makemigrations`` writes).

A flag points the therapist at an answer that calls for care before (or instead of) massage; it
never names a diagnosis. Levels, highest first (``FlagLevel``):
- ``urgent``: advise emergency care today, no treatment;
- ``physician``: see a physician before treatment;
- ``caution``: the therapist adapts treatment.

Sources, and the table written out for clinicians: docs/clinical-safety.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from intake import body_map
from intake.submissions.models import FlagLevel

#: The wizard steps that ask screening questions (their ``services.STEPS`` keys).
SAFETY = "safety"  # a yes/no question, answered on the safety step
HISTORY = "history"  # a tick box or a text box on the health-history step

#: What the client is told, plainly, as soon as they give an urgent answer.
URGENT_ADVICE = (
    "One or more of your answers can be a sign of a problem that needs a doctor today. "
    "Please do not wait for your massage appointment: go to an emergency department now, "
    "or call your local emergency number. Tell them about the answers you gave here. "
    "Your massage therapist will not treat you until a doctor has seen you."
)
#: What the client is told when an answer calls for a physician before treatment.
PHYSICIAN_ADVICE = (
    "Some of your answers mean your therapist may ask you to see your doctor before treatment. "
    "If you already have a referral from your doctor, add it on the referral step."
)


@dataclass(frozen=True)
class Question:
    """One screened answer. A yes (a ticked box, or any text typed) raises a flag at ``level``."""

    field: str  # the IntakeSubmission column holding the answer
    level: FlagLevel
    question: str  # what the client reads, in plain words
    reason: str  # what the therapist reads when it raises a flag: the answer, never a diagnosis
    step: str = SAFETY


QUESTIONS: tuple[Question, ...] = (
    Question(
        "bladder_bowel_change",
        FlagLevel.URGENT,
        "Since this problem started, have you had new trouble starting to pee, lost control "
        "of your bladder or bowels, or stopped feeling when your bladder or bowel is full?",
        "New difficulty passing urine, or loss of bladder or bowel control or feeling.",
    ),
    Question(
        "saddle_numbness",
        FlagLevel.URGENT,
        "Do you have numbness or pins and needles between your legs, around your bottom "
        "or on your inner thighs (the area that would touch a saddle)?",
        "Numbness or tingling between the legs, around the buttocks or inner thighs.",
    ),
    Question(
        "rapidly_worsening_leg_weakness",
        FlagLevel.URGENT,
        "Is a leg getting weaker quickly, or does a foot drag or slap when you walk?",
        "Weakness in a leg that is getting worse quickly, or a foot that drags or slaps.",
    ),
    Question(
        "both_legs_with_weakness",
        FlagLevel.URGENT,
        "Do you have pain, tingling or numbness going down both legs, with weakness?",
        "Symptoms running down both legs together with weakness.",
    ),
    Question(
        "new_sexual_dysfunction",
        FlagLevel.URGENT,
        "Since this problem started, have you noticed a new change in sexual function, "
        "such as less feeling or trouble with erections?",
        "New change in sexual function since the back or leg symptoms began.",
    ),
    Question(
        "fever_with_back_pain",
        FlagLevel.PHYSICIAN,
        "Do you have a fever or chills as well as back pain?",
        "Fever or chills together with back pain.",
    ),
    Question(
        "cancer_history",
        FlagLevel.PHYSICIAN,
        "I have or have had cancer",
        "History of cancer.",
        HISTORY,
    ),
    Question(
        "unexplained_weight_loss",
        FlagLevel.PHYSICIAN,
        "Have you lost weight recently without trying?",
        "Weight loss without a known reason.",
    ),
    Question(
        "recent_significant_trauma",
        FlagLevel.PHYSICIAN,
        "Have you recently had a bad fall, a car accident or another serious injury?",
        "Recent significant fall, accident or other trauma.",
    ),
    Question(
        "worsening_numbness_or_weakness",
        FlagLevel.PHYSICIAN,
        "Is numbness or weakness in a leg getting worse over days or weeks?",
        "Numbness or weakness in a leg that is getting worse.",
    ),
    Question(
        "night_pain_not_eased_by_rest",
        FlagLevel.PHYSICIAN,
        "Is your pain constant, or bad at night, and not eased by resting or changing position?",
        "Constant or night pain that rest does not ease.",
    ),
    Question(
        "steroids_or_immune_suppression",
        FlagLevel.PHYSICIAN,
        "Do you take steroid tablets long-term, or have a weakened immune system?",
        "Long-term steroid tablets or a weakened immune system.",
    ),
    Question(
        "calf_warm_swollen",
        FlagLevel.PHYSICIAN,
        "Is one of your calves warm, swollen, red or painful to touch?",
        "A calf that is warm, swollen and painful: do not massage the leg until cleared.",
    ),
    Question(
        "takes_blood_thinners",
        FlagLevel.CAUTION,
        "I take a blood thinner (for example warfarin, apixaban, rivaroxaban, or daily aspirin)",
        "Takes blood thinners: lighter pressure, bruising risk.",
        HISTORY,
    ),
    Question(
        "bleeding_disorder",
        FlagLevel.CAUTION,
        "I have a bleeding disorder or bruise very easily",
        "Bleeding disorder: lighter pressure, bruising risk.",
        HISTORY,
    ),
    Question(
        "clot_history",
        FlagLevel.CAUTION,
        "I have had a blood clot (for example in a leg or a lung)",
        "History of blood clots (DVT): avoid deep work on the legs.",
        HISTORY,
    ),
    Question(
        "pregnant",
        FlagLevel.CAUTION,
        "I am or may be pregnant",
        "Pregnant: adapt positioning; a high-risk pregnancy needs clearance.",
        HISTORY,
    ),
    Question(
        "recent_surgery_or_fracture",
        FlagLevel.CAUTION,
        "I have had surgery or a broken bone in the last 6 months",
        "Recent surgery or fracture: avoid the site until cleared.",
        HISTORY,
    ),
    Question(
        "osteoporosis",
        FlagLevel.CAUTION,
        "I have osteoporosis (thin or fragile bones)",
        "Osteoporosis: gentle pressure, careful positioning.",
        HISTORY,
    ),
    Question(
        "high_blood_pressure",
        FlagLevel.CAUTION,
        "I have high blood pressure",
        "High blood pressure.",
        HISTORY,
    ),
    Question(
        "diabetes",
        FlagLevel.CAUTION,
        "I have diabetes",
        "Diabetes: check sensation in the feet, adapt pressure.",
        HISTORY,
    ),
    Question(
        "allergies",
        FlagLevel.CAUTION,
        "Allergies (including to oils, lotions or nuts)",
        "Allergies reported: check oils and lotions.",
        HISTORY,
    ),
    Question(
        "skin_conditions",
        FlagLevel.CAUTION,
        "Skin conditions, rashes, wounds or bruises",
        "Skin condition reported: avoid affected areas.",
        HISTORY,
    ),
)

#: The safety step's yes/no questions, in the order it asks them.
SAFETY_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.step == SAFETY)
#: The health-history step's screened boxes, by column (their labels).
HISTORY_QUESTIONS: dict[str, Question] = {q.field: q for q in QUESTIONS if q.step == HISTORY}

#: The one rule that reads the body map rather than a question.
WEAKNESS_BOTH_LEGS_ON_MAP = "weakness_both_legs_on_map"
WEAKNESS_BOTH_LEGS_REASON = (
    "Weakness marked on both legs on the body map: ask about both legs directly."
)


@dataclass(frozen=True)
class Flag:
    level: FlagLevel
    code: str  # stable key: the question's field, or WEAKNESS_BOTH_LEGS_ON_MAP
    reason: str  # plain words for the therapist: the answer that raised it, never a diagnosis

    @property
    def label(self) -> str:
        return self.level.label


def answered_yes(intake: Any, question: Question) -> bool:
    """A ticked box or yes (exactly True), or text that is not blank."""
    answer = getattr(intake, question.field, None)
    if isinstance(answer, str):
        return bool(answer.strip())
    return answer is True


_LEFT_LEG = frozenset(r.code for r in body_map.REGIONS if "leg" in r.tags and r.side == "left")
_RIGHT_LEG = frozenset(r.code for r in body_map.REGIONS if "leg" in r.tags and r.side == "right")


def _marks_of(intake: Any) -> Iterable[Any]:
    if getattr(intake, "pk", None) is None or not hasattr(intake, "marks"):
        return ()
    return intake.marks.all()  # uses prefetch_related("marks") when the caller did it


def _weakness_on_both_legs(marks: Iterable[Any]) -> bool:
    sides = set()
    for mark in marks:
        if "weakness" in (mark.sensations or []):
            if mark.region in _LEFT_LEG:
                sides.add("left")
            elif mark.region in _RIGHT_LEG:
                sides.add("right")
    return sides == {"left", "right"}


def flags_for(intake: Any, *, marks: Iterable[Any] | None = None) -> list[Flag]:
    """The safety flags raised by an intake's answers, highest level first.

    ``intake`` is an IntakeSubmission (or any object with the same attribute names).
    ``marks`` are its SymptomMarks (region, sensations); by default ``intake.marks.all()``.
    """
    flags = [Flag(q.level, q.field, q.reason) for q in QUESTIONS if answered_yes(intake, q)]
    marks = _marks_of(intake) if marks is None else marks
    if _weakness_on_both_legs(marks) and not getattr(intake, "both_legs_with_weakness", False):
        flags.append(
            Flag(FlagLevel.PHYSICIAN, WEAKNESS_BOTH_LEGS_ON_MAP, WEAKNESS_BOTH_LEGS_REASON)
        )
    flags.sort(key=lambda flag: -flag.level.rank)
    return flags


def highest_level(flags_or_intake: Iterable[Flag] | Any) -> FlagLevel:
    """The highest level among the flags (``FlagLevel.NONE`` when there are none).

    Accepts a list of flags, or an intake (then its flags are computed).
    """
    if isinstance(flags_or_intake, list | tuple | set | frozenset):
        flags = flags_or_intake
    else:
        flags = flags_for(flags_or_intake)
    return max((flag.level for flag in flags), key=lambda level: level.rank, default=FlagLevel.NONE)


def is_urgent(intake: Any) -> bool:
    """True when any answer alone calls for emergency advice (no body-map rules involved)."""
    return any(answered_yes(intake, q) for q in QUESTIONS if q.level == FlagLevel.URGENT)
