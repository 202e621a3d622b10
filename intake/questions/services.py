"""Writes of the clinic's own questions: add, edit (a new version), reorder, retire; and an
intake's answers, saved with the wizard step that asks them. Versions are only ever created,
never changed, so an answered intake keeps the wording it answered."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from intake.questions.models import ClinicAnswer, ClinicQuestion, ClinicQuestionVersion
from intake.submissions.models import IntakeSubmission
from intake.submissions.services import AlreadySubmitted

#: The fields of a version an admin writes (``QuestionForm``); a change to any of them, its
#: translations included, makes a new version.
VERSION_FIELDS = ("text", "kind", "choices", "required", "yes_level", "translations")


def _version_values(fields: dict[str, Any]) -> dict[str, Any]:
    values = {name: fields[name] for name in VERSION_FIELDS if name != "translations"}
    values["translations"] = fields.get("translations") or {}  # none given: none
    return values


@transaction.atomic
def add_question(*, step: str, by, **fields: Any) -> ClinicQuestion:  # noqa: ANN001 (User)
    """A new question at the end of its step, with its first version."""
    last = ClinicQuestion.objects.filter(step=step).aggregate(last=Max("order"))["last"]
    question = ClinicQuestion.objects.create(step=step, order=(last or 0) + 1)
    ClinicQuestionVersion.objects.create(
        question=question, number=1, created_by=by, **_version_values(fields)
    )
    return question


@transaction.atomic
def edit_question(
    *,
    question: ClinicQuestion,
    by,
    **fields: Any,  # noqa: ANN001 (User)
) -> ClinicQuestionVersion | None:
    """A new version when anything changed (None when nothing did); older intakes keep the
    version they answered."""
    ClinicQuestion.objects.select_for_update().get(pk=question.pk)  # one new number at a time
    latest = question.versions.order_by("-number").first()
    values = _version_values(fields)
    if latest is not None and all(getattr(latest, k) == v for k, v in values.items()):
        return None
    number = latest.number + 1 if latest is not None else 1
    return ClinicQuestionVersion.objects.create(
        question=question, number=number, created_by=by, **values
    )


@transaction.atomic
def move_question(*, question: ClinicQuestion, up: bool) -> bool:
    """Swap a question with its neighbour above (or below) among its step's active questions;
    False when it is already first (or last). Renumbers the step 1, 2, 3... as it goes."""
    ordered = list(
        ClinicQuestion.objects.select_for_update()
        .filter(step=question.step, retired_at__isnull=True)
        .order_by("order", "id")
    )
    i = next((n for n, q in enumerate(ordered) if q.pk == question.pk), None)
    j = None if i is None else (i - 1 if up else i + 1)
    if j is None or not 0 <= j < len(ordered):
        return False
    ordered[i], ordered[j] = ordered[j], ordered[i]
    for n, q in enumerate(ordered, start=1):
        q.order = n
    ClinicQuestion.objects.bulk_update(ordered, ["order"])
    return True


def retire_question(*, question: ClinicQuestion) -> bool:
    """No longer asked (its answers and versions are kept); False when already retired."""
    return bool(
        ClinicQuestion.objects.filter(pk=question.pk, retired_at__isnull=True).update(
            retired_at=timezone.now()
        )
    )


def restore_question(*, question: ClinicQuestion) -> bool:
    """Asked again, at the end of its step; False when it was not retired."""
    last = ClinicQuestion.objects.filter(step=question.step).aggregate(last=Max("order"))["last"]
    return bool(
        ClinicQuestion.objects.filter(pk=question.pk, retired_at__isnull=False).update(
            retired_at=None, order=(last or 0) + 1
        )
    )


@transaction.atomic
def save_answers(
    *, intake: IntakeSubmission, answers: list[tuple[ClinicQuestionVersion, Any]]
) -> None:
    """Store a draft's answers to the versions its step asked (``None``: left blank, any
    earlier answer to that question removed). A submitted intake is never changed: it raises
    the wizard's own ``AlreadySubmitted`` (its view sends the client to the summary).
    The intake's cached answers are dropped, so the rules read the new ones."""
    drafts = IntakeSubmission.objects.filter(pk=intake.pk, status=IntakeSubmission.Status.DRAFT)
    # The row lock orders two tabs saving the step at once, and a submit, behind each other.
    if drafts.select_for_update().values_list("pk", flat=True).first() is None:
        raise AlreadySubmitted
    ClinicAnswer.objects.filter(
        intake=intake, question_id__in=[version.question_id for version, _ in answers]
    ).delete()
    ClinicAnswer.objects.bulk_create(
        ClinicAnswer(intake=intake, question_id=v.question_id, version=v, value=value)
        for v, value in answers
        if value is not None
    )
    getattr(intake, "_prefetched_objects_cache", {}).pop("clinic_answers", None)
