"""Reading the audit trail as people do: each event's record named the way the clinic says it
("Intake of 28 Nov 2026 — Riley Nguyen"), and the log review for admins: who opened which
client's record, and the patterns worth a second look.

Names are looked up in one query per kind of record on the page, never one per event.

The patterns (``unusual``), over a period:
- a therapist who opened the records of many clients who are not their own (clients they wrote
  no session note and gave no handout to in the clinic's records): at least
  ``OTHERS_MINIMUM`` such clients and more than ``OTHERS_RATIO`` times their own;
- records opened outside the clinic's opening hours (``AUDIT_OPENING_HOURS`` on
  ``AUDIT_OPENING_DAYS``, clinic time).
Admins (the front desk) open every client's record for their work, so the first pattern is for
therapists; every opening of everyone is still in the list above it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, ExtractMinute
from django.utils.formats import date_format

from intake.audit.models import AuditEvent

#: Actions that open (show or hand over) a client's record.
OPENING_ACTIONS = ("view", "print", "download", "export")
OTHERS_MINIMUM = 10
OTHERS_RATIO = 2
OUT_OF_HOURS_LIMIT = 200
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# object_type -> (the model, the date its name shows, the noun)
NAMED = {
    "intakesubmission": ("intake.IntakeSubmission", "created_at", "Intake"),
    "sessionnote": ("intake.SessionNote", "visit_date", "Session note"),
    "handout": ("intake.Handout", "created_at", "Handout"),
    "referral": ("intake.Referral", "referral_date", "Referral"),
    "referraldocument": ("intake.ReferralDocument", "uploaded_at", "Referral letter file"),
    "episodeoutcome": ("intake.EpisodeOutcome", "created_at", "Outcome"),
}


def _day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = value.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return date_format(value, "j M Y")


def name_events(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Set ``event.label`` on each event: what was opened, named as people name it. Expects the
    events' ``client`` selected with them; one query per kind of record named."""
    events = list(events)
    wanted: dict[str, set[int]] = defaultdict(set)
    for event in events:
        if event.object_type in NAMED and event.object_id.isdigit():
            wanted[event.object_type].add(int(event.object_id))
    dates: dict[tuple[str, int], object] = {}
    for object_type, ids in wanted.items():
        label, field, _ = NAMED[object_type]
        try:
            model = apps.get_model(label)
            field_name = field if hasattr(model, field) else "pk"
        except LookupError:
            continue
        for pk, value in model._default_manager.filter(pk__in=ids).values_list("pk", field_name):
            dates[(object_type, pk)] = value
    for event in events:
        event.label = _label(event, dates)
    return events


def _label(event: AuditEvent, dates: dict) -> str:
    person = event.client.full_name if event.client_id and event.client else ""
    suffix = f" — {person}" if person else ""
    if event.object_type == "client":
        return f"Chart{suffix}" if person else f"Client #{event.object_id}"
    if event.object_type in NAMED:
        noun = NAMED[event.object_type][2]
        key = (event.object_type, int(event.object_id)) if event.object_id.isdigit() else None
        if key in dates and isinstance(dates[key], datetime.date):
            return f"{noun} of {_day(dates[key])}{suffix}"
        return f"{noun} #{event.object_id} (removed){suffix}" if key else f"{noun}{suffix}"
    if event.object_type:
        try:
            noun = apps.get_model("intake", event.object_type)._meta.verbose_name.capitalize()
        except LookupError:
            noun = event.object_type
        return f"{noun} #{event.object_id}{suffix}"
    return person or "—"


# ------------------------------------------------------------------ log review


def openings(
    *, staff_id: int | None = None, start: datetime.date, end: datetime.date
) -> QuerySet[AuditEvent]:
    """Staff's openings of clients' records between ``start`` and ``end`` (clinic dates)."""
    events = AuditEvent.objects.filter(
        action__in=OPENING_ACTIONS,
        client__isnull=False,
        role__in=("therapist", "admin"),
        at__date__gte=start,
        at__date__lte=end,
    )
    if staff_id:
        events = events.filter(user_id=staff_id)
    return events


def _own(user_ref: str, client_ref: str) -> Q:
    from intake.handouts.models import Handout
    from intake.notes.models import SessionNote

    wrote = SessionNote.objects.filter(
        therapist_id=OuterRef(user_ref), client_id=OuterRef(client_ref)
    )
    gave = Handout.objects.filter(therapist_id=OuterRef(user_ref), client_id=OuterRef(client_ref))
    return Exists(wrote) | Exists(gave)


def who_opened_what(events: QuerySet[AuditEvent]) -> list[dict]:
    """One row per staff member and client: how many openings, first and last, and whether the
    client is the staff member's own. Two queries, whatever the number of rows."""
    from intake.accounts.models import Client, User

    rows = list(
        events.values("user_id", "client_id")
        .annotate(
            opened=Count("id"), first=Min("at"), last=Max("at"), own=_own("user_id", "client_id")
        )
        .order_by("-last")
    )
    users = User.objects.in_bulk({row["user_id"] for row in rows})
    clients = Client.objects.in_bulk({row["client_id"] for row in rows})
    for row in rows:
        row["user"], row["client"] = users.get(row["user_id"]), clients.get(row["client_id"])
    return rows


@dataclass(frozen=True)
class ManyOthers:
    user: object
    own: int
    others: int


def many_others(rows: list[dict]) -> list[ManyOthers]:
    """Therapists who opened many more clients' records than their own clients'."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    users = {}
    for row in rows:
        if row["user"] is None or row["user"].role != "therapist":
            continue
        users[row["user_id"]] = row["user"]
        counts[row["user_id"]][0 if row["own"] else 1] += 1
    found = [
        ManyOthers(user=users[user_id], own=own, others=others)
        for user_id, (own, others) in counts.items()
        if others >= OTHERS_MINIMUM and others > OTHERS_RATIO * own
    ]
    return sorted(found, key=lambda item: -item.others)


def opening_hours() -> tuple[int, int, set[int]]:
    """The clinic's opening (minutes after midnight, from and to) and open ISO weekdays."""
    try:
        opens, closes = (
            int(hours) * 60 + int(minutes)
            for hours, minutes in (
                part.strip().split(":") for part in settings.AUDIT_OPENING_HOURS.split("-")
            )
        )
        days = {DAYS.index(day.strip().lower()[:3]) + 1 for day in settings.AUDIT_OPENING_DAYS}
    except ValueError as error:
        raise ImproperlyConfigured(
            "AUDIT_OPENING_HOURS is HH:MM-HH:MM and AUDIT_OPENING_DAYS a list of mon…sun."
        ) from error
    return opens, closes, days


def out_of_hours(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """Openings outside opening hours or on a closed day, clinic time, newest first."""
    opens, closes, days = opening_hours()
    zone = ZoneInfo(settings.TIME_ZONE)
    local = events.annotate(
        local_minute=ExtractHour("at", tzinfo=zone) * 60 + ExtractMinute("at", tzinfo=zone),
        local_day=ExtractIsoWeekDay("at", tzinfo=zone),
    )
    closed = Q(local_minute__lt=opens) | Q(local_minute__gte=closes) | ~Q(local_day__in=days)
    return local.filter(closed).select_related("user", "client").order_by("-at", "-id")
