"""A client's safety summary: the flags, and the consent, that staff see where they work.

One selector for the chart, the note form and page, the note PDF, the handout composer and the
intake summary (``templates/clients/_safety_banner.html`` draws it): the flags of one submitted
intake with their levels and reasons, that intake's date, the client's consent to sensitive-area
work and the areas they asked to avoid. "Which intake" is the latest submitted on or before a date
(today by default), read through ``IntakeSubmission.objects.submitted()``, the one definition of
submitted-newest-first. The rules stay in :mod:`intake.submissions.screening`.

Also the staff home pages' "needs attention" queue: urgent and see-a-physician intakes with no
safety follow-up that reached the client yet (``awaiting_follow_up``), and drafts with an urgent
answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Value, When
from django.utils import timezone

from intake.accounts.models import Client
from intake.clients.models import SafetyFollowUp
from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission
from intake.submissions.selectors import latest_submitted_intake

#: The levels that put a submitted intake in the "needs attention" queue.
ATTENTION_LEVELS = (FlagLevel.URGENT, FlagLevel.PHYSICIAN)
NOT_REACHED = SafetyFollowUp.Outcome.NOT_REACHED


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
    #: The intake's safety follow-ups, newest first.
    follow_ups: tuple[SafetyFollowUp, ...] = ()

    @property
    def has_intake(self) -> bool:
        return self.intake_id is not None

    @property
    def latest_follow_up(self) -> SafetyFollowUp | None:
        return self.follow_ups[0] if self.follow_ups else None

    @property
    def needs_follow_up(self) -> bool:
        """Urgent or see-a-physician flags, and no follow-up has reached the client yet."""
        return self.level in ATTENTION_LEVELS and not any(f.reached_client for f in self.follow_ups)

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


#: Prefetch an intake's follow-ups with it, as ``summary_of`` reads them.
FOLLOW_UPS = Prefetch("follow_ups", queryset=SafetyFollowUp.objects.select_related("recorded_by"))


def summary_of(intake: IntakeSubmission | None) -> SafetySummary:
    """The summary of one intake (its marks and follow-ups prefetched, or a query for each)."""
    if intake is None:
        return SafetySummary()
    marks = list(intake.marks.all())
    follow_ups = tuple(intake.follow_ups.all())
    submitted = intake.submitted_at
    return SafetySummary(
        flags=tuple(screening.flags_for(intake, marks=marks)),
        intake_id=intake.pk,
        intake_date=timezone.localdate(submitted) if submitted else None,
        consents_to_glute_work=intake.consents_to_glute_work,
        avoid_areas=intake.avoid_areas.strip(),
        symptom_regions=frozenset(mark.region for mark in marks),
        follow_ups=follow_ups,
    )


def _submitted_on_or_before(client: Client, day: dt.date):  # noqa: ANN202 (IntakeQuerySet)
    # Through client.intakes, each intake comes with its client attached (the screening rules
    # read the date of birth) at no extra query.
    return (
        client.intakes.filter(submitted_at__date__lte=day)
        .submitted()
        .prefetch_related("marks", FOLLOW_UPS, screening.CLINIC_ANSWERS)
    )


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


def awaiting_follow_up(intakes):  # noqa: ANN001, ANN201 (an IntakeQuerySet in, the same out)
    """Those of ``intakes`` with urgent or see-a-physician flags and no follow-up that reached the
    client: what the queue, the daily digest and the follow-up form call "not acted on"."""
    return intakes.filter(flag_level__in=ATTENTION_LEVELS).filter(~Exists(_reached()))


def _reached():  # noqa: ANN202 (a SafetyFollowUp queryset)
    """Follow-ups of the outer intake that reached the client."""
    return SafetyFollowUp.objects.filter(intake=OuterRef("pk")).exclude(outcome=NOT_REACHED)


def needs_attention(*, limit: int = 20) -> AttentionQueue:
    """Submitted urgent or see-a-physician intakes awaiting a follow-up (urgent first, then oldest
    first), then drafts with an urgent answer or an urgent pattern on the body map that no
    follow-up has reached yet. Four queries."""
    waiting = (
        awaiting_follow_up(IntakeSubmission.objects.submitted())
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
        .filter(~Exists(_reached()))
        .select_related("client")
        # the rules read the body map, the clinic's own answers (and the age) too
        .prefetch_related("marks", screening.CLINIC_ANSWERS)
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
