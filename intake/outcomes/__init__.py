"""Outcome measures shared by the intake (the baseline) and session notes: the
Patient-Specific Functional Scale (PSFS), activities the client names, each scored 0-10."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django import forms
from django.core.exceptions import ValidationError

NAME_THE_ACTIVITY = "Name the activity this score is for."
SCORE_THE_ACTIVITY = "Give this activity a score from 0 to 10."


def psfs_mean(rows: Iterable[Mapping]) -> float | None:
    """The PSFS score: the mean of the scored activities (0-10), to one decimal."""
    scores = [row["score"] for row in rows or () if row.get("score") is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def clean_psfs(
    form: forms.Form, rows: Sequence[tuple[str, str]], *, score_required: bool
) -> list[dict]:
    """The PSFS rows of a bound form's cleaned data, as ``[{"activity", "score"}]``.

    ``rows`` names each row's activity field and score field. A score without an activity is an
    error on the activity; with ``score_required``, an activity without a score is one too.
    """
    data = form.cleaned_data
    psfs = []
    for activity_field, score_field in rows:
        activity = (data.get(activity_field) or "").strip()
        score = data.get(score_field)
        if activity and score is None and score_required:
            if score_field not in form.errors:
                form.add_error(score_field, ValidationError(SCORE_THE_ACTIVITY, code="required"))
        elif score is not None and not activity:
            form.add_error(activity_field, ValidationError(NAME_THE_ACTIVITY, code="required"))
        elif activity:
            psfs.append({"activity": activity, "score": score})
    return psfs
