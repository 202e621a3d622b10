"""Safety screening: the one set of rules that turns intake answers into flags.

Read by the intake summary, the client chart and the session-note PDF. A flag points the therapist
at an answer that calls for care before (or instead of) massage; it never names a diagnosis.

Levels, highest first:
- ``urgent``: advise emergency care today, no treatment;
- ``physician``: see a physician before treatment;
- ``caution``: the therapist adapts treatment.

Sources: CLINICAL.md (NICE CKS sciatica red flags; NHS Lothian RefHelp; AHCPR low back guideline).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from intake import body_map

URGENT = "urgent"
PHYSICIAN = "physician"
CAUTION = "caution"
NONE = "none"

LEVELS: tuple[str, ...] = (URGENT, PHYSICIAN, CAUTION)
LEVEL_LABELS: dict[str, str] = {
    URGENT: "Urgent",
    PHYSICIAN: "See a physician first",
    CAUTION: "Caution",
    NONE: "No flags",
}
#: Bootstrap contextual class per level, for badges.
LEVEL_CSS: dict[str, str] = {
    URGENT: "danger",
    PHYSICIAN: "warning",
    CAUTION: "info",
    NONE: "secondary",
}
_RANK: dict[str, int] = {URGENT: 3, PHYSICIAN: 2, CAUTION: 1, NONE: 0}

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
class Flag:
    level: str  # "urgent" | "physician" | "caution"
    code: str  # stable key, e.g. "saddle_numbness"
    reason: str  # plain words for the therapist: the answer that raised it, never a diagnosis

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def css(self) -> str:
        return LEVEL_CSS[self.level]


# (intake field, level, reason). A True answer raises the flag.
BOOLEAN_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "bladder_bowel_change",
        URGENT,
        "New difficulty passing urine, or loss of bladder or bowel control or feeling.",
    ),
    (
        "saddle_numbness",
        URGENT,
        "Numbness or tingling between the legs, around the buttocks or inner thighs.",
    ),
    (
        "rapidly_worsening_leg_weakness",
        URGENT,
        "Weakness in a leg that is getting worse quickly, or a foot that drags or slaps.",
    ),
    (
        "both_legs_with_weakness",
        URGENT,
        "Symptoms running down both legs together with weakness.",
    ),
    (
        "new_sexual_dysfunction",
        URGENT,
        "New change in sexual function since the back or leg symptoms began.",
    ),
    ("fever_with_back_pain", PHYSICIAN, "Fever or chills together with back pain."),
    ("cancer_history", PHYSICIAN, "History of cancer."),
    ("unexplained_weight_loss", PHYSICIAN, "Weight loss without a known reason."),
    (
        "recent_significant_trauma",
        PHYSICIAN,
        "Recent significant fall, accident or other trauma.",
    ),
    (
        "worsening_numbness_or_weakness",
        PHYSICIAN,
        "Numbness or weakness in a leg that is getting worse.",
    ),
    (
        "night_pain_not_eased_by_rest",
        PHYSICIAN,
        "Constant or night pain that rest does not ease.",
    ),
    (
        "steroids_or_immune_suppression",
        PHYSICIAN,
        "Long-term steroid tablets or a weakened immune system.",
    ),
    (
        "calf_warm_swollen",
        PHYSICIAN,
        "A calf that is warm, swollen and painful: do not massage the leg until cleared.",
    ),
    (
        "takes_blood_thinners",
        CAUTION,
        "Takes blood thinners: lighter pressure, bruising risk.",
    ),
    ("bleeding_disorder", CAUTION, "Bleeding disorder: lighter pressure, bruising risk."),
    ("clot_history", CAUTION, "History of blood clots (DVT): avoid deep work on the legs."),
    ("pregnant", CAUTION, "Pregnant: adapt positioning; a high-risk pregnancy needs clearance."),
    (
        "recent_surgery_or_fracture",
        CAUTION,
        "Recent surgery or fracture: avoid the site until cleared.",
    ),
    ("osteoporosis", CAUTION, "Osteoporosis: gentle pressure, careful positioning."),
    ("high_blood_pressure", CAUTION, "High blood pressure."),
    ("diabetes", CAUTION, "Diabetes: check sensation in the feet, adapt pressure."),
)

# Text fields whose presence calls for care.
TEXT_RULES: tuple[tuple[str, str, str], ...] = (
    ("allergies", CAUTION, "Allergies reported: check oils and lotions."),
    ("skin_conditions", CAUTION, "Skin condition reported: avoid affected areas."),
)

#: Every flag code the rules can raise (for tests and documentation).
CODES: frozenset[str] = frozenset(
    [code for code, _, _ in BOOLEAN_RULES]
    + [code for code, _, _ in TEXT_RULES]
    + ["weakness_both_legs_on_map"]
)

_LEFT_LEG = frozenset(r.code for r in body_map.REGIONS if "leg" in r.tags and r.side == "left")
_RIGHT_LEG = frozenset(r.code for r in body_map.REGIONS if "leg" in r.tags and r.side == "right")


def _marks_of(intake: Any) -> Iterable[Any]:
    if getattr(intake, "pk", None) is None or not hasattr(intake, "marks"):
        return ()
    return intake.marks.all()  # uses prefetch_related("marks") when the caller did it


def flags_for(intake: Any, *, marks: Iterable[Any] | None = None) -> list[Flag]:
    """The safety flags raised by an intake's answers, highest level first.

    ``intake`` is an IntakeSubmission (or any object with the same attribute names).
    ``marks`` are its SymptomMarks (region, sensations); by default ``intake.marks.all()``.
    """
    flags: list[Flag] = []
    for field, level, reason in BOOLEAN_RULES:
        if getattr(intake, field, False) is True:
            flags.append(Flag(level, field, reason))
    for field, level, reason in TEXT_RULES:
        if str(getattr(intake, field, "") or "").strip():
            flags.append(Flag(level, field, reason))
    weak_sides = set()
    for mark in _marks_of(intake) if marks is None else marks:
        if "weakness" in (mark.sensations or []):
            if mark.region in _LEFT_LEG:
                weak_sides.add("left")
            elif mark.region in _RIGHT_LEG:
                weak_sides.add("right")
    if weak_sides == {"left", "right"} and not getattr(intake, "both_legs_with_weakness", False):
        flags.append(
            Flag(
                PHYSICIAN,
                "weakness_both_legs_on_map",
                "Weakness marked on both legs on the body map: ask about both legs directly.",
            )
        )
    flags.sort(key=lambda flag: -_RANK[flag.level])
    return flags


def highest_level(flags_or_intake: Iterable[Flag] | Any) -> str:
    """``"urgent"``, ``"physician"``, ``"caution"`` or ``"none"``.

    Accepts a list of flags, or an intake (then its flags are computed).
    """
    if isinstance(flags_or_intake, list | tuple | set | frozenset):
        flags = flags_or_intake
    else:
        flags = flags_for(flags_or_intake)
    best = NONE
    for flag in flags:
        if _RANK[flag.level] > _RANK[best]:
            best = flag.level
    return best


def is_urgent(intake: Any) -> bool:
    """True when any answer alone calls for emergency advice (no body-map rules involved)."""
    return any(
        getattr(intake, field, False) is True
        for field, level, _ in BOOLEAN_RULES
        if level == URGENT
    )
