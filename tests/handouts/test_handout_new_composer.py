"""Composing a handout that is not saved yet: "Start composing" stores nothing, moving, removing
and adding exercises store nothing, and only "Save" stores the handout with its exercises."""

import pytest

from intake.audit.models import AuditEvent
from intake.handouts.models import Exercise, Handout, HandoutItem
from tests.hostile import MARKUP_STRINGS

pytestmark = pytest.mark.django_db


def start_url(client) -> str:
    return f"/staff/clients/{client.pk}/handouts/new/"


def compose_new_url(client) -> str:
    return f"/staff/clients/{client.pk}/handouts/compose/"


def posted(response) -> dict:
    """What the unsaved composer on ``response`` posts back unchanged: its title, introduction
    and notes, the template, and each exercise's id, dose and instructions, in order."""
    data = {}
    form = response.context["form"]
    for name in ("title", "introduction", "notes"):
        value = form[name].value()
        data[name] = "" if value is None else value
    template = response.context.get("template")
    if template is not None:
        data["template"] = template.pk
    for row in response.context["rows"]:
        prefix = f"new-{row.key}"
        data[f"{prefix}-exercise"] = row.exercise.pk
        for name, field in row.form.fields.items():
            value = row.form[name].value()
            data[f"{prefix}-{name}"] = "" if value is None else value
    return data


def slugs(response) -> list[str]:
    return [row.exercise.slug for row in response.context["rows"]]


@pytest.fixture
def started(therapist_http, alice, sciatica_template):
    """The composer just opened on the sciatica template: nothing stored."""
    return therapist_http.post(start_url(alice), {"template": sciatica_template.pk})


def test_it_stores_nothing_while_moving_removing_and_adding(therapist_http, alice, started):
    assert slugs(started)[:3] == ["seated-figure-four", "pelvic-tilt", "walking"]
    walking = next(row for row in started.context["rows"] if row.exercise.slug == "walking")
    moved = therapist_http.post(compose_new_url(alice), {**posted(started), "move_up": walking.key})
    assert moved.status_code == 200
    assert slugs(moved)[:3] == ["seated-figure-four", "walking", "pelvic-tilt"]
    first = moved.context["rows"][0]
    removed = therapist_http.post(compose_new_url(alice), {**posted(moved), "remove": first.key})
    assert "seated-figure-four" not in slugs(removed)
    chin = Exercise.objects.get(slug="chin-tuck")
    added = therapist_http.post(
        compose_new_url(alice), {**posted(removed), "add": "1", "exercise": chin.pk}
    )
    assert slugs(added)[-1] == "chin-tuck"
    assert "Added Chin tuck." in added.content.decode()
    assert not Handout.objects.exists() and not HandoutItem.objects.exists()


def test_it_keeps_typed_doses_and_text_across_moves(therapist_http, alice, started):
    data = posted(started)
    tilt = next(row for row in started.context["rows"] if row.exercise.slug == "pelvic-tilt")
    data.update({f"new-{tilt.key}-reps": "7", "notes": "Mornings are best."})
    moved = therapist_http.post(compose_new_url(alice), {**data, "move_up": tilt.key})
    row = moved.context["rows"][0]
    assert row.exercise.slug == "pelvic-tilt" and row.form["reps"].value() == 7
    assert moved.context["form"]["notes"].value() == "Mornings are best."


def test_it_stores_the_handout_and_its_exercises_on_save(
    therapist_http, alice, therapist, started, sciatica_template
):
    data = posted(started)
    walking = next(row for row in started.context["rows"] if row.exercise.slug == "walking")
    data.update({f"new-{walking.key}-minutes": "25", f"new-{walking.key}-days_per_week": "5"})
    moved = therapist_http.post(compose_new_url(alice), {**data, "move_up": walking.key})
    response = therapist_http.post(
        compose_new_url(alice), {**posted(moved), "title": "Your home routine", "save": "1"}
    )
    handout = Handout.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/handouts/{handout.pk}/"
    assert (handout.client, handout.therapist, handout.template) == (
        alice,
        therapist,
        sciatica_template,
    )
    assert handout.title == "Your home routine" and handout.assigned_at is None
    order = list(handout.items.order_by("position").values_list("exercise__slug", flat=True))
    assert order[:3] == ["seated-figure-four", "walking", "pelvic-tilt"]
    walk = handout.items.get(exercise__slug="walking")
    assert (walk.dose_kind, walk.minutes, walk.days_per_week) == ("duration", 25, 5)
    assert walk.dose_text() == "25 minutes · twice a day · 5 days a week"
    assert AuditEvent.objects.filter(action="create", object_id=str(handout.pk)).exists()


def test_it_saves_and_previews(therapist_http, alice, started):
    response = therapist_http.post(compose_new_url(alice), {**posted(started), "preview": "1"})
    handout = Handout.objects.get()
    assert response["Location"] == f"/staff/handouts/{handout.pk}/preview/"


def test_it_stores_nothing_when_a_field_is_wrong_and_keeps_what_was_typed(
    therapist_http, alice, started
):
    data = posted(started)
    first = started.context["rows"][0]
    data.update({f"new-{first.key}-sets": "99", "notes": "Keep this text", "save": "1"})
    response = therapist_http.post(compose_new_url(alice), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sets must be between 1 and 10." in body and "Keep this text" in body
    assert not Handout.objects.exists()


def test_it_refuses_to_remove_the_last_exercise(therapist_http, alice, library):
    walk = Exercise.objects.get(slug="walking")
    started = therapist_http.post(start_url(alice), {"exercises": [walk.pk]})
    only = started.context["rows"][0]
    response = therapist_http.post(compose_new_url(alice), {**posted(started), "remove": only.key})
    assert slugs(response) == ["walking"]
    assert "A handout needs at least one exercise" in response.content.decode()


def test_it_refuses_to_save_a_handout_without_exercises(therapist_http, alice, library):
    response = therapist_http.post(compose_new_url(alice), {"title": "Empty", "save": "1"})
    assert response.status_code == 400
    assert "A handout needs at least one exercise." in response.content.decode()
    assert not Handout.objects.exists()


def test_it_ignores_unknown_and_hostile_exercise_ids(therapist_http, alice, started):
    data = posted(started)
    data.update({"new-98-exercise": "999999", "new-99-exercise": MARKUP_STRINGS[0]})
    data.update({"template": "<b>1</b>", "save": "1"})
    response = therapist_http.post(compose_new_url(alice), data)
    handout = Handout.objects.get()
    assert response.status_code == 302
    assert handout.template is None and handout.items.count() == len(started.context["rows"])


def test_it_denies_anonymous_clients_and_wrong_methods(
    client, alice_http, therapist_http, alice, library
):
    walk = Exercise.objects.get(slug="walking")
    data = {"title": "x", "new-0-exercise": walk.pk, "new-0-dose_kind": "duration",
            "new-0-minutes": "10", "new-0-times_per_day": "1", "new-0-days_per_week": "7",
            "save": "1"}  # fmt: skip
    url = compose_new_url(alice)
    assert client.post(url, data).status_code == 302
    assert alice_http.post(url, data).status_code == 403
    assert therapist_http.get(url).status_code == 405
    assert therapist_http.post("/staff/clients/999999/handouts/compose/", data).status_code == 404
    assert not Handout.objects.exists()
    assert therapist_http.post(url, data).status_code == 302  # the same data, by staff
    assert Handout.objects.count() == 1
