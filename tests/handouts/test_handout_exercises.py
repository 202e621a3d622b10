"""Exercise library staff pages: list with tag filter, detail with picture, create and edit."""

import pytest

from intake.handouts.models import Exercise
from tests.hostile import MARKUP_STRINGS

pytestmark = pytest.mark.django_db

LIST = "/staff/exercises/"
NEW = "/staff/exercises/new/"


def valid(**overrides) -> dict:
    data = {
        "name": "Calf raise",
        "purpose": "Strengthens the calves.",
        "instructions": "Stand tall.\n\nRise onto your toes.\nLower slowly.",
        "precautions": "Hold a chair for balance.",
        "illustration": "walking",
        "tags_text": "Leg, calf, leg",
        "dose_kind": "reps",
        "sets": "2",
        "reps": "12",
        "hold_seconds": "0",
        "minutes": "",
        "times_per_day": "1",
        "days_per_week": "7",
    }
    data.update(overrides)
    return data


def test_it_lists_exercises_with_pictures(therapist_http, library):
    response = therapist_http.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Seated figure-four stretch" in body
    assert body.count("<svg") == Exercise.objects.count()


def test_it_filters_by_tag(therapist_http, library):
    response = therapist_http.get(LIST, {"tag": "neck"})
    names = [e.name for e in response.context["exercises"]]
    assert "Chin tuck" in names and "Glute bridge" not in names
    assert all("neck" in e.tags for e in response.context["exercises"])
    unknown = therapist_http.get(LIST, {"tag": "<script>"})
    assert unknown.status_code == 200 and unknown.context["exercises"] == []
    assert b"<script>" not in unknown.content.split(b"</nav>")[-1]


@pytest.mark.parametrize("extra", [0, 30])
def test_it_lists_in_a_constant_number_of_queries(
    therapist_http, library, extra, django_assert_max_num_queries
):
    Exercise.objects.bulk_create(
        Exercise(slug=f"x-{i}", name=f"Extra {i}", purpose="p", instructions="s", tags=["hip"])
        for i in range(extra)
    )
    therapist_http.get(LIST)  # the first request of a session also writes the session
    with django_assert_max_num_queries(3):  # session, user, exercises
        response = therapist_http.get(LIST)
    assert len(response.context["exercises"]) == Exercise.objects.count()


def test_it_shows_an_exercise_with_its_steps_and_picture(therapist_http, library):
    exercise = Exercise.objects.get(slug="pelvic-tilt")
    response = therapist_http.get(f"/staff/exercises/{exercise.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "pelvic floor" in body
    for step in exercise.steps[:2]:
        assert step.replace("'", "&#x27;") in body


def test_it_creates_an_exercise(admin_http, library):
    response = admin_http.post(NEW, valid())
    exercise = Exercise.objects.get(name="Calf raise")
    assert response.status_code == 302 and response["Location"] == exercise.get_absolute_url()
    assert exercise.slug == "calf-raise"
    assert exercise.tags == ["leg", "calf"]
    assert exercise.instructions == "Stand tall.\nRise onto your toes.\nLower slowly."
    assert (exercise.sets, exercise.reps) == (2, 12)


def test_it_edits_an_exercise_and_keeps_its_slug(therapist_http, library):
    exercise = Exercise.objects.get(slug="walking")
    response = therapist_http.post(f"/staff/exercises/{exercise.pk}/edit/", valid(name="Walk"))
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert (exercise.name, exercise.slug) == ("Walk", "walking")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sets", "0", "Sets must be between 1 and 10."),
        ("sets", "-3", "Sets must be between 1 and 10."),
        ("reps", "51", "Repetitions must be between 1 and 50."),
        ("hold_seconds", "99999", "Hold (seconds) must be between 0 and 300."),
        ("times_per_day", "abc", "Times a day must be a whole number between 1 and 10."),
        ("instructions", "   \n  ", "This field is required."),
        ("name", "!!!", "The name needs at least one letter or digit."),
        ("tags_text", "ok, <b>bad</b>", "Tags are short words"),
        ("illustration", "../../etc/passwd", "Select a valid choice."),
    ],
)
def test_it_rejects_bad_input_with_a_clear_message(therapist_http, library, field, value, message):
    before = Exercise.objects.count()
    response = therapist_http.post(NEW, valid(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Exercise.objects.count() == before


def test_it_stores_hostile_text_and_shows_it_escaped(therapist_http, library):
    hostile = " ".join(MARKUP_STRINGS)
    therapist_http.post(NEW, valid(name="Hostile", purpose=hostile, instructions=hostile))
    exercise = Exercise.objects.get(name="Hostile")
    assert exercise.purpose == hostile
    body = therapist_http.get(exercise.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    "url", [LIST, NEW, "/staff/exercises/{pk}/", "/staff/exercises/{pk}/edit/"]
)
def test_it_denies_anonymous_and_clients(client, alice_http, library, url):
    url = url.format(pk=Exercise.objects.first().pk)
    assert client.get(url).status_code == 302
    assert alice_http.get(url).status_code == 403
    assert alice_http.post(url, valid()).status_code in (403, 405)
    assert not Exercise.objects.filter(name="Calf raise").exists()


def test_it_returns_404_for_a_missing_exercise(therapist_http):
    assert therapist_http.get("/staff/exercises/999999/").status_code == 404
    assert therapist_http.get("/staff/exercises/999999/edit/").status_code == 404


def test_it_refuses_wrong_methods(therapist_http, library):
    pk = Exercise.objects.first().pk
    assert therapist_http.post(LIST).status_code == 405
    assert therapist_http.post(f"/staff/exercises/{pk}/").status_code == 405
    assert therapist_http.put(NEW).status_code == 405
