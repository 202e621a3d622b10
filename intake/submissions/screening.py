"""Safety screening: the one table of questions, the rules derived from answers already given,
and the functions that read them (docs/clinical-safety.md is written from both tables; a test
keeps them in step).

``QUESTIONS``: every answer the rules read, once: its intake column, level, the question in the
client's words, the reason the therapist reads, its source. The safety and history steps ask from
it, ``flags_for`` raises flags from it, the summary lists it. ``DERIVED``: rules combining answers
(age at the intake date, the body map, two answers together), each beside its level and reason.
A flag points at an answer that calls for care before (or instead of) massage, never at a
diagnosis. ``RULES_VERSION`` goes up whenever a rule changes: an intake stores the version its
``flag_level`` was computed with, and ``manage.py recompute_flags`` updates older ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils import timezone

from intake import body_map
from intake.submissions.models import FlagLevel

#: 1: the first table (issues 2-12). 2: complete back-and-leg lists and derived rules (issue 13).
RULES_VERSION = 2

#: Where a question is asked (their ``services.STEPS`` keys); RETIRED ones are no longer asked,
#: but old intakes keep their answers and the flags those answers raised.
SAFETY = "safety"  # a yes/no question, answered on the safety step
HISTORY = "history"  # a tick box or a text box on the health-history step
RETIRED = "retired"
#: The one condition a question may be asked under (``Question.only_if``).
GROIN_MARKED = "groin or inner thigh marked on the body map"

# Sources, in our words (docs/clinical-safety.md names them in full).
NERVES = "Cauda equina red flags (NICE CKS Sciatica; NHS Lothian RefHelp)"
SERIOUS = "Red flags for a serious cause (NICE CKS; NHS Lothian RefHelp; AHCPR guideline 14)"
MASSAGE = "Massage contraindications and precautions"
CLOT = "Suspected deep-vein thrombosis, and a clot reaching the lungs"
OURS = "Our judgement, from the red-flag lists above"

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
CALF_ADVICE = (
    "Because of your answer about a warm, swollen or painful calf: please see a doctor today, "
    "and do not massage or rub that leg until a doctor has checked it."
)


@dataclass(frozen=True)
class Question:
    """One screened answer. A yes (a ticked box, or text that says something) raises a flag."""

    field: str  # the IntakeSubmission column holding the answer
    level: FlagLevel
    question: str  # what the client reads, in plain words
    reason: str  # what the therapist reads when it raises a flag: the answer, never a diagnosis
    step: str = SAFETY
    source: str = SERIOUS
    advice: str = ""  # told to the client when they answer yes (besides their level's advice)
    requires: str = ""  # a box that must be ticked too, or the two answers contradict each other
    only_if: str = ""  # asked only under this condition (GROIN_MARKED)


def _q(field: str, level: FlagLevel, question: str, reason: str, **more: str) -> Question:
    return Question(field, level, question, reason, **more)


U, P, C = FlagLevel.URGENT, FlagLevel.PHYSICIAN, FlagLevel.CAUTION

QUESTIONS: tuple[Question, ...] = (
    # Safety step: yes or no, every one answered, in this order.
    _q("bladder_change", U, "Since this problem started, have you had new trouble starting to "
       "pee, lost control of your bladder, or stopped feeling when your bladder is full?",
       "New difficulty passing urine, or loss of bladder control or of the feeling of a full "
       "bladder.", source=NERVES),
    _q("bowel_change", U, "Since this problem started, have you lost control of your bowels, "
       "or stopped feeling when you need to empty them (to poo)?",
       "Loss of bowel control or of the feeling of a full bowel.", source=NERVES),
    _q("saddle_numbness", U, "Do you have numbness or pins and needles between your legs, "
       "around your bottom or on your inner thighs (the area that would touch a saddle)?",
       "Numbness or tingling between the legs, around the buttocks or inner thighs.",
       source=NERVES),
    _q("symptoms_down_both_legs", U, "Do you have pain, tingling or numbness going down both of "
       "your legs?", "Pain, tingling or numbness going down both legs.", source=NERVES),
    _q("weakness_both_legs", U, "Do both of your legs feel weak, or are both getting weaker?",
       "Weakness in both legs, or both legs getting weaker.", source=NERVES),
    _q("sudden_foot_drop", U, "Has one of your feet suddenly started to drag or slap on the "
       "ground when you walk?", "A foot that has suddenly started to drag or slap when walking.",
       source=NERVES),
    _q("new_sexual_dysfunction", U, "Since this problem started, have you noticed a new change "
       "in sexual function, such as less feeling or trouble with erections?",
       "New change in sexual function since the back or leg symptoms began.", source=NERVES),
    _q("unexplained_weight_loss", P, "Have you lost weight recently without trying?",
       "Weight loss without a known reason."),
    _q("recent_significant_trauma", P, "Have you recently had a bad fall, a car accident or "
       "another serious injury?", "Recent significant fall, accident or other trauma."),
    _q("worsening_numbness_or_weakness", P, "Is numbness or weakness in a leg getting worse over "
       "days or weeks?", "Numbness or weakness in a leg that is getting worse."),
    _q("night_pain_not_eased_by_rest", P, "Is your pain constant, or bad at night, and not eased "
       "by resting or changing position?", "Constant or night pain that rest does not ease."),
    _q("steroids_or_immune_suppression", P, "Do you take steroid tablets long-term, or have a "
       "weakened immune system?", "Long-term steroid tablets or a weakened immune system."),
    _q("fever_or_infection", C, "Do you have a fever, chills or an infection right now (for "
       "example flu, or a chest, urine or skin infection)?",
       "Fever, chills or an acute illness now: postpone treatment until well.", source=MASSAGE),
    _q("injected_drug_use", C, "In the last year, have you injected drugs that a doctor did not "
       "prescribe for you?", "Injected drugs not prescribed, in the last year: check the skin.",
       source=SERIOUS),
    _q("calf_warm_swollen", P, "Is one of your calves warm, swollen, red or painful to touch?",
       "A warm, swollen or painful calf: do not massage the leg; a doctor should see it today.",
       source=CLOT, advice=CALF_ADVICE),
    _q("breathless_or_chest_pain", P, "Are you newly short of breath, or do you have pain in "
       "your chest?", "New breathlessness or chest pain.", source=OURS),
    _q("saddle_numbness_again", U, "You marked your groin or inner thigh on the body map, so we "
       "ask again to be sure: is the skin between your legs, around your bottom or on your inner "
       "thighs numb, or does it tingle?",
       "Numbness or tingling in the saddle area, asked again after marks on the groin or inner "
       "thigh.", source=NERVES, only_if=GROIN_MARKED),
    # Health-history step: tick boxes (and two text boxes), in the page's order.
    _q("takes_blood_thinners", C, "I take a blood thinner (for example warfarin, apixaban, "
       "rivaroxaban, or daily aspirin)", "Takes blood thinners: lighter pressure, bruising risk.",
       step=HISTORY, source=MASSAGE),
    _q("bleeding_disorder", C, "I have a bleeding disorder or bruise very easily",
       "Bleeding disorder: lighter pressure, bruising risk.", step=HISTORY, source=MASSAGE),
    _q("clot_history", C, "I have had a blood clot (for example in a leg or a lung)",
       "History of blood clots (DVT): avoid deep work on the legs.", step=HISTORY, source=CLOT),
    _q("pregnant", C, "I am or may be pregnant",
       "Pregnant: adapt positioning; a high-risk pregnancy needs clearance.", step=HISTORY,
       source=MASSAGE),
    _q("high_risk_pregnancy", P, "My doctor or midwife has told me my pregnancy is high-risk",
       "High-risk pregnancy: clearance from their doctor or midwife before treatment.",
       step=HISTORY, source=MASSAGE, requires="pregnant"),
    _q("recent_surgery_or_fracture", C, "I have had surgery or a broken bone in the last 6 months",
       "Recent surgery or fracture: avoid the site until cleared.", step=HISTORY, source=MASSAGE),
    _q("osteoporosis", C, "I have osteoporosis (thin or fragile bones)",
       "Osteoporosis: gentle pressure, careful positioning.", step=HISTORY, source=MASSAGE),
    _q("diabetes", C, "I have diabetes", "Diabetes: check sensation in the feet, adapt pressure.",
       step=HISTORY, source=MASSAGE),
    _q("diabetes_reduced_feeling", C, "My diabetes has reduced the feeling in my feet",
       "Diabetes with reduced feeling in the feet: check the skin, light pressure on the feet.",
       step=HISTORY, source=MASSAGE, requires="diabetes"),
    _q("high_blood_pressure", C, "I have high blood pressure", "High blood pressure.",
       step=HISTORY, source=MASSAGE),
    _q("uncontrolled_blood_pressure", P, "My blood pressure is still high with treatment, or my "
       "doctor says it is not under control", "Uncontrolled high blood pressure.", step=HISTORY,
       source=MASSAGE, requires="high_blood_pressure"),
    _q("recent_stroke_or_heart_event", P, "I have had a stroke, a heart attack or heart surgery "
       "in the last 6 months", "Stroke or heart event in the last 6 months.", step=HISTORY,
       source=MASSAGE),
    _q("cancer_history", P, "I have or have had cancer", "History of cancer.", step=HISTORY),
    _q("cancer_treatment_now", P, "I am being treated for cancer now (for example chemotherapy "
       "or radiotherapy)", "Cancer treatment now: avoid treated skin and ports.", step=HISTORY,
       source=MASSAGE, requires="cancer_history"),
    _q("skin_conditions", C, "Open wounds, rashes, burns, bruises or other skin problems "
       "(say where)", "Skin problem reported (wound, rash or burn): avoid the area.",
       step=HISTORY, source=MASSAGE),
    _q("allergies", C, "Allergies (including to oils, lotions or nuts)",
       "Allergies reported: check oils and lotions.", step=HISTORY, source=MASSAGE),
    # Asked until rules version 1, each since split into questions of one idea.
    _q("bladder_bowel_change", U, "Since this problem started, have you had new trouble starting "
       "to pee, lost control of your bladder or bowels, or stopped feeling when your bladder or "
       "bowel is full?", "New difficulty passing urine, or loss of bladder or bowel control or "
       "feeling.", step=RETIRED, source=NERVES),
    _q("rapidly_worsening_leg_weakness", U, "Is a leg getting weaker quickly, or does a foot "
       "drag or slap when you walk?", "Weakness in a leg that is getting worse quickly, or a "
       "foot that drags or slaps.", step=RETIRED, source=NERVES),
    _q("both_legs_with_weakness", U, "Do you have pain, tingling or numbness going down both "
       "legs, with weakness?", "Symptoms running down both legs together with weakness.",
       step=RETIRED, source=NERVES),
    _q("fever_with_back_pain", P, "Do you have a fever or chills as well as back pain?",
       "Fever or chills together with back pain.", step=RETIRED),
)  # fmt: skip

#: The safety step's yes/no questions, in the order it asks them (``asked_on_safety_step``
#: leaves out those whose condition does not hold).
SAFETY_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.step == SAFETY)
#: The health-history step's screened boxes, by column (their labels).
HISTORY_QUESTIONS: dict[str, Question] = {q.field: q for q in QUESTIONS if q.step == HISTORY}
QUESTION_BY_FIELD: dict[str, Question] = {q.field: q for q in QUESTIONS}

# ---------------------------------------------------------------- what the rules read

#: Free text that says nothing (case-folded, with only letters, digits and single spaces kept).
NOTHING_WORDS = frozenset(
    {"", "none", "no", "na", "nil", "nothing", "nope", "null", "not applicable", "none known",
     "nka", "nkda", "no known allergies", "no allergies", "no medications", "no medication"}
)  # fmt: skip


def says_nothing(text: str | None) -> bool:
    """True for blank text and for answers like "none", "N/A", "-" or "nil" (case, spaces and
    punctuation ignored)."""
    words = re.sub(r"[^\w\s]|_", "", (text or "").casefold())
    return " ".join(words.split()) in NOTHING_WORDS


def answered_yes(intake: Any, question: Question) -> bool:
    """A ticked box or yes (exactly True), or text that says something."""
    answer = getattr(intake, question.field, None)
    if isinstance(answer, str):
        return not says_nothing(answer)
    return answer is True


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day`` (a birthday on ``day`` counts)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def intake_date(intake: Any) -> dt.date:
    """The day the intake was submitted, or today for a draft."""
    submitted = getattr(intake, "submitted_at", None)
    return timezone.localdate(submitted) if submitted else timezone.localdate()


def age_at_intake(intake: Any) -> int | None:
    """The client's age at the intake date, from their date of birth (None when not given)."""
    born = getattr(getattr(intake, "client", None), "date_of_birth", None)
    return age_on(born, intake_date(intake)) if born else None


