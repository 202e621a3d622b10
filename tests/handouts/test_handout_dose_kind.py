"""A dose measured in minutes (walking) rather than sets and repetitions: the model's text and
constraint, the composer's and the exercise form's validation, and the PDF."""

import io

import pytest
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from intake.handouts.forms import ItemForm
from intake.handouts.models import DoseKind, Exercise, HandoutItem, dose_text
from intake.handouts.pdf import render_handout
from intake.handouts.selectors import handout_document

pytestmark = pytest.mark.django_db


def dose(**fields) -> dict:
    data = {"dose_kind": "reps", "sets": "1", "reps": "10", "hold_seconds": "0", "minutes": "",
            "times_per_day": "2", "days_per_week": "7", "custom_instructions": ""}  # fmt: skip
    data.update(fields)
    return data


def test_it_says_a_duration_in_minutes_without_sets_or_repetitions():
    text = dose_text(sets=3, reps=12, hold_seconds=30, times_per_day=2, kind="duration",
                     minutes=20, days_per_week=5)  # fmt: skip
    assert text == "20 minutes · twice a day · 5 days a week"
    assert dose_text(sets=1, reps=1, hold_seconds=0, times_per_day=1, kind="duration",
                     minutes=1) == "1 minute · once a day"  # fmt: skip


def test_it_seeds_the_walk_as_minutes(library):
    walk = Exercise.objects.get(slug="walking")
    assert (walk.dose_kind, walk.minutes) == (DoseKind.DURATION, 10)
    assert walk.dose_text() == "10 minutes · twice a day"
    assert "repetition" not in walk.dose_text()


def test_a_duration_dose_needs_minutes_and_leaves_out_sets_and_repetitions():
    form = ItemForm(dose(dose_kind="duration", sets="abc", reps="500", minutes="30"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["minutes"] == 30
    assert (form.cleaned_data["sets"], form.cleaned_data["reps"]) == (1, 1)
    assert form.cleaned_data["hold_seconds"] == 0
    missing = ItemForm(dose(dose_kind="duration", minutes=""))
    assert not missing.is_valid()
    assert missing.errors["minutes"] == ["Minutes is required (1 to 180)."]
    too_long = ItemForm(dose(dose_kind="duration", minutes="600"))
    assert too_long.errors["minutes"] == ["Minutes must be between 1 and 180."]


def test_a_repetition_dose_needs_sets_and_repetitions_and_drops_minutes():
    form = ItemForm(dose(minutes="30"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["minutes"] is None
    missing = ItemForm(dose(sets="", reps=""))
    assert missing.errors["sets"] == ["Sets is required (1 to 10)."]
    assert missing.errors["reps"] == ["Repetitions is required (1 to 50)."]
    bad = ItemForm(dose(dose_kind="<script>", days_per_week="8"))
    assert "dose_kind" in bad.errors
    assert bad.errors["days_per_week"] == ["Days a week must be between 1 and 7."]


def test_the_database_refuses_a_duration_without_minutes(handout):
    item = handout.items.get(exercise__slug="walking")
    assert (item.dose_kind, item.minutes) == ("duration", 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        HandoutItem.objects.filter(pk=item.pk).update(minutes=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        HandoutItem.objects.filter(pk=item.pk).update(dose_kind="reps")  # minutes left behind


def test_the_composer_saves_a_walk_in_minutes(therapist_http, handout):
    from tests.handouts.test_handout_compose import form_data

    item = handout.items.get(exercise__slug="walking")
    data = form_data(handout, save="1")
    data.update({f"item-{item.pk}-minutes": "30", f"item-{item.pk}-days_per_week": "5"})
    assert therapist_http.post(f"/staff/handouts/{handout.pk}/", data).status_code == 302
    item.refresh_from_db()
    assert (item.minutes, item.days_per_week) == (30, 5)
    body = therapist_http.get(f"/staff/handouts/{handout.pk}/preview/").content.decode()
    assert "30 minutes · twice a day · 5 days a week" in body


def test_the_exercise_form_creates_a_duration_exercise(therapist_http):
    from tests.handouts.test_handout_exercises import NEW, valid

    data = valid(name="Easy cycling", dose_kind="duration", minutes="15", sets="", reps="")
    assert therapist_http.post(NEW, data).status_code == 302
    exercise = Exercise.objects.get(name="Easy cycling")
    assert (exercise.dose_kind, exercise.minutes, exercise.sets, exercise.reps) == (
        "duration", 15, 1, 1,
    )  # fmt: skip


def test_the_pdf_prints_the_walk_in_minutes(handout):
    reader = PdfReader(io.BytesIO(render_handout(handout_document(handout))))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    walk = text[text.index("3. Daily walk") : text.index("4. Seated leg slider")]
    assert "How much: 10 minutes · twice a day" in walk
    assert "repetition" not in walk and "sets" not in walk


def test_the_migration_turns_the_old_walk_into_minutes(handout):
    """Before migration 0011 the seeded walk was "1 set of 1": the walk and the handout items
    still at that placeholder become 10 minutes; a dose a therapist changed is kept."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "intake.migrations.0011_dose_kind_referral_dates_credentials"
    )
    old = {"dose_kind": "reps", "minutes": None, "sets": 1, "reps": 1, "hold_seconds": 0}
    Exercise.objects.filter(slug="walking").update(**old)
    walk = handout.items.get(exercise__slug="walking")
    HandoutItem.objects.filter(pk=walk.pk).update(**old)
    edited = handout.items.get(exercise__slug="pelvic-tilt")  # 1 x 10: not the placeholder
    migration.forwards(apps, None)
    assert Exercise.objects.get(slug="walking").dose_text() == "10 minutes · twice a day"
    walk.refresh_from_db()
    edited.refresh_from_db()
    assert (walk.dose_kind, walk.minutes) == ("duration", 10)
    assert (edited.dose_kind, edited.reps) == ("reps", 10)
