"""Load the exercise library and condition templates (idempotent), plus one demo handout."""

from typing import TextIO

from django.db import transaction

from intake.handouts.library import EXERCISES, TEMPLATES
from intake.handouts.models import Exercise, Handout, HandoutTemplate, TemplateItem

DEMO_CLIENT_EMAIL = "client@demo.clinic"
DEMO_THERAPIST_EMAIL = "therapist@demo.clinic"


@transaction.atomic
def load_library() -> tuple[int, int]:
    """Create missing exercises and templates from ``library``; returns how many were created.

    Existing rows (matched by slug) are left as they are, so staff edits survive a re-run.
    """
    exercises = {exercise.slug: exercise for exercise in Exercise.objects.all()}
    new_exercises = 0
    for spec in EXERCISES:
        if spec.slug in exercises:
            continue
        exercises[spec.slug] = Exercise.objects.create(
            slug=spec.slug,
            name=spec.name,
            purpose=spec.purpose,
            instructions=spec.instructions,
            precautions=spec.precautions_text,
            tags=list(spec.tags),
            illustration=spec.illustration,
            sets=spec.sets,
            reps=spec.reps,
            hold_seconds=spec.hold_seconds,
            times_per_day=spec.times_per_day,
        )
        new_exercises += 1
    new_templates = 0
    for spec in TEMPLATES:
        template, created = HandoutTemplate.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "introduction": spec.introduction,
                "suggest_tags": list(spec.suggest_tags),
            },
        )
        if created:
            TemplateItem.objects.bulk_create(
                TemplateItem(template=template, exercise=exercises[slug], position=position)
                for position, slug in enumerate(spec.exercises, start=1)
            )
            new_templates += 1
    return new_exercises, new_templates


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
    exercises, templates = load_library()
    stdout.write(f"  exercises: {exercises} new; templates: {templates} new")
    if _demo_handout():
        stdout.write("  demo handout assigned to the demo client")