def _region_codes(*tags: str, without: str = "") -> dict[str, str]:
    return {
        r.code: r.side for r in body_map.REGIONS if set(tags) <= r.tags and without not in r.tags
    }


#: Leg and foot regions by side; the groin has its own rule (the saddle question asked again).
LEGS = _region_codes("leg", without="groin")
BELOW_KNEE = _region_codes("below_knee")
BACK = _region_codes("back")
GROIN = _region_codes("groin")
NERVE_FEELINGS = frozenset({"tingling", "numbness"})
NEW_PAIN_DAYS = 42  # "started within the last 6 weeks"


def _nerve_symptom(mark: Any) -> bool:
    """Tingling or numbness on the leg, or pain below the knee (leg pain that spreads below the
    knee is the nerve-root pattern; pain in the thighs or knees alone is often muscular)."""
    felt = set(mark.sensations or [])
    return bool(NERVE_FEELINGS & felt) or (mark.region in BELOW_KNEE and "pain" in felt)


class Facts:
    """What the derived rules read from one intake and its body-map marks, computed once."""

    def __init__(self, intake: Any, marks: Iterable[Any]) -> None:
        self.intake = intake
        self.marks = list(marks)

    def yes(self, field: str) -> bool:
        return answered_yes(self.intake, QUESTION_BY_FIELD[field])

    def _legs_where(self, felt: Callable[[Any], bool]) -> set[str]:
        """The sides ("left", "right") of the leg marks where ``felt(mark)`` holds."""
        return {LEGS[m.region] for m in self.marks if m.region in LEGS and felt(m)}

    @cached_property
    def weak_legs(self) -> set[str]:
        return self._legs_where(lambda mark: "weakness" in (mark.sensations or []))

    @cached_property
    def nerve_symptom_legs(self) -> set[str]:
        return self._legs_where(_nerve_symptom)

    @cached_property
    def back_pain(self) -> bool:
        return any(m.region in BACK for m in self.marks)

    @cached_property
    def age(self) -> int:
        """Age at the intake date; -1 when the date of birth is not known (no age rule fires)."""
        age = age_at_intake(self.intake)
        return -1 if age is None else age

    @property
    def new_pain(self) -> bool:
        """First episode, or started within the last 6 weeks of the intake date."""
        started = getattr(self.intake, "symptoms_started", None)
        recent = started is not None and (intake_date(self.intake) - started).days <= NEW_PAIN_DAYS
        return getattr(self.intake, "first_episode", None) is True or recent

    @property
    def strain_onset(self) -> bool:
        """Began after an injury or fall, or an activity such as lifting."""
        return getattr(self.intake, "onset", "") in ("injury", "activity")


