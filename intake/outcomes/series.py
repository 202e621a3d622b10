"""Outcome series: one per episode of care, and the change from baseline against what matters.

An episode is a submitted intake and the signed notes that follow it, until the client's next
intake. Its baseline is the intake (pain now, pain at worst, the PSFS activities and their
scores); each signed note adds a point. The PSFS activities are chosen at baseline and scored
again at each follow-up; a note that names other activities starts a new PSFS series, shown as
such and never averaged with the old one. Drafts never count: they can still change.

Everything here is a pure function of the records it is given; :func:`client_episodes` reads
them (two queries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone

from intake.outcomes import activity_key, psfs_mean, psfs_pairs

# The smallest change that matters to patients, on the 0-10 pain scale and on the PSFS mean
# (docs/outcomes.md): a change of exactly 2 points counts.
MCID = Decimal("2")


class Verdict(models.TextChoices):
    IMPROVED = "improved", "Meaningful improvement"
    NO_CHANGE = "no_change", "No meaningful change"
    WORSE = "worse", "Worse"


def change(baseline: float, latest: float) -> Decimal:
    """``latest - baseline`` to one decimal, exactly (4.1 - 2.2 is 1.9, not 1.8999...)."""
    return (Decimal(str(latest)) - Decimal(str(baseline))).quantize(Decimal("0.1"))


def verdict(
    baseline: float | None, latest: float | None, *, higher_is_better: bool
) -> Verdict | None:
    """Meaningful improvement, no meaningful change or worse; None without two values."""
    if baseline is None or latest is None:
        return None
    gain = change(baseline, latest) * (1 if higher_is_better else -1)
    if gain >= MCID:
        return Verdict.IMPROVED
    if gain <= -MCID:
        return Verdict.WORSE
    return Verdict.NO_CHANGE


@dataclass(frozen=True)
class MeasureDef:
    key: str
    label: str
    higher_is_better: bool
    scale: str


PAIN_NOW = MeasureDef("pain_now", "Pain now", False, "0 no pain – 10 worst imaginable")
PAIN_WORST = MeasureDef("pain_worst", "Pain at worst", False, "0 no pain – 10 worst imaginable")
PSFS = MeasureDef("psfs", "Function (PSFS mean)", True, "0 unable – 10 as before the problem")
MEASURES = (PAIN_NOW, PAIN_WORST, PSFS)


@dataclass(frozen=True)
class Point:
    day: dt.date
    value: float
    note_id: int | None  # None: the intake (the baseline)


@dataclass(frozen=True)
class Series:
    """One measure's points within an episode, baseline first. For PSFS: one set of activities."""

    measure: MeasureDef
    points: tuple[Point, ...]
    activities: tuple[str, ...] = ()
    number: int = 1  # PSFS: 1 for the activities chosen first, 2 after a change, ...

    @property
    def baseline(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if len(self.points) > 1 else None

    @property
    def change(self) -> Decimal | None:
        if self.latest is None:
            return None
        return change(self.baseline.value, self.latest.value)

    @property
    def verdict(self) -> Verdict | None:
        if self.latest is None:
            return None
        return verdict(
            self.baseline.value, self.latest.value, higher_is_better=self.measure.higher_is_better
        )

    @property
    def is_new_activities(self) -> bool:
        return self.number > 1


@dataclass(frozen=True)
class Row:
    """One line of the table beside the chart: the intake or a signed note."""

    day: dt.date
    note_id: int | None
    pain_now: int | None
    pain_worst: int | None
    pain_after: int | None
    psfs: float | None
    psfs_number: int | None  # which PSFS series the score belongs to
    psfs_scores: tuple[tuple[str, int | None], ...] = ()  # (activity, score)
    adverse_response: str = ""


@dataclass(frozen=True)
class Episode:
    intake_id: int | None  # None: notes from before the client's first intake
    started_on: dt.date
    rows: tuple[Row, ...]
    pain_now: Series
    pain_worst: Series
    psfs: tuple[Series, ...] = field(default=())  # oldest first; the last is the current one

    @property
    def follow_ups(self) -> int:
        return sum(1 for row in self.rows if row.note_id is not None)

    @property
    def current_psfs(self) -> Series | None:
        return self.psfs[-1] if self.psfs else None

    @property
    def measures(self) -> tuple[Series, ...]:
        """The series a summary reports, in order: pain now, pain at worst, current PSFS."""
        return tuple(
            s
            for s in (self.pain_now, self.pain_worst, self.current_psfs)
            if s is not None and s.points
        )

    @property
    def activities(self) -> tuple[str, ...]:
        return self.current_psfs.activities if self.current_psfs else ()

    def first_improvement(self) -> int | None:
        """After how many follow-up visits any measure first reached a meaningful improvement."""
        found = []
        for series in self.measures:
            for point in series.points[1:]:
                v = verdict(
                    series.baseline.value,
                    point.value,
                    higher_is_better=series.measure.higher_is_better,
                )
                if v == Verdict.IMPROVED:
                    found.append(point.note_id)
                    break
        visit_of = {row.note_id: i for i, row in enumerate(self.rows) if row.note_id is not None}
        visits = [visit_of[note_id] for note_id in found if note_id in visit_of]
        return min(visits) if visits else None


def intake_day(intake) -> dt.date:  # noqa: ANN001 (an IntakeSubmission)
    return timezone.localdate(intake.submitted_at)


def _build(intake, notes: Sequence) -> Episode:  # noqa: ANN001
    """One episode from its intake (or None) and its notes, oldest first."""
    rows: list[Row] = []
    psfs_sets: list[tuple[frozenset[str], tuple[str, ...], list[Point]]] = []

    def add_psfs(scores: Sequence[dict], point_day: dt.date, note_id: int | None) -> int | None:
        activities = tuple(row.get("activity", "") for row in scores)
        mean = psfs_mean(scores)
        if mean is None:
            return None
        key = activity_key(activities)
        if not psfs_sets or psfs_sets[-1][0] != key:
            psfs_sets.append((key, activities, []))
        psfs_sets[-1][2].append(Point(point_day, mean, note_id))
        return len(psfs_sets)

    if intake is not None:
        day = intake_day(intake)
        number = add_psfs(intake.psfs or (), day, None)
        rows.append(
            Row(day, None, intake.current_pain, intake.worst_pain, None,
                psfs_mean(intake.psfs or ()), number, psfs_pairs(intake.psfs))
        )  # fmt: skip
    for note in notes:
        number = add_psfs(note.psfs or (), note.visit_date, note.pk)
        rows.append(
            Row(note.visit_date, note.pk, note.pain_before, note.pain_worst, note.pain_after,
                psfs_mean(note.psfs or ()), number, psfs_pairs(note.psfs),
                (note.adverse_response or "").strip())
        )  # fmt: skip

    def series(measure: MeasureDef, attr: str) -> Series:
        points = tuple(
            Point(row.day, getattr(row, attr), row.note_id)
            for row in rows
            if getattr(row, attr) is not None
        )
        return Series(measure, points)

    return Episode(
        intake_id=intake.pk if intake is not None else None,
        started_on=rows[0].day,
        rows=tuple(rows),
        pain_now=series(PAIN_NOW, "pain_now"),
        pain_worst=series(PAIN_WORST, "pain_worst"),
        psfs=tuple(
            Series(PSFS, tuple(points), activities, number)
            for number, (_, activities, points) in enumerate(psfs_sets, start=1)
        ),
    )


def episodes(
    intakes: Iterable, notes: Iterable, *, include_draft: int | None = None
) -> list[Episode]:
    """The episodes of one client's submitted intakes and notes, oldest first.

    A note belongs to the latest intake submitted on or before its visit date; notes dated
    before the first intake form an episode of their own (baseline: the first of them). Drafts
    are left out, except the note ``include_draft`` (its own page previews its change).
    """
    intakes = sorted(
        (i for i in intakes if i.submitted_at is not None), key=lambda i: (i.submitted_at, i.pk)
    )
    signed = sorted(
        (n for n in notes if n.signed_at is not None or n.pk == include_draft),
        key=lambda n: (n.visit_date, n.pk),
    )
    days = [intake_day(i) for i in intakes]
    buckets: list[list] = [[] for _ in range(len(intakes) + 1)]  # [0]: before the first intake
    for note in signed:
        index = sum(1 for day in days if day <= note.visit_date)
        buckets[index].append(note)
    found = [_build(None, buckets[0])] if buckets[0] else []
    found += [_build(intake, buckets[i + 1]) for i, intake in enumerate(intakes)]
    return found


def client_episodes(client, *, include_draft: int | None = None) -> list[Episode]:  # noqa: ANN001
    """A client's episodes, oldest first (two queries)."""
    from intake.notes.models import SessionNote
    from intake.submissions.models import IntakeSubmission

    intakes = (
        IntakeSubmission.objects.filter(client=client)
        .submitted()
        .only("id", "submitted_at", "current_pain", "worst_pain", "psfs")
    )
    notes = SessionNote.objects.filter(client=client).only(
        "id", "visit_date", "signed_at", "pain_before", "pain_worst", "pain_after", "psfs",
        "adverse_response",
    )  # fmt: skip
    return episodes(intakes, notes, include_draft=include_draft)


def episode_of(found: Sequence[Episode], day: dt.date) -> Episode | None:
    """The episode a visit on ``day`` belongs to (the latest that started on or before it)."""
    starting = [e for e in found if e.intake_id is not None and e.started_on <= day]
    return (
        starting[-1] if starting else (found[0] if found and found[0].intake_id is None else None)
    )


@dataclass(frozen=True)
class Change:
    """One measure at one visit against its baseline: what the note page and PDF show."""

    measure: MeasureDef
    activities: tuple[str, ...]
    baseline: Point
    value: float
    change: Decimal
    verdict: Verdict


def changes_at(found: Sequence[Episode], note_id: int) -> tuple[Change, ...]:
    """Each measure scored at the note ``note_id`` against its episode's baseline; empty when
    the note is in no episode or is itself the baseline."""
    for episode in found:
        if not any(row.note_id == note_id for row in episode.rows):
            continue
        changes = []
        for series in (episode.pain_now, episode.pain_worst, *episode.psfs):
            point = next((p for p in series.points[1:] if p.note_id == note_id), None)
            if point is None:
                continue
            base = series.baseline
            changes.append(
                Change(
                    series.measure,
                    series.activities,
                    base,
                    point.value,
                    change(base.value, point.value),
                    verdict(base.value, point.value,
                            higher_is_better=series.measure.higher_is_better),
                )
            )  # fmt: skip
        return tuple(changes)
    return ()
