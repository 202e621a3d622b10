"""Reads of handouts: the frozen snapshot the handout PDF prints (``HandoutDocument``).

The renderer (:mod:`intake.handouts.pdf`) never queries; everything it prints is read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation

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

    @property
    def precaution_list(self) -> tuple[str, ...]:  # as Exercise's (templates share a block)
        return self.precautions


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
    language: str = settings.LANGUAGE_CODE  # what it is written in (labels, dates, the box)

    @property
    def stop_box(self) -> library.StopBox:
        return library.STOP_BOXES[self.body_area]


def exercise_document(item: HandoutItem, language: str | None = None) -> ExerciseDocument:
    """One exercise of a handout in ``language`` (the active one): the exercise's translation
    where it has one, else the clinic's wording; the therapist's own instructions as typed."""
    exercise = item.exercise
    with translation.override(language or translation.get_language()):
        dose = item.dose_text()
    return ExerciseDocument(
        name=exercise.text_in("name", language),
        purpose=exercise.text_in("purpose", language),
        steps=tuple(exercise.lines_in("instructions", language)),
        custom_instructions=item.custom_instructions.strip(),
        dose=dose,
        illustration=exercise.illustration,
        precautions=tuple(exercise.lines_in("precautions", language)),
    )


def handout_text(handout: Handout, field: str, language: str) -> str:
    """The handout's ``title`` or ``introduction`` in ``language``: its template's translation
    while the handout still holds the template's own wording; what the therapist wrote (in the
    clinic's language) otherwise."""
    value = getattr(handout, field)
    template = handout.template
    if template is not None and value == getattr(template, field):
        return template.text_in(field, language)
    return value


def handout_body_area(handout: Handout, items: Iterable[HandoutItem]) -> str:
    """The body area of a handout: its template's (from the template's tags), or, with no
    template, that of its exercises' tags (``library.body_area``)."""
    if handout.template is not None:
        return library.body_area(handout.template.suggest_tags)
    return library.body_area(tag for item in items for tag in item.exercise.tags or ())


def handout_document(handout: Handout, language: str | None = None) -> HandoutDocument:
    """The snapshot of a handout and its exercises, in the handout's order, in ``language``
    (the clinic's by default; the client's is ``languages.client_language(handout.client)``).
    One query for the items; give the handout with ``client``, ``therapist`` and ``template``
    selected."""
    language = language or settings.LANGUAGE_CODE
    items = list(handout.items.select_related("exercise").order_by("position", "id"))
    given = handout.assigned_at or handout.updated_at or timezone.now()
    therapist = handout.therapist
    return HandoutDocument(
        title=handout_text(handout, "title", language),
        client_name=handout.client.full_name,
        client_date_of_birth=handout.client.date_of_birth,
        therapist=therapist.get_full_name() or therapist.email,
        given_on=timezone.localtime(given).date(),
        introduction=handout_text(handout, "introduction", language),
        notes=handout.notes.strip(),
        exercises=tuple(exercise_document(item, language) for item in items),
        body_area=handout_body_area(handout, items),
        language=language,
    )