@dataclass(frozen=True)
class Derived:
    """A rule that combines answers already given: ``test`` reads them through ``Facts``, or
    ``together`` names questions whose yes answers, all together, raise it."""

    code: str
    level: FlagLevel
    reason: str
    reads: str  # what it reads, in words (for docs/clinical-safety.md)
    test: Callable[[Facts], bool] | None = None
    source: str = SERIOUS
    covered_by: tuple[str, ...] = ()  # answers that already raise the same flag themselves
    together: tuple[str, ...] = ()

    def applies(self, facts: Facts) -> bool:
        if self.together:
            return all(facts.yes(field) for field in self.together)
        return self.test is not None and self.test(facts)


DERIVED: tuple[Derived, ...] = (
    Derived("symptoms_both_legs_on_map", U,
            "Pain below the knee, tingling or numbness marked on both legs.",
            "body map: tingling or numbness on each leg, or pain below each knee",
            lambda f: f.nerve_symptom_legs == {"left", "right"}, NERVES,
            covered_by=("symptoms_down_both_legs",)),
    Derived("weakness_both_legs_on_map", U, "Weakness marked on both legs.",
            "body map: weakness on a leg or foot region of each side",
            lambda f: f.weak_legs == {"left", "right"}, NERVES,
            covered_by=("weakness_both_legs", "both_legs_with_weakness")),
    Derived("calf_with_breathlessness", U,
            "A warm, swollen or painful calf with breathlessness or chest pain.",
            "safety step: the calf question and the breathlessness question both yes",
            source=CLOT, together=("calf_warm_swollen", "breathless_or_chest_pain")),
    Derived("weakness_one_leg_on_map", P, "Weakness marked on one leg or foot.",
            "body map: weakness on a leg or foot region of one side only",
            lambda f: len(f.weak_legs) == 1),
    Derived("older_new_back_pain", P,
            "Over 50 with back pain that is new (first time, or began within 6 weeks).",
            "age at the intake date over 50; back marked on the body map; first time, or start "
            "date within 42 days of the intake date",
            lambda f: f.back_pain and f.age > 50 and f.new_pain),
    Derived("young_back_pain", P, "Under 20 with back pain.",
            "age at the intake date under 20; back marked on the body map",
            lambda f: f.back_pain and 0 <= f.age < 20),
    Derived("injury_onset_older_or_osteoporosis", P,
            "Began after a fall, injury or lifting, over 50 or with osteoporosis.",
            "onset 'after an injury or fall' or 'after an activity (lifting...)'; age over 50 "
            "or osteoporosis ticked",
            lambda f: f.strain_onset and (f.age > 50 or f.yes("osteoporosis"))),
    Derived("fever_with_back_pain_on_map", P, "Fever or an acute illness together with back pain.",
            "the fever question yes; back marked on the body map",
            lambda f: f.yes("fever_or_infection") and f.back_pain,
            covered_by=("fever_with_back_pain",)),
    Derived("injected_drugs_with_back_pain", P, "Injected drugs, together with back pain.",
            "the injected-drugs question yes; back marked on the body map",
            lambda f: f.yes("injected_drug_use") and f.back_pain),
)  # fmt: skip

