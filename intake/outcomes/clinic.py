"""Clinic outcomes: the per-episode summary rows (writes) and the admin page's numbers (reads).

:func:`refresh_clients` rewrites the :class:`~intake.outcomes.models.EpisodeOutcome` rows of some
clients from their intakes and signed notes, through :func:`intake.outcomes.series.episodes`
(the same episodes and verdicts the chart shows). It runs in the transaction that submits an
intake or signs a note, from ``manage.py recompute_outcomes`` and from migration 0008.
:func:`clinic_outcomes` reads the rows back grouped by referring physician, therapist and body
area: two GROUP BY queries, whatever the number of episodes. The choices behind the numbers are
in docs/outcomes.md, "Clinic outcomes".
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
#: Physicians listed by name, the busiest first; the others share one line.
TOP = 20
logger = logging.getLogger(__name__)
BATCH = 1000  # clients per refresh when recomputing everything
F_VISITS = F("visits_to_improvement")


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

    @classmethod
    def of(cls, apps=None) -> Tables:  # noqa: ANN001 (an app registry)
        if apps is None:
            from django.apps import apps
        names = ("Client", "IntakeSubmission", "SymptomMark", "SessionNote", "Referral",
                 "EpisodeOutcome")  # fmt: skip
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


def area_bits(regions: Iterable[str]) -> int:
    """The body areas of marked regions (their body-map groups, without sides) as bits: bit i
    stands for ``body_map.GROUPS[i]``."""
    groups = {body_map.REGION_BY_CODE[r].group for r in regions if r in body_map.REGION_BY_CODE}
    return sum(1 << i for i, group in enumerate(body_map.GROUPS) if group in groups)


def areas_of(bits: int) -> list[str]:
    """The body areas ``bits`` stands for, in catalogue order."""
    return [group for i, group in enumerate(body_map.GROUPS) if bits & (1 << i)]


def _client_rows(  # noqa: ANN202
    intakes: Sequence, notes: Sequence, referrals: Sequence[Mapping], regions: Mapping, t: Tables
):
    """The outcome row of each of one client's submitted intakes (``regions``: by intake id)."""
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
                areas=area_bits(regions.get(intake.pk, ())),
            )
        )
    return rows


def refresh_clients(client_ids: Iterable[int], *, tables: Tables | None = None) -> int:
    """Rewrite the outcome rows of these clients' episodes (seven queries, whatever their number);
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
        rows = [row for parts in per_client.values() for row in _client_rows(*parts, regions, t)]
        t.outcome.objects.filter(intake__client_id__in=ids).delete()
        t.outcome.objects.bulk_create(rows, batch_size=BATCH)
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

    def merge(self, other: Group) -> None:
        self.episodes += other.episodes
        self.followed += other.followed
        self.dropped += other.dropped
        self.visits.update(other.visits)

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


def _counts(today: dt.date) -> dict[str, Count]:
    """The GROUP BY's counts."""
    dropped = Q(follow_ups=0) & (
        Q(later_episode=True) | Q(started_on__lt=today - dt.timedelta(days=DROPOUT_DAYS))
    )
    return {
        "episodes": Count("pk"),
        "followed": Count("pk", filter=Q(follow_ups__gt=0)),
        "dropped": Count("pk", filter=dropped),
    }


def _by_key(rows: Iterable[Mapping], key: str) -> dict[object, Group]:
    """One group per value of ``key`` (labelled later)."""
    groups: dict[object, Group] = {}
    for row in rows:
        group = groups.get(row[key])
        if group is None:
            group = groups[row[key]] = Group("")
        group.add(row)
    return groups


def _by_area(rows: Iterable[Mapping]) -> list[Group]:
    """Rows of one set of areas each, counted under each area of the set, catalogue order."""
    groups = [Group(area) for area in body_map.GROUPS]
    for row in rows:
        for i, group in enumerate(groups):
            if row["areas"] & (1 << i):
                group.add(row)
    return [group for group in groups if group.episodes]


def _busiest(groups: Iterable[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: (-g.episodes, g.label))


def _physicians(groups: dict[int | None, Group]) -> list[Group]:
    """The TOP busiest physicians by name (one query), then one line that sums the others (its
    median is exact: the visit counts are summed, not the medians), then episodes without one."""
    from intake.referrals.models import Physician

    none = groups.pop(None, None)
    ranked = sorted(groups, key=lambda pk: (-groups[pk].episodes, pk))
    named = ranked if len(ranked) <= TOP + 1 else ranked[:TOP]
    names = dict(Physician.objects.filter(pk__in=named).values_list("pk", "name"))
    shown = []
    for pk in named:
        groups[pk].label = names[pk]
        shown.append(groups[pk])
    if len(named) < len(ranked):
        rest = Group(f"All other physicians ({len(ranked) - len(named)})")
        for pk in ranked[len(named) :]:
            rest.merge(groups[pk])
        shown.append(rest)
    if none is not None:
        none.label = "No referring physician"
        shown.append(none)
    return shown


def _therapists(groups: dict[int | None, Group]) -> list[Group]:
    """Each therapist by name (one query); episodes without a signed note last."""
    from intake.accounts.models import User

    none = groups.pop(None, None)
    for user in User.objects.filter(pk__in=list(groups)).only("first_name", "last_name", "email"):
        groups[user.pk].label = user.get_full_name() or user.email
    shown = _busiest(groups.values())
    if none is not None:
        none.label = "No follow-up visit yet"
        shown.append(none)
    return shown


def clinic_outcomes(*, period: str = DEFAULT_PERIOD, today: dt.date) -> ClinicOutcomes:
    """The page's numbers for episodes started in ``period`` up to ``today``, in four queries:
    the episodes grouped by physician, then by therapist and set of areas at once (which gives
    the total too), and the names of the physicians and therapists shown."""
    from intake.outcomes.models import EpisodeOutcome

    days = PERIODS[period][1]
    since = today - dt.timedelta(days=days) if days is not None else None
    outcomes = EpisodeOutcome.objects.order_by()
    if since is not None:
        outcomes = outcomes.filter(started_on__gt=since)
    counts = _counts(today)
    by_physician = outcomes.values(physician=F("referral__physician_id"), visits=F_VISITS)
    by_therapist_and_areas = list(
        outcomes.values("therapist_id", "areas", visits=F_VISITS).annotate(**counts)
    )
    total = Group("All episodes")
    for row in by_therapist_and_areas:
        total.add(row)
    return ClinicOutcomes(
        period=period,
        since=since,
        today=today,
        total=total,
        physicians=_physicians(_by_key(by_physician.annotate(**counts), "physician")),
        therapists=_therapists(_by_key(by_therapist_and_areas, "therapist_id")),
        areas=_by_area(by_therapist_and_areas),
    )
