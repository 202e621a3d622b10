"""The referral dashboard's numbers and its chart, in a fixed number of queries (five), and the
referral lists the home pages, the front office's work queue and the daily alerts read."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.db.models.functions import TruncMonth

from intake.referrals.models import Referral, ReferralQuerySet
from intake.referrals.services import TRANSITIONS

if TYPE_CHECKING:
    from intake.accounts.models import Client

EXPIRING_DAYS = 14
LOW_VISITS = 2
LIST_LIMIT = 10
HOME_LIMIT = 5  # rows in a home page's referral lists
MONTHS = 12
TOP_PHYSICIANS = 5
PALETTE = ("#1f6feb", "#d97706", "#059669", "#9333ea", "#dc2626", "#6b7280")

CHART_W, CHART_H = 640, 240
PAD_L, PAD_R, PAD_T, PAD_B = 34, 10, 10, 36


def _month_starts(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    year, month = today.year, today.month
    out = []
    for _ in range(months):
        out.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def expiring_soon(today: dt.date, days: int = EXPIRING_DAYS) -> ReferralQuerySet:
    """Usable referrals whose expiry date falls within the next ``days`` days."""
    return (
        Referral.objects.usable_incoming(today=today)
        .filter(expires_on__lte=today + dt.timedelta(days=days))
        .with_visit_counts()
        .select_related("client", "physician")
        .order_by("expires_on", "id")
    )


def nearly_exhausted(today: dt.date, low: int = LOW_VISITS) -> ReferralQuerySet:
    """Usable referrals, not past their expiry date, with ``low`` visits or fewer left."""
    return (
        Referral.objects.usable_incoming(today=today)
        .filter(visits_authorized__isnull=False)
        .with_visit_counts(grouped=True)
        .filter(visits_remaining_count__lte=low)
        .select_related("client", "physician")
        .order_by("visits_remaining_count", "id")
    )


def to_verify() -> ReferralQuerySet:
    """Incoming referrals received and not verified yet, oldest first: the front office's first
    job. Visits given meanwhile are counted (``visits_used_count``), so the office sees which
    ones a therapist is already treating under."""
    return (
        Referral.objects.incoming()
        .filter(status=Referral.Status.RECEIVED)
        .with_visit_counts()
        .select_related("client", "physician")
        .order_by("referral_date", "id")
    )


@dataclass(frozen=True)
class Shortlist:
    """The first ``rows`` of a list and how many there are in all."""

    rows: tuple
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


def shortlist(queryset: ReferralQuerySet, limit: int = HOME_LIMIT) -> Shortlist:
    """The first ``limit`` rows (one query) and the total, counted (a second query) only when
    the list is longer than what is shown."""
    rows = tuple(queryset[: limit + 1])
    count = queryset.count() if len(rows) > limit else len(rows)
    return Shortlist(rows=rows[:limit], count=count)


def client_referrals(client: Client, limit: int = HOME_LIMIT) -> list[Referral]:
    """A client's latest referrals from a physician, for their home page."""
    return list(
        Referral.objects.filter(client=client)
        .incoming()
        .with_visit_counts()
        .select_related("physician")
        .order_by("-referral_date", "-id")[:limit]
    )


Series = list[tuple[int | None, str]]  # (physician id, or None for "Other"; name)
PerMonth = list[tuple[dt.date, list[int]]]  # (month, one count per series)


def _monthly_counts(months: list[dt.date], today: dt.date) -> tuple[Series, PerMonth]:
    """Incoming referrals per month and physician: the top physicians by count each get a
    series, the rest are summed as "Other physicians" (one query)."""
    rows = (
        Referral.objects.incoming()
        .filter(referral_date__gte=months[0], referral_date__lte=today)
        .annotate(month=TruncMonth("referral_date"))
        .values("month", "physician_id", "physician__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[dt.date, int], int] = {}
    totals: dict[int, int] = defaultdict(int)
    names: dict[int, str] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        counts[(month, row["physician_id"])] = row["n"]
        totals[row["physician_id"]] += row["n"]
        names[row["physician_id"]] = row["physician__name"]
    top = sorted(totals, key=lambda pid: (-totals[pid], names[pid]))[:TOP_PHYSICIANS]
    series: Series = [(pid, names[pid]) for pid in top]
    if len(totals) > len(top):
        series.append((None, "Other physicians"))
    per_month = []
    for month in months:
        values = [counts.get((month, pid), 0) for pid in top]
        if len(series) > len(top):
            values.append(sum(n for (m, pid), n in counts.items() if m == month and pid not in top))
        per_month.append((month, values))
    return series, per_month


def chart(today: dt.date) -> dict:
    """Incoming referrals received per month (last 12) by physician, as stacked SVG bars.

    The top physicians by count get their own colour; the rest are grouped as "Other".
    """
    months = _month_starts(today)
    series, per_month = _monthly_counts(months, today)
    peak = max((sum(v) for _, v in per_month), default=0) or 1
    plot_w, plot_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B
    slot = plot_w / len(months)
    bars, labels = [], []
    for i, (month, values) in enumerate(per_month):
        x = PAD_L + i * slot + slot * 0.15
        y = PAD_T + plot_h
        for (_, name), value, colour in zip(series, values, PALETTE, strict=False):
            if not value:
                continue
            h = plot_h * value / peak
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(slot * 0.7, 1),
                         "h": round(h, 1), "fill": colour,
                         "title": f"{month:%b %Y}: {name}, {value}"})  # fmt: skip
        labels.append({"x": round(PAD_L + i * slot + slot / 2, 1), "text": f"{month:%b}",
                       "total": sum(values)})  # fmt: skip
    return {
        "width": CHART_W,
        "height": CHART_H,
        "bars": bars,
        "labels": labels,
        "label_y": CHART_H - PAD_B + 14,
        "axis_y": PAD_T + plot_h,
        "axis_x0": PAD_L,
        "axis_x1": CHART_W - PAD_R,
        "peak": peak,
        "peak_y": PAD_T + 4,
        "legend": [
            {"name": name, "fill": c} for (_, name), c in zip(series, PALETTE, strict=False)
        ],
        "first_month": months[0],
        "empty": not bars,
    }


def build(today: dt.date) -> dict:
    """Everything the dashboard template shows."""
    status_rows = Referral.objects.values("direction", "status").annotate(n=Count("id")).order_by()
    by_status = {(row["direction"], row["status"]): row["n"] for row in status_rows}
    labels = dict(Referral.Status.choices)
    status_counts = [
        {
            "direction": direction,
            "label": dict(Referral.Direction.choices)[direction],
            "items": [
                {"status": s, "label": labels[s], "n": by_status.get((direction, s), 0)}
                for s in TRANSITIONS[direction]
            ],
        }
        for direction in TRANSITIONS
    ]
    return {
        "today": today,
        "status_counts": status_counts,
        "expiring": list(expiring_soon(today)[:LIST_LIMIT]),
        "exhausted": list(nearly_exhausted(today)[:LIST_LIMIT]),
        "expiring_days": EXPIRING_DAYS,
        "low_visits": LOW_VISITS,
        "chart": chart(today),
    }