# ---------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Flag:
    level: FlagLevel
    code: str  # stable key: the question's field, or the derived rule's code
    reason: str  # plain words for the therapist: the answer that raised it, never a diagnosis
    advice: str = ""  # plain words for the client, when the rule has its own

    @property
    def label(self) -> str:
        return self.level.label


def _marks_of(intake: Any) -> Iterable[Any]:
    if getattr(intake, "pk", None) is None or not hasattr(intake, "marks"):
        return ()
    return intake.marks.all()  # uses prefetch_related("marks") when the caller did it


def flags_for(intake: Any, *, marks: Iterable[Any] | None = None) -> list[Flag]:
    """The safety flags raised by an intake's answers, highest level first.

    ``intake`` is an IntakeSubmission (or any object with the same attribute names; the age
    rules read ``intake.client.date_of_birth``: select the client with the intake in lists).
    ``marks`` are its SymptomMarks (region, sensations); by default ``intake.marks.all()``.
    """
    facts = Facts(intake, _marks_of(intake) if marks is None else marks)
    flags = [
        Flag(q.level, q.field, q.reason, q.advice) for q in QUESTIONS if answered_yes(intake, q)
    ]
    raised = {flag.code for flag in flags}
    flags += [
        Flag(rule.level, rule.code, rule.reason)
        for rule in DERIVED
        if not raised.intersection(rule.covered_by) and rule.applies(facts)
    ]
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


