"""Reads of handouts: the frozen snapshot the handout PDF prints (``HandoutDocument``).

The renderer (:mod:`intake.handouts.pdf`) never queries; everything it prints is read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from intake.handouts import library
from intake.handouts.models import Handout, HandoutItem


@dataclass(frozen=True)
class ExerciseDocument:
    name: str
    purpose: str
    steps: tuple[str, ...]
    custom_instructions: str
    dose: str
    illustration: str  # a key of intake.handouts.illustrations, or "" for none
    precautions: tuple[str, ...]


@dataclass(frozen=True)
class HandoutDocument:
    """One handout as printed: plain values, read once."""

    title: str
    client_name: str
    client_date_of_birth: dt.date | None
    therapist: str
    given_on: dt.date
    introduction: str
    notes: str
    exercises: tuple[ExerciseDocument, ...]
    body_area: str = library.BACK_LEG  # which stop-and-seek-care list it ends with


def exercise_document(item: HandoutItem) -> ExerciseDocument:
    exercise = item.exercise
    return ExerciseDocument(
        name=exercise.name,
        purpose=exercise.purpose,
        steps=tuple(exercise.steps),
        custom_instructions=item.custom_instructions.strip(),
        dose=item.dose_text(),
        illustration=exercise.illustration,
        precautions=tuple(exercise.precaution_list),
    )


def handout_body_area(handout: Handout, items: Iterable[HandoutItem]) -> str:
    """The body area of a handout: its template's (from the template's tags), or, with no
    template, that of its exercises' tags (``library.body_area``)."""
    if handout.template is not None:
        return library.body_area(handout.template.suggest_tags)
    return library.body_area(tag for item in items for tag in item.exercise.tags or ())


def handout_document(handout: Handout) -> HandoutDocument:
    """The snapshot of a handout and its exercises, in the handout's order (one query for the
    items; give the handout with ``client``, ``therapist`` and ``template`` selected)."""
    items = list(handout.items.select_related("exercise").order_by("position", "id"))
    given = handout.assigned_at or handout.updated_at or timezone.now()
    therapist = handout.therapist
    return HandoutDocument(
        title=handout.title,
        client_name=handout.client.full_name,
        client_date_of_birth=handout.client.date_of_birth,
        therapist=therapist.get_full_name() or therapist.email,
        given_on=timezone.localtime(given).date(),
        introduction=handout.introduction,
        notes=handout.notes.strip(),
        exercises=tuple(exercise_document(item) for item in items),
        body_area=handout_body_area(handout, items),
    )
