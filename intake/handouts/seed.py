"""Load the exercise library and body-area templates (idempotent, and bringing the seeded wording
up to date), plus one demo handout."""

import hashlib
import json
from typing import TextIO

from django.db import models, transaction

from intake.handouts.library import (
    EXERCISE_BY_SLUG,
    EXERCISES,
    TEMPLATE_BY_SLUG,
    TEMPLATES,
    ExerciseSpec,
)
from intake.handouts.models import Exercise, Handout, HandoutTemplate, TemplateItem

DEMO_CLIENT_EMAIL = "client@demo.clinic"
DEMO_THERAPIST_EMAIL = "therapist@demo.clinic"


#: Fingerprints (``wording_hash``) of wordings earlier seeds wrote and this one replaces: a row
#: still holding one of them is brought up to date; a row a member of staff edited is left alone.
#: Issue 13: titles and texts name a body area, never a condition, nor what causes a symptom.
SUPERSEDED = frozenset(
    {"0635bf3aff7c209e", "0a001c359a654dbd", "12ec485ef44e1773", "185b44aef6db4f97",
     "3f515613d492f060", "4fc8409e3b3a3da9", "53f8585041e40cd9", "60e13eb72085985b",
     "66c14e9bad91b813", "72271d9c88e88f7b", "aaf76e27e68c974d", "b7a87529b5be1991",
     "ddd2c0e90cf4a1de", "e01274caaba88176", "e07d8bca5b3d9e43", "e776b339a4424d71",
     "ee0c27de6088534f", "f69499e04f058454", "fa7f1bff76244468"}
)  # fmt: skip


def wording_hash(value: object) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()[:16]


def _exercise_fields(spec: ExerciseSpec) -> dict[str, object]:
    return {
        "name": spec.name,
        "purpose": spec.purpose,
        "instructions": spec.instructions,
        "precautions": spec.precautions_text,
        "tags": list(spec.tags),
    }


def _refresh(row: models.Model, wanted: dict[str, object]) -> bool:
    """Give ``row`` the seed's current wording wherever it still holds a superseded one."""
    changed = [
        name
        for name, value in wanted.items()
        if getattr(row, name) != value and wording_hash(getattr(row, name)) in SUPERSEDED
    ]
    for name in changed:
        setattr(row, name, wanted[name])
    if changed:
        row.save(update_fields=changed)
    return bool(changed)


def _fill_translations(row: models.Model, spec_translations: dict[str, dict[str, str]]) -> bool:
    """Give ``row`` the seed's French and Spanish for each field that still holds the seed's
    own English and has no translation yet in that language: a translation is of one wording,
    so a field staff reworded keeps no seeded translation, and a translation staff wrote (or
    corrected) is never overwritten."""
    current = dict(row.translations or {})
    changed = False
    for language, words in spec_translations.items():
        mine = dict(current.get(language) or {})
        for field, text in words.items():
            source = getattr(row, field)
            if not mine.get(field) and source == _seeded_english(row, field):
                mine[field] = text
                changed = True
        if mine:
            current[language] = mine
    if changed:
        row.translations = current
        row.save(update_fields=["translations"])
    return changed


def _seeded_english(row: models.Model, field: str) -> object:
    if isinstance(row, Exercise):
        return _exercise_fields(EXERCISE_BY_SLUG[row.slug])[field]
    spec = TEMPLATE_BY_SLUG[row.slug]
    return {"title": spec.title, "introduction": spec.introduction}[field]


@transaction.atomic
def load_library() -> tuple[int, int, int]:
    """Create missing exercises and templates from ``library``, and bring the wording of seeded
    ones up to date; returns how many exercises and templates were created, and rows updated.

    Rows are matched by slug. A field is updated only while it still holds a wording an earlier
    seed wrote (``SUPERSEDED``), so staff edits survive a re-run; handouts started from a seeded
    template are brought up to date the same way (``manage.py seed_demo`` runs this).

    The French and Spanish are written on the rows (``translations``), created with them or,
    for rows an earlier seed made, filled in here (:func:`_fill_translations`) rather than by a
    data migration: a migration is frozen, while the library's wording changes with later seeds,
    and only the seed knows which English a translation belongs to.
    """
    exercises = {exercise.slug: exercise for exercise in Exercise.objects.all()}
    new_exercises = updated = 0
    for spec in EXERCISES:
        if spec.slug in exercises:
            updated += _refresh(exercises[spec.slug], _exercise_fields(spec))
            updated += _fill_translations(exercises[spec.slug], spec.translations)
            continue
        exercises[spec.slug] = Exercise.objects.create(
            slug=spec.slug,
            **_exercise_fields(spec),
            translations=spec.translations,
            illustration=spec.illustration,
            sets=spec.sets,
            reps=spec.reps,
            hold_seconds=spec.hold_seconds,
            times_per_day=spec.times_per_day,
            dose_kind=spec.dose_kind,
            minutes=spec.minutes,
        )
        new_exercises += 1
    new_templates = 0
    for spec in TEMPLATES:
        wording = {"title": spec.title, "introduction": spec.introduction}
        template, created = HandoutTemplate.objects.get_or_create(
            slug=spec.slug,
            defaults={
                **wording,
                "suggest_tags": list(spec.suggest_tags),
                "translations": spec.translations,
            },
        )
        if created:
            TemplateItem.objects.bulk_create(
                TemplateItem(template=template, exercise=exercises[slug], position=position)
                for position, slug in enumerate(spec.exercises, start=1)
            )
            new_templates += 1
        else:
            updated += _refresh(template, wording)
            updated += _fill_translations(template, spec.translations)
            updated += _refresh_handouts(template, wording)
    return new_exercises, new_templates, updated


def _refresh_handouts(template: HandoutTemplate, wording: dict[str, object]) -> int:
    """Handouts started from ``template`` that still carry its superseded title or introduction
    (the client reads them too) take the new wording; a therapist's own wording stays."""
    handouts = Handout.objects.filter(template=template).only("id", "title", "introduction")
    return sum(_refresh(handout, wording) for handout in handouts)


def _demo_handout() -> bool:
    from intake.accounts.models import Client, User
    from intake.handouts.services import assign_handout, start_handout

    client = Client.objects.filter(user__email=DEMO_CLIENT_EMAIL).first()
    therapist = User.objects.filter(email=DEMO_THERAPIST_EMAIL).first()
    if client is None or therapist is None or Handout.objects.filter(client=client).exists():
        return False
    template = HandoutTemplate.objects.get(slug="sciatic-nerve-pain")
    handout = start_handout(client=client, therapist=therapist, template=template)
    handout.notes = "Start gently; we will review these at your next visit."
    handout.save(update_fields=["notes"])
    assign_handout(handout=handout)
    return True


def seed(stdout: TextIO) -> None:
    exercises, templates, updated = load_library()
    stdout.write(
        f"  exercises: {exercises} new; templates: {templates} new; {updated} brought up to date"
    )
    if _demo_handout():
        stdout.write("  demo handout assigned to the demo client")
