"""Safety screening: the rules that read the one table of questions, the rules derived from
answers already given, and the functions that read them (docs/clinical-safety.md is written from
both tables; a test keeps them in step). The rest of the code imports all of it from here.

``QUESTIONS`` (kept in :mod:`intake.submissions.questions`, re-exported here): every answer the
rules read, once: its intake column, level, the question in the client's words, the reason the
therapist reads, its source. The safety and history steps ask from it, ``flags_for`` raises flags
from it, the summary lists it. ``DERIVED``: rules combining answers (age at the intake date, the
body map, two answers together, an answer changed from yes to no before submitting), each beside
its level and reason. A flag points at an answer that calls for care before (or instead of)
massage, never at a diagnosis. ``RULES_VERSION`` goes up whenever a rule changes: an intake
stores the version its ``flag_level`` was computed with, and ``manage.py recompute_flags`` updates
older ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from intake import body_map
from intake.questions.models import ClinicAnswer
from intake.submissions.answers import NOTHING_WORDS as NOTHING_WORDS
from intake.submissions.answers import age_at_intake as age_at_intake
from intake.submissions.answers import age_on as age_on
from intake.submissions.answers import answered_yes as answered_yes
from intake.submissions.answers import changed_to_no as changed_to_no
from intake.submissions.answers import intake_date as intake_date
from intake.submissions.answers import says_nothing as says_nothing
from intake.submissions.answers import says_yes as says_yes
from intake.submissions.approximate_date import last_day
from intake.submissions.models import FlagLevel
from intake.submissions.questions import CALF_ADVICE as CALF_ADVICE
from intake.submissions.questions import CLOT as CLOT
from intake.submissions.questions import GROIN_MARKED as GROIN_MARKED
from intake.submissions.questions import HISTORY as HISTORY
from intake.submissions.questions import HISTORY_QUESTIONS as HISTORY_QUESTIONS
from intake.submissions.questions import MASSAGE as MASSAGE
from intake.submissions.questions import NERVES as NERVES
from intake.submissions.questions import OURS as OURS
from intake.submissions.questions import QUESTION_BY_FIELD as QUESTION_BY_FIELD
from intake.submissions.questions import QUESTIONS as QUESTIONS
from intake.submissions.questions import RETIRED as RETIRED
from intake.submissions.questions import SAFETY as SAFETY
from intake.submissions.questions import SAFETY_QUESTIONS as SAFETY_QUESTIONS
from intake.submissions.questions import SERIOUS as SERIOUS
from intake.submissions.questions import Question as Question

#: 1: the first table (issues 2-12). 2: complete back-and-leg lists and derived rules (issue 13).
#: 3: an answer changed from yes to no before submitting raises a flag (issue 13). The clinic's
#: own questions (issue 15) change no stored level: an answer keeps the version it answered.
#: Nor do the four health-history questions added with issue 19 (varicose veins, a heart condition
#: or pacemaker, epilepsy, an infection that spreads): intakes from before never answered them.
RULES_VERSION = 3

#: What the client is told, plainly, as soon as they give an urgent answer.
URGENT_ADVICE = _(
    "One or more of your answers can be a sign of a problem that needs a doctor today. "
    "Please do not wait for your massage appointment: go to an emergency department now, "
    "or call your local emergency number. Tell them about the answers you gave here. "
    "Your massage therapist will not treat you until a doctor has seen you."
)
#: What the client is told, once their intake is sent, when an answer calls for a physician
#: (the intake is locked then: a referral letter comes with them, or through the front desk).
PHYSICIAN_ADVICE = _(
    "Some of your answers mean your therapist may ask you to see your doctor before treatment. "
    "If you already have a referral letter from your doctor, bring it to your visit, or ask "
    "the front desk how to send it to the clinic."
)

U, P, C = FlagLevel.URGENT, FlagLevel.PHYSICIAN, FlagLevel.CAUTION


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
        """First episode, or started within the last 6 weeks of the intake date. A start given as
        a month without its day counts from the month's last day (or the intake date, if
        earlier): the latest it can be, so a month that may be recent is taken as recent."""
        started = getattr(self.intake, "symptoms_started", None)
        day = intake_date(self.intake)
        if started is not None and getattr(self.intake, "symptoms_started_month_only", False):
            started = min(last_day(started), day)
        recent = started is not None and (day - started).days <= NEW_PAIN_DAYS
        return getattr(self.intake, "first_episode", None) is True or recent

    @property
    def strain_onset(self) -> bool:
        """Began after an injury or fall, or an activity such as lifting."""
        return getattr(self.intake, "onset", "") in ("injury", "activity")

    @cached_property
    def answers_changed_to_no(self) -> list[tuple[Question, Any]]:
        """The answers recorded in ``answer_changes`` as changed from yes to no before
        submitting that do not say yes now, each with what it said then: once each (a box
        ticked and unticked twice is one), oldest first."""
        found: dict[tuple[str, str], tuple[Question, Any]] = {}
        for change in getattr(self.intake, "answer_changes", None) or ():
            q = QUESTION_BY_FIELD.get(change.get("field")) if isinstance(change, dict) else None
            if q is not None and not answered_yes(self.intake, q):
                found.setdefault((q.field, repr(change.get("was"))), (q, change.get("was")))
        return list(found.values())

    def changed_to_no_at(self, *levels: FlagLevel) -> list[tuple[Question, Any]]:
        """``answers_changed_to_no`` whose question is at one of ``levels``."""
        return [(q, was) for q, was in self.answers_changed_to_no if q.level in levels]


@dataclass(frozen=True)
class Derived:
    """A rule that combines answers already given: ``test`` reads them through ``Facts``, or
    ``together`` names questions whose yes answers, all together, raise it; or ``each`` yields
    answers (a question, and what it said) that raise it one flag each, its ``reason`` and
    ``client_reason`` filled in with ``{question}`` and ``{was}`` ("yes", or the text typed)."""

    code: str
    level: FlagLevel
    reason: str
    reads: str  # what it reads, in words (for docs/clinical-safety.md)
    test: Callable[[Facts], bool] | None = None
    source: str = SERIOUS
    covered_by: tuple[str, ...] = ()  # answers that already raise the same flag themselves
    together: tuple[str, ...] = ()
    each: Callable[[Facts], Iterable[tuple[Question, Any]]] | None = None
    client_reason: str = ""  # what the client reads instead of ``reason``, when it differs

    def applies(self, facts: Facts) -> bool:
        if self.together:
            return all(facts.yes(field) for field in self.together)
        return self.test is not None and self.test(facts)

    def flags(self, facts: Facts, raised: set[str]) -> list[Flag]:
        """The flags it raises, given the codes the questions ``raised`` already."""
        if self.each is not None:
            return [self._flag(q.question, _said(was)) for q, was in self.each(facts)]
        if raised.intersection(self.covered_by) or not self.applies(facts):
            return []
        return [self._flag()]

    def _flag(self, question: str = "", was: str = "") -> Flag:
        words = {"question": question, "was": was}
        client = self.client_reason.format(**words) if self.client_reason else ""
        return Flag(self.level, self.code, self.reason.format(**words), client_reason=client)


SAID_MAX = 80  # characters of a typed answer quoted in a flag's reason


def _said(was: Any) -> str:
    """What an answer said, for a reason: "yes" for a ticked box, else the text typed, quoted."""
    if was is True:
        return "yes"
    text = " ".join(str(was).split())
    return f"“{text if len(text) <= SAID_MAX else text[: SAID_MAX - 1] + '…'}”"


#: An answer changed from yes to no before submitting (``answer_changes``): what staff read.
CHANGED_REASON = (
    "Answered {was} to “{question}”, then changed it to no before submitting: "
    "ask the client about it."
)
#: The same, as the client reads it on their own summary: no alarm, no blame.
CHANGED_CLIENT_REASON = (
    "You first answered {was} to “{question}”, then changed it to no. "
    "Your therapist will go over it with you."
)


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
            "date within 42 days of the intake date (a month given without its day: from its "
            "last day)",
            lambda f: f.back_pain and f.age > 50 and f.new_pain),
    Derived("young_back_pain", P, "Under 20 with back pain.",
            "age at the intake date under 20; back marked on the body map",
            lambda f: f.back_pain and 0 <= f.age < 20),
    Derived("injury_onset_older_or_osteoporosis", P,
            "Began after a fall, injury or lifting, over 50 or with osteoporosis.",
            "onset 'after an injury or fall' or 'after an activity (lifting...)'; age over 50 "
            "or osteoporosis answered yes",
            lambda f: f.strain_onset and (f.age > 50 or f.yes("osteoporosis"))),
    Derived("fever_with_back_pain_on_map", P, "Fever or an acute illness together with back pain.",
            "the fever question yes; back marked on the body map",
            lambda f: f.yes("fever_or_infection") and f.back_pain,
            covered_by=("fever_with_back_pain",)),
    Derived("injected_drugs_with_back_pain", P, "Injected drugs, together with back pain.",
            "the injected-drugs question yes; back marked on the body map",
            lambda f: f.yes("injected_drug_use") and f.back_pain),
    Derived("urgent_answer_changed_to_no", P, CHANGED_REASON,
            "answer history: an urgent question answered yes, then changed to no before "
            "submitting (and no now)", source=OURS, client_reason=CHANGED_CLIENT_REASON,
            each=lambda f: f.changed_to_no_at(U)),
    Derived("answer_changed_to_no", C, CHANGED_REASON,
            "answer history: any other screened answer that said yes (a box ticked, text "
            "typed), then changed to no before submitting (and no now)", source=OURS,
            client_reason=CHANGED_CLIENT_REASON, each=lambda f: f.changed_to_no_at(P, C)),
)  # fmt: skip

# ---------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Flag:
    level: FlagLevel
    code: str  # stable key: the question's field, or the derived rule's code
    reason: str  # plain words for the therapist: the answer that raised it, never a diagnosis
    advice: str = ""  # plain words for the client, when the rule has its own
    client_reason: str = ""  # the reason as the client reads it, when it differs (``for_client``)

    @property
    def label(self) -> str:
        return self.level.label

    @property
    def for_client(self) -> str:
        """The reason as the client reads it on their own pages."""
        return self.client_reason or self.reason


def _marks_of(intake: Any) -> Iterable[Any]:
    if getattr(intake, "pk", None) is None or not hasattr(intake, "marks"):
        return ()
    return intake.marks.all()  # uses prefetch_related("marks") when the caller did it


def flags_for(intake: Any, *, marks: Iterable[Any] | None = None) -> list[Flag]:
    """The safety flags raised by an intake's answers, highest level first.

    ``intake`` is an IntakeSubmission (or any object with the same attribute names; the age
    rules read ``intake.client.date_of_birth``: select the client with the intake in lists).
    ``marks`` are its SymptomMarks (region, sensations); by default ``intake.marks.all()``.
    The clinic's own questions raise flags too (``clinic_flag``): their answers are read once
    per intake (prefetch ``CLINIC_ANSWERS`` with a list of intakes to read them in one query).
    """
    facts = Facts(intake, _marks_of(intake) if marks is None else marks)
    flags = [
        Flag(q.level, q.field, q.reason, q.advice) for q in QUESTIONS if answered_yes(intake, q)
    ]
    raised = {flag.code for flag in flags}
    flags += [flag for rule in DERIVED for flag in rule.flags(facts, raised)]
    flags += [flag for answer in clinic_answers_of(intake) if (flag := clinic_flag(answer))]
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


def unanswered_safety_questions(intake: Any, marks: Iterable[Any]) -> list[Any]:
    """Safety questions asked of this intake and not answered yet (None): added since the client
    passed the safety step, or asked because of a mark made since; then the clinic's own
    required questions of the safety step that it has not answered (their latest versions)."""
    from intake.questions.selectors import unanswered_required  # it imports this module

    built_in = [q for q in asked_on_safety_step(marks) if getattr(intake, q.field, None) is None]
    return built_in + unanswered_required(intake, step=SAFETY)


# ---------------------------------------------------------------- the clinic's own questions

#: Prefetch an intake's clinic answers with the version each answered, as the rules read them.
CLINIC_ANSWERS = Prefetch(
    "clinic_answers", queryset=ClinicAnswer.objects.select_related("version", "question")
)
#: A clinic flag's reason: the question as the client answered it, marked as the clinic's own.
CLINIC_REASON = "The clinic's own question, answered yes: “{question}”"


def clinic_answers_of(intake: Any) -> list[ClinicAnswer]:
    """The intake's answers to the clinic's own questions, each with its version (read once: a
    prefetch of ``clinic_answers`` with their versions, or one query kept on the intake). An
    unsaved intake, or an object without the relation (a migration's historical model), has
    none."""
    if getattr(intake, "pk", None) is None or not hasattr(intake, "clinic_answers"):
        return []
    prefetch_related_objects([intake], CLINIC_ANSWERS)
    return list(intake.clinic_answers.all())


def clinic_level(answer: ClinicAnswer) -> FlagLevel:
    """The flag an answer raises: the level its version gives a "yes" (never anything else)."""
    return FlagLevel(answer.version.yes_level) if answer.value is True else FlagLevel.NONE


def clinic_flag(answer: ClinicAnswer) -> Flag | None:
    """The clinic's own flag for an answer, shown like the built-in ones; None when it raises
    nothing. Its code is stable for the question; its reason quotes the wording answered."""
    level = clinic_level(answer)
    if level == FlagLevel.NONE:
        return None
    reason = CLINIC_REASON.format(question=answer.version.text)
    return Flag(level, f"clinic_{answer.question_id}", reason)
