"""Outcome measures shared by the intake (the baseline) and session notes: the
Patient-Specific Functional Scale (PSFS), 3 to 5 activities the client names, each scored 0-10.

The series across visits, the change from baseline and its verdict: :mod:`.series`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django import forms
from django.core.exceptions import ValidationError

MIN_ACTIVITIES, MAX_ACTIVITIES = 3, 5
NAME_THE_ACTIVITY = "Name the activity this score is for."
NAME_MORE = (
    "Name 3 to 5 activities (you named {count}): the functional scale compares the same "
    "activities at every visit, and fewer than 3 say too little."
)


def score_every(activity: str) -> str:
    return (
        f"Give “{activity}” a score from 0 to 10: every activity is scored each time, "
        "or the mean would change for no reason."
    )


def psfs_mean(rows: Iterable[Mapping]) -> float | None:
    """The PSFS score: the mean of the scored activities (0-10), to one decimal."""
    scores = [row["score"] for row in rows or () if row.get("score") is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def psfs_pairs(rows: Iterable[Mapping] | None) -> tuple[tuple[str, int | None], ...]:
    """The stored PSFS rows as (activity, score) pairs, in their order (score None: unscored)."""
    return tuple((row.get("activity", ""), row.get("score")) for row in rows or ())


def activity_key(activities: Iterable[str]) -> frozenset[str]:
    """The same activities whatever their order, case or spacing."""
    return frozenset(" ".join(a.split()).casefold() for a in activities if a.strip())


def clean_psfs(
    form: forms.Form,
    rows: Sequence[tuple[str, str]],
    *,
    unscored: Iterable[str] | None = None,
) -> list[dict]:
    """The PSFS rows of a bound form's cleaned data, as ``[{"activity", "score"}]``.

    ``rows`` names each row's activity field and score field. None named: no PSFS (``[]``).
    Otherwise 3 to 5 activities, each with a score (a blank score would shift the mean); a
    score without an activity is an error on the activity. ``unscored``: the series' current
    activities, which a follow-up may leave wholly unscored when the scale was not taken at this
    visit (``[]`` again); the same activities with some scores and not others are an error.
    """
    data = form.cleaned_data
    named = []
    for activity_field, score_field in rows:
        activity = (data.get(activity_field) or "").strip()
        score = data.get(score_field)
        if score is not None and not activity:
            form.add_error(activity_field, ValidationError(NAME_THE_ACTIVITY, code="required"))
        elif activity:
            named.append((activity, score, score_field))
    if not named:
        return []
    if len(named) < MIN_ACTIVITIES:
        first_blank = next(
            (a for a, _ in rows if not (data.get(a) or "").strip() and a not in form.errors), None
        )
        error = ValidationError(NAME_MORE.format(count=len(named)), code="too_few")
        form.add_error(first_blank, error)
        return []
    if (
        unscored is not None
        and all(score is None for _, score, _ in named)
        and activity_key(a for a, _, _ in named) == activity_key(unscored)
    ):
        return []
    for activity, score, score_field in named:
        if score is None and score_field not in form.errors:
            form.add_error(score_field, ValidationError(score_every(activity), code="required"))
    return [{"activity": activity, "score": score} for activity, score, _ in named]
