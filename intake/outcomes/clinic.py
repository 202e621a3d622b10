"""Clinic outcomes: the per-episode summary rows (writes) and the admin page's numbers (reads).

:func:`refresh_clients` rewrites the :class:`~intake.outcomes.models.EpisodeOutcome` rows of some
clients from their intakes and signed notes, through :func:`intake.outcomes.series.episodes`
(the same episodes and verdicts the chart shows). It runs after an intake is submitted and after
a note is signed (``on_commit``), from ``manage.py recompute_outcomes`` and from migration 0008.
:func:`clinic_outcomes` reads the rows back grouped by referring physician, therapist and body
area: one GROUP BY query per grouping, whatever the number of episodes. The choices behind the
numbers are in docs/outcomes.md, "Clinic outcomes".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, Q

from intake import body_map
from intake.outcomes import series

#: An episode whose intake is older than this with no signed follow-up note has dropped out.
DROPOUT_DAYS = 28
#: The page's periods: episodes whose intake was submitted in the last N days (None: all).
PERIODS: dict[str, tuple[str, int | None]] = {
    "3m": ("Last 3 months", 91),
    "12m": ("Last 12 months", 365),
    "24m": ("Last 24 months", 730),
    "all": ("All time", None),
}
DEFAULT_PERIOD = "12m"
logger = logging.getLogger(__name__)
BATCH = 1000  # clients per refresh when recomputing everything
F_VISITS = F("visits_to_improvement")
F_AREA_VISITS = F("outcome__visits_to_improvement")


# ---------------------------------------------------------------- writes: the summary rows


@dataclass(frozen=True)
class Tables:
    """The models a refresh reads and writes: the app's, or a migration's historical ones."""

    client: type
    intake: type
    mark: type
    note: type
    referral: type
    outcome: type
    area: type

    @classmethod
    def of(cls, apps=None) -> Tables:  # noqa: ANN001 (an app registry)
        if apps is None:
            from django.apps import apps
        names = ("Client", "IntakeSubmission", "SymptomMark", "SessionNote", "Referral",
                 "EpisodeOutcome", "EpisodeArea")  # fmt: skip
        return cls(*(apps.get_model("intake", name) for name in names))


def _most_common(ids: Iterable[int | None]) -> int | None:
    """The id met most often (the first met on a tie); None when there is none."""
    counts = Counter(i for i in ids if i is not None)
    return max(counts, key=counts.__getitem__) if counts else None  # max keeps the first tie


def _referral_for(
    intake, day: dt.date, notes: Sequence, referrals: Sequence[Mapping]
) -> int | None:  # noqa: ANN001
    """The referral an episode counts under: the incoming one most of its notes count against;
    else the one filed with its intake; else the client's incoming referral current on its day
    (dated on or before it, not expired then, not cancelled), the latest."""
    incoming = {r["id"] for r in referrals}
    by_notes = _most_common(n.referral_id for n in notes if n.referral_id in incoming)
    if by_notes is not None:
        return by_notes
    filed = [r for r in referrals if r["intake_id"] == intake.pk]
    current = [
        r
        for r in referrals
        if r["referral_date"] <= day
        and (r["expires_on"] is None or r["expires_on"] >= day)
        and r["status"] != "cancelled"
    ]
    chosen = max(filed or current, key=lambda r: (r["referral_date"], r["id"]), default=None)
    return chosen["id"] if chosen else None


def _areas(regions: Iterable[str]) -> list[str]:
    """The body areas of marked regions: their body-map groups, without sides, catalogue order."""
    groups = {body_map.REGION_BY_CODE[r].group for r in regions if r in body_map.REGION_BY_CODE}
    return [group for group in body_map.GROUPS if group in groups]


def _client_rows(intakes: Sequence, notes: Sequence, referrals: Sequence[Mapping], t: Tables):  # noqa: ANN202
    """(outcome, its regions' intake id) for each of one client's submitted intakes."""
    by_id = {intake.pk: intake for intake in intakes}
    note_by_id = {note.pk: note for note in notes}
    found = [e for e in series.episodes(intakes, notes) if e.intake_id is not None]
    rows = []
    for index, episode in enumerate(found):
        intake = by_id[episode.intake_id]
        own = [note_by_id[row.note_id] for row in episode.rows if row.note_id is not None]
        rows.append(
            t.outcome(
                intake_id=intake.pk,
                started_on=episode.started_on,
                referral_id=_referral_for(intake, episode.started_on, own, referrals),
                therapist_id=_most_common(note.therapist_id for note in own),
                follow_ups=episode.follow_ups,
                visits_to_improvement=episode.first_improvement(),
                later_episode=index < len(found) - 1,
            )
        )
    return rows


def refresh_clients(client_ids: Iterable[int], *, tables: Tables | None = None) -> int:
    """Rewrite the outcome rows of these clients' episodes (eight queries, whatever their number);
    returns how many rows were written. The clients' rows are locked first, so two refreshes of
    one client (two notes signed at once) run one after the other."""
    t = tables or Tables.of()
    ids = sorted(set(client_ids))
    with transaction.atomic():
        list(t.client.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        intakes = t.intake.objects.filter(client_id__in=ids, status="submitted").only(
            "id", "client_id", "submitted_at", "current_pain", "worst_pain", "psfs"
        )
        notes = t.note.objects.filter(client_id__in=ids, signed_at__isnull=False).only(
            "id", "client_id", "therapist_id", "referral_id", "visit_date", "signed_at",
            "pain_before", "pain_worst", "pain_after", "psfs", "adverse_response",
        )  # fmt: skip
        referrals = t.referral.objects.filter(client_id__in=ids, direction="incoming").values(
            "id", "client_id", "intake_id", "referral_date", "expires_on", "status"
        )
        marks = t.mark.objects.filter(
            intake__client_id__in=ids, intake__status="submitted"
        ).values_list("intake_id", "region")
        per_client: dict[int, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
        for intake in intakes:
            per_client[intake.client_id][0].append(intake)
        for note in notes:
            per_client[note.client_id][1].append(note)
        for referral in referrals:
            per_client[referral["client_id"]][2].append(referral)
        regions: dict[int, list[str]] = defaultdict(list)
        for intake_id, region in marks:
            regions[intake_id].append(region)
        rows = [row for parts in per_client.values() for row in _client_rows(*parts, t)]
        t.outcome.objects.filter(intake__client_id__in=ids).delete()
        t.outcome.objects.bulk_create(rows, batch_size=BATCH)
        t.area.objects.bulk_create(
            [t.area(outcome=row, area=a) for row in rows for a in _areas(regions[row.intake_id])],
            batch_size=BATCH,
        )
    return len(rows)


def refresh_client(*, client_id: int) -> int:
    """Rewrite one client's outcome rows."""
    return refresh_clients([client_id])


def refresh_after_change(*, client_id: int) -> None:
    """:func:`refresh_client` within the transaction of the change that calls for it (an intake
    submitted, a note signed), so the summary commits with it. In a savepoint: should it fail,
    the change still stands and the failure is logged (ids only); ``recompute_outcomes`` mends
    the summary."""
    try:
        with transaction.atomic():
            refresh_client(client_id=client_id)
    except Exception:  # noqa: BLE001 - a summary must never undo a signed note or an intake
        logger.exception("Could not refresh the outcomes summary of client #%s", client_id)


def refresh_all(*, tables: Tables | None = None, batch: int = BATCH) -> int:
    """Rewrite every client's outcome rows, ``batch`` clients at a time; returns rows written."""
    t = tables or Tables.of()
    ids = list(t.client.objects.order_by("pk").values_list("pk", flat=True))
    return sum(
        refresh_clients(ids[start : start + batch], tables=t) for start in range(0, len(ids), batch)
    )


# ---------------------------------------------------------------- reads: the page's numbers


@dataclass
class Group:
    """One line of the page: a physician, a therapist, a body area or the whole clinic."""

    label: str
    episodes: int = 0
    followed: int = 0  # with at least one signed follow-up note
    dropped: int = 0  # no follow-up, and closed or older than DROPOUT_DAYS
    visits: Counter = field(default_factory=Counter)  # improved episodes by visits to improvement

    @property
    def improved(self) -> int:
        return sum(self.visits.values())

    @property
    def awaiting(self) -> int:
        """Open episodes with no follow-up yet, still within DROPOUT_DAYS."""
        return self.episodes - self.followed - self.dropped

    @property
    def median_visits(self) -> float | None:
        """The median number of follow-up visits to a meaningful improvement (improved only)."""
        n = self.improved
        if not n:
            return None
        ordered = sorted(self.visits.elements())
        middle = n // 2
        return float(ordered[middle]) if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def improved_percent(self) -> int | None:
        return round(100 * self.improved / self.followed) if self.followed else None

    @property
    def dropped_percent(self) -> int | None:
        return round(100 * self.dropped / self.episodes) if self.episodes else None

    def add(self, row: Mapping) -> None:
        self.episodes += row["episodes"]
        self.followed += row["followed"]
        self.dropped += row["dropped"]
        if row["visits"] is not None:
            self.visits[row["visits"]] += row["episodes"]


@dataclass(frozen=True)
class ClinicOutcomes:
    period: str
    since: dt.date | None
    today: dt.date
    total: Group
    physicians: list[Group]
    therapists: list[Group]
    areas: list[Group]

    @property
    def period_label(self) -> str:
        return PERIODS[self.period][0]


def _counts(prefix: str, today: dt.date) -> dict[str, Count]:
    """The GROUP BY's counts, on the outcome row reached through ``prefix``."""
    dropped = Q(**{f"{prefix}follow_ups": 0}) & (
        Q(**{f"{prefix}later_episode": True})
        | Q(**{f"{prefix}started_on__lt": today - dt.timedelta(days=DROPOUT_DAYS)})
    )
    return {
        "episodes": Count("pk"),
        "followed": Count("pk", filter=Q(**{f"{prefix}follow_ups__gt": 0})),
        "dropped": Count("pk", filter=dropped),
    }


def _grouped(rows: Iterable[Mapping], key: str, label) -> list[Group]:  # noqa: ANN001
    groups: dict[object, Group] = {}
    for row in rows:
        group = groups.get(row[key])
        if group is None:
            group = groups[row[key]] = Group(label(row))
        group.add(row)
    return list(groups.values())


def _therapist_label(row: Mapping) -> str:
    if row["therapist_id"] is None:
        return "No follow-up visit yet"
    name = f"{row['therapist__first_name']} {row['therapist__last_name']}".strip()
    return name or row["therapist__email"]


def clinic_outcomes(*, period: str = DEFAULT_PERIOD, today: dt.date) -> ClinicOutcomes:
    """The page's numbers for episodes started in ``period`` up to ``today`` (three queries)."""
    from intake.outcomes.models import EpisodeArea, EpisodeOutcome

    days = PERIODS[period][1]
    since = today - dt.timedelta(days=days) if days is not None else None
    outcomes = EpisodeOutcome.objects.order_by()
    areas = EpisodeArea.objects.order_by()
    if since is not None:
        outcomes = outcomes.filter(started_on__gt=since)
        areas = areas.filter(outcome__started_on__gt=since)
    by_physician = outcomes.values(
        "referral__physician_id", "referral__physician__name", visits=F_VISITS
    ).annotate(**_counts("", today))
    by_therapist = outcomes.values(
        "therapist_id", "therapist__first_name", "therapist__last_name", "therapist__email",
        visits=F_VISITS,
    ).annotate(**_counts("", today))  # fmt: skip
    by_area = areas.values("area", visits=F_AREA_VISITS).annotate(**_counts("outcome__", today))
    therapist_rows = list(by_therapist)
    total = Group("All episodes")
    for row in therapist_rows:
        total.add(row)
    physicians = _grouped(
        by_physician,
        "referral__physician_id",
        lambda r: r["referral__physician__name"] or "No referring physician",
    )
    area_groups = {g.label: g for g in _grouped(by_area, "area", lambda r: r["area"])}
    return ClinicOutcomes(
        period=period,
        since=since,
        today=today,
        total=total,
        physicians=sorted(physicians, key=lambda g: (-g.episodes, g.label)),
        therapists=sorted(
            _grouped(therapist_rows, "therapist_id", _therapist_label),
            key=lambda g: (-g.episodes, g.label),
        ),
        areas=[area_groups[a] for a in body_map.GROUPS if a in area_groups],
    )