def is_urgent(intake: Any, *, marks: Iterable[Any] | None = None) -> bool:
    """True when the answers or the body map call for emergency advice."""
    return highest_level(flags_for(intake, marks=marks)) == FlagLevel.URGENT


def client_advice(flags: Iterable[Flag]) -> list[str]:
    """The rules' own advice for the client (beyond their level's), once each."""
    return list(dict.fromkeys(flag.advice for flag in flags if flag.advice))


def stamp_flag_level(intake: Any, *, marks: Iterable[Any] | None = None) -> bool:
    """Set ``intake.flag_level`` and the rules version it was computed with (nothing is saved).
    True when the level changed."""
    level = highest_level(flags_for(intake, marks=marks))
    changed = intake.flag_level != level
    intake.flag_level = level
    intake.flag_rules_version = RULES_VERSION
    return changed


def asked_on_safety_step(marks: Iterable[Any]) -> tuple[Question, ...]:
    """The safety step's questions for an intake with these marks (conditions applied)."""
    groin = any(mark.region in GROIN for mark in marks)
    return tuple(q for q in SAFETY_QUESTIONS if not q.only_if or groin)


def unanswered_safety_questions(intake: Any, marks: Iterable[Any]) -> list[Question]:
    """Safety questions asked of this intake and not answered yet (None): added since the client
    passed the safety step, or asked because of a mark made since."""
    return [q for q in asked_on_safety_step(marks) if getattr(intake, q.field, None) is None]
