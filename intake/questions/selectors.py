"""Reads of the clinic's own questions: the latest version of each question (what the wizard
asks and the admin pages list), and an intake's answers as they were answered (what the intake
summary, the chart, the note PDF and the exports show).

``clinic_answers(intake)`` is the one reading of an intake's answers for every display and
export: (question text as answered, kind, display value, flag level), in the order they are
asked. The flag level comes from the rules module (``screening.clinic_level``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from intake.questions.models import ClinicAnswer, ClinicQuestion, ClinicQuestionVersion
from intake.submissions import screening
from intake.submissions.models import FlagLevel

Kind = ClinicQuestionVersion.Kind


class AnswerLine(NamedTuple):
    """One answer as shown and exported: a plain tuple of plain values."""

    question: str  # the wording the client answered
    kind: str  # a ClinicQuestionVersion.Kind value
    value: str  # the answer for display: "Yes", the text, the choices, "7 / 10"
    level: FlagLevel  # the clinic's own flag it raised (NONE: none)

    @property
    def flagged(self) -> bool:
        return self.level != FlagLevel.NONE

    @property
    def level_label(self) -> str:
        return self.level.label


def display_value(kind: str, value: Any) -> str:
    """An answer's value in words."""
    if kind == Kind.YES_NO:
        return "Yes" if value is True else "No"
    if kind == Kind.SEVERAL:
        return ", ".join(str(item) for item in value or ())
    if kind == Kind.SCALE:
        return f"{value} / 10"
    return str(value)


def line_of(answer: ClinicAnswer) -> AnswerLine:
    version = answer.version
    return AnswerLine(
        version.text,
        version.kind,
        display_value(version.kind, answer.value),
        screening.clinic_level(answer),
    )


def clinic_answers(intake: Any) -> list[AnswerLine]:
    """The intake's answers to the clinic's own questions, each with the wording it answered,
    in the order they are asked (one query, shared with the rules when they read them first)."""
    answers = screening.clinic_answers_of(intake)
    return [line_of(answer) for answer in sorted(answers, key=lambda a: a.question.position)]


def clinic_answers_by_intake(intake_ids: Iterable[int]) -> dict[int, tuple[AnswerLine, ...]]:
    """``clinic_answers`` for several intakes at once (one query); an intake without answers
    maps to ``()``."""
    ids = {pk for pk in intake_ids if pk is not None}
    found: dict[int, list[ClinicAnswer]] = {pk: [] for pk in ids}
    if ids:
        for answer in screening.CLINIC_ANSWERS.queryset.filter(intake_id__in=ids):
            found[answer.intake_id].append(answer)
    return {
        pk: tuple(line_of(a) for a in sorted(answers, key=lambda a: a.question.position))
        for pk, answers in found.items()
    }


def latest_versions(
    *, step: str | None = None, retired: bool = False
) -> list[ClinicQuestionVersion]:
    """The latest version of each question (its ``question`` attached), in the order they are
    asked: of one step, or of all; active questions, or retired ones (one query)."""
    versions = ClinicQuestionVersion.objects.select_related("question").filter(
        question__retired_at__isnull=not retired
    )
    if step is not None:
        versions = versions.filter(question__step=step)
    latest: dict[int, ClinicQuestionVersion] = {}
    for version in versions.order_by("question_id", "-number"):
        latest.setdefault(version.question_id, version)
    return sorted(latest.values(), key=lambda v: v.question.position)


def step_questions(step: str) -> list[ClinicQuestion]:
    """The active questions of a step, in order (one query)."""
    return list(ClinicQuestion.objects.filter(step=step, retired_at__isnull=True))


def unanswered_required(intake: Any, *, step: str) -> list[ClinicQuestionVersion]:
    """The active required questions of ``step`` the intake has not answered in any version
    (two queries; the answers are kept on the intake for the rules)."""
    required = [v for v in latest_versions(step=step) if v.required]
    if not required:
        return []
    answered = {answer.question_id for answer in screening.clinic_answers_of(intake)}
    return [v for v in required if v.question_id not in answered]
