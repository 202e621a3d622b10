"""Reads for the client's own pages: their visits, and which of their notes they may read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from intake.accounts.models import Client
from intake.handouts.models import Handout
from intake.notes.models import SessionNote

VISITS = 20  # the latest visits listed on the client's home page


@dataclass(frozen=True)
class Visit:
    """One visit as the client sees it in their history: when, with whom, what they were given."""

    note_id: int
    date: dt.date
    therapist: str
    handouts: tuple[Handout, ...]  # given that day


def notes_visible() -> bool:
    """Whether the clinic lets clients read their signed notes (off unless it says so)."""
    return bool(getattr(settings, "CLIENTS_SEE_SIGNED_NOTES", False))


def readable_notes(client: Client) -> QuerySet[SessionNote]:
    """The client's notes they may open: signed ones only (a draft is not a record yet)."""
    return SessionNote.objects.filter(client=client, signed_at__isnull=False)


def visit_history(
    client: Client, *, given: Sequence[Handout] = (), limit: int = VISITS
) -> tuple[list[Visit], bool]:
    """The client's latest ``limit`` visits (their signed notes, newest first; one query) with
    the handouts among ``given`` that were given on each visit's day, and whether there are
    older visits than those listed."""
    notes = list(
        readable_notes(client)
        .select_related("therapist")
        .order_by("-visit_date", "-id")[: limit + 1]
    )
    by_day = _handouts_by_day(given)
    visits = [
        Visit(
            note_id=note.pk,
            date=note.visit_date,
            therapist=note.therapist.get_full_name() or gettext("your therapist"),
            handouts=tuple(by_day.get(note.visit_date, ())),
        )
        for note in notes[:limit]
    ]
    return visits, len(notes) > limit


def _handouts_by_day(handouts: Iterable[Handout]) -> dict[dt.date, list[Handout]]:
    by_day: dict[dt.date, list[Handout]] = {}
    for handout in handouts:
        if handout.assigned_at is not None:
            day = timezone.localdate(handout.assigned_at)
            by_day.setdefault(day, []).append(handout)
    return by_day
