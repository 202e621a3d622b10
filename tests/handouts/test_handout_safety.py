"""The composer and the client's flags: exercises that conflict with a flag of the latest intake
(lib.CONFLICTS, each present and absent), no suggestion for an urgent client, no leg
handout for a warm, swollen calf."""

import pytest

from intake.handouts import library as lib
from intake.handouts import services
from intake.handouts.models import Exercise
from tests.factories import make_handout, make_intake

pytestmark = pytest.mark.django_db

LEG_MARKS = [("back_thigh_l", ["tingling"], 5), ("calf_l", ["numbness"], 4)]


def compose_url(handout) -> str:
    return f"/staff/handouts/{handout.pk}/"


def new_url(client) -> str:
    return f"/staff/clients/{client.pk}/handouts/new/"


def warned(client, slugs) -> dict[str, str]:
    """Exercise name -> message, for the client's latest flags and these exercises."""
    exercises = [Exercise.objects.get(slug=slug) for slug in slugs]
    flags = services.latest_flags(client)
    return {w.exercise: w.message for w in services.exercise_warnings(flags, exercises)}


ALL_SLUGS = [spec.slug for spec in lib.EXERCISES]

# (intake answer, exercises it conflicts with, an exercise it leaves alone)
CASES = [
    ({"pregnant": True}, ["knee-to-chest", "glute-bridge", "lower-trunk-rotation"], "chin-tuck"),
    ({"recent_surgery_or_fracture": True}, ["seated-figure-four"], "glute-bridge"),
    (
        {"calf_warm_swollen": True},
        ["seated-figure-four", "walking", "hamstring-stretch", "sciatic-nerve-glide"],
        "chin-tuck",
    ),
]


@pytest.mark.parametrize(("answers", "conflicting", "fine"), CASES, ids=lambda v: str(v)[:30])
def test_it_warns_of_each_conflict_when_the_flag_is_raised(
    alice, library, answers, conflicting, fine
):
    make_intake(alice, **answers)
    warnings = warned(alice, ALL_SLUGS)
    for slug in conflicting:
        assert lib.EXERCISE_BY_SLUG[slug].name in warnings, slug
    assert lib.EXERCISE_BY_SLUG[fine].name not in warnings


@pytest.mark.parametrize(("answers", "conflicting", "fine"), CASES, ids=lambda v: str(v)[:30])
def test_it_warns_of_no_conflict_without_the_flag(alice, library, answers, conflicting, fine):
    make_intake(alice)  # an intake without that answer
    assert warned(alice, conflicting) == {}


def test_it_warns_of_nothing_without_an_intake(alice, library):
    assert warned(alice, ALL_SLUGS) == {}


def test_it_matches_an_exercise_staff_made_by_its_tag(alice, library):
    make_intake(alice, pregnant=True)
    Exercise.objects.create(
        slug="floor-bridge", name="Floor bridge", purpose="x", instructions="a\nb",
        tags=["lying on back"],
    )  # fmt: skip
    assert "Floor bridge" in warned(alice, ["floor-bridge"])


def test_it_shows_the_warnings_on_the_composer(therapist_http, alice, therapist, library):
    make_intake(alice, pregnant=True, recent_surgery_or_fracture=True)
    handout = make_handout(alice, therapist, slugs=["glute-bridge", "seated-figure-four"])
    body = therapist_http.get(compose_url(handout)).content.decode()
    assert 'data-testid="exercise-warnings"' in body
    assert "Pregnancy: this exercise is done lying on the back" in body
    assert "no crossing of the leg (figure-four)" in body


def test_it_shows_no_warning_box_on_the_composer_without_a_conflict(
    therapist_http, alice, therapist, library
):
    make_intake(alice, pregnant=True)
    handout = make_handout(alice, therapist, slugs=["chin-tuck", "seated-figure-four"])
    body = therapist_http.get(compose_url(handout)).content.decode()
    assert 'data-testid="exercise-warnings"' not in body


# --------------------------------------------------------------------------- suggestion


def test_it_suggests_a_template_when_no_flag_stands_in_the_way(alice, library):
    make_intake(alice, marks=LEG_MARKS)
    assert services.suggest_template(alice).template.slug == "sciatic-nerve-pain"


@pytest.mark.parametrize("answers", [{"saddle_numbness": True}, {"new_sexual_dysfunction": True}])
def test_it_never_suggests_a_template_to_an_urgent_client(therapist_http, alice, library, answers):
    make_intake(alice, marks=LEG_MARKS, **answers)
    assert services.suggest_template(alice) is None
    response = therapist_http.get(new_url(alice))
    body = response.content.decode()
    assert response.context["suggestion"] is None
    assert 'data-testid="suggestion-withheld"' in body
    assert services.NO_SUGGESTION_URGENT.split(":")[0] in body
    assert 'data-testid="no-suggestion"' not in body


def test_it_never_suggests_a_leg_template_for_a_warm_swollen_calf(therapist_http, alice, library):
    make_intake(alice, marks=LEG_MARKS, calf_warm_swollen=True)
    assert services.suggest_template(alice) is None
    body = therapist_http.get(new_url(alice)).content.decode()
    assert "No back-and-leg template is suggested" in body


def test_it_still_suggests_a_neck_template_with_a_warm_swollen_calf(alice, library):
    make_intake(alice, marks=[*LEG_MARKS, ("neck_l", ["pain"], 5)], calf_warm_swollen=True)
    assert services.suggest_template(alice).template.slug == "neck-pain"


def test_it_says_nothing_is_withheld_for_a_client_without_such_flags(
    therapist_http, alice, library
):
    make_intake(alice, marks=LEG_MARKS)
    body = therapist_http.get(new_url(alice)).content.decode()
    assert 'data-testid="suggestion-withheld"' not in body
