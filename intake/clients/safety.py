"""A client's safety summary: the flags, and the consent, that staff see where they work.

One selector for the chart, the note form and page, the note PDF, the handout composer and the
intake summary (``templates/clients/_safety_banner.html`` draws it): the flags of one submitted
intake with their levels and reasons, that intake's date, the client's consent to sensitive-area
work and the areas they asked to avoid. "Which intake" is the latest submitted on or before a date
(today by default), read through ``IntakeSubmission.objects.submitted()``, the one definition of
submitted-newest-first. The rules stay in :mod:`intake.submissions.screening`.

Also the staff home pages' "needs attention" queue: urgent and see-a-physician intakes nobody has
acted on yet, and drafts with an urgent answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from intake.accounts.models import Client
from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission
from intake.submissions.selectors import latest_submitted_intake

#: The levels that put a submitted intake in the "needs attention" queue.
ATTENTION_LEVELS = (FlagLevel.URGENT, FlagLevel.PHYSICIAN)


@dataclass(frozen=True)
class SafetySummary:
    """The flags and consent of one submitted intake, as plain values (frozen).

    ``intake_id`` is None when the client had no submitted intake on the date asked about.
    """

    flags: tuple[screening.Flag, ...] = ()
    intake_id: int | None = None
    intake_date: dt.date | None = None
    consents_to_glute_work: bool = False
    avoid_areas: str = ""
    symptom_regions: frozenset[str] = frozenset()

    @property
    def has_intake(self) -> bool:
        return self.intake_id is not None

    @property
    def level(self) -> FlagLevel:
        return screening.highest_level(self.flags)

    @property
    def is_urgent(self) -> bool:
        return self.level == FlagLevel.URGENT

    @property
    def urgent_flags(self) -> tuple[screening.Flag, ...]:
        return tuple(flag for flag in self.flags if flag.level == FlagLevel.URGENT)

    @property
    def other_flags(self) -> tuple[screening.Flag, ...]:
        return tuple(flag for flag in self.flags if flag.level != FlagLevel.URGENT)


def summary_of(intake: IntakeSubmission | None) -> SafetySummary:
    """The summary of one submitted intake (its marks prefetched, or one query to read them)."""
    if intake is None:
        return SafetySummary()
    marks = list(intake.marks.all())
    submitted = intake.submitted_at
    return SafetySummary(
        flags=tuple(screening.flags_for(intake, marks=marks)),
        intake_id=intake.pk,
        intake_date=timezone.localdate(submitted) if submitted else None,
        consents_to_glute_work=intake.consents_to_glute_work,
        avoid_areas=intake.avoid_areas.strip(),
        symptom_regions=frozenset(mark.region for mark in marks),
    )


def _submitted_on_or_before(client: Client, day: dt.date):  # noqa: ANN202 (IntakeQuerySet)
    # Through client.intakes, each intake comes with its client attached (the screening rules
    # read the date of birth) at no extra query.
    return client.intakes.filter(submitted_at__date__lte=day).submitted().prefetch_related("marks")


def safety_summary(*, client: Client, on: dt.date | None = None) -> SafetySummary:
    """From the latest intake submitted on or before ``on`` (default: the latest; two queries)."""
    if on is None:
        return summary_of(latest_submitted_intake(client=client))
    return summary_of(_submitted_on_or_before(client, on).first())


def summaries_on(*, client: Client, days: Iterable[dt.date]) -> dict[dt.date, SafetySummary]:
    """The summary for each of several dates, in two queries whatever their number."""
    days = set(days)
    if not days:
        return {}
    intakes = [summary_of(intake) for intake in _submitted_on_or_before(client, max(days))]
    # Newest first: for each day, the first intake submitted on or before it.
    return {
        day: next((s for s in intakes if s.intake_date and s.intake_date <= day), SafetySummary())
        for day in days
    }


@dataclass(frozen=True)
class AttentionRow:
    """One line of the staff "needs attention" queue: no health detail beyond the level."""

    intake_id: int
    client_id: int
    client_name: str
    level: FlagLevel
    since: dt.datetime | None
    is_draft: bool

    @property
    def label(self) -> str:
        return self.level.label


@dataclass(frozen=True)
class AttentionQueue:
    rows: tuple[AttentionRow, ...]
    count: int  # submitted intakes waiting (all of them, not only those shown)
    shown: int  # how many of them are in ``rows`` (then come the urgent drafts)
    draft_count: int


def needs_attention(*, limit: int = 20) -> AttentionQueue:
    """Submitted urgent or see-a-physician intakes not yet acted on (urgent first, then oldest
    first), then drafts with an urgent answer or an urgent pattern on the body map. Four queries."""
    waiting = (
        IntakeSubmission.objects.submitted()
        .filter(flag_level__in=ATTENTION_LEVELS, flags_acted_on_at__isnull=True)
        .select_related("client")
        .order_by(
            Case(
                When(flag_level=FlagLevel.URGENT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "submitted_at",
            "id",
        )
    )
    rows = [
        AttentionRow(
            i.pk, i.client_id, i.client.full_name, FlagLevel(i.flag_level), i.submitted_at, False
        )
        for i in waiting[:limit]
    ]
    drafts = (
        IntakeSubmission.objects.filter(status=IntakeSubmission.Status.DRAFT)
        .select_related("client")
        .prefetch_related("marks")  # the rules read the body map (and the age) too
        .order_by("created_at", "id")
    )
    urgent_drafts = [
        AttentionRow(d.pk, d.client_id, d.client.full_name, FlagLevel.URGENT, d.created_at, True)
        for d in drafts
        if screening.is_urgent(d)
    ]
    return AttentionQueue(
        rows=(*rows, *urgent_drafts),
        count=waiting.count() if len(rows) == limit else len(rows),
        shown=len(rows),
        draft_count=len(urgent_drafts),
    )
