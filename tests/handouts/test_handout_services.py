"""Handout workflows: seeding, starting, reordering, removing, adding, assigning, suggesting."""

import io

import pytest
from django.db import IntegrityError, transaction

from intake.handouts import library as lib
from intake.handouts import services
from intake.handouts.models import (
    Exercise,
    Handout,
    HandoutItem,
    HandoutTemplate,
    TemplateItem,
    dose_text,
)
from intake.handouts.seed import load_library, seed
from tests.factories import make_handout, make_intake

pytestmark = pytest.mark.django_db


def slugs(handout):
    return list(handout.items.order_by("position").values_list("exercise__slug", flat=True))


# --------------------------------------------------------------------------- seeding

OLD_SCIATIC_INTRO_START = "The sciatic nerve begins at the lower spine"


def test_it_loads_the_library_and_templates_once():
    assert load_library() == (len(lib.EXERCISES), len(lib.TEMPLATES), 0)
    assert load_library() == (0, 0, 0)
    assert Exercise.objects.count() == len(lib.EXERCISES)
    assert HandoutTemplate.objects.count() == len(lib.TEMPLATES)
    sciatica = HandoutTemplate.objects.get(slug="sciatic-nerve-pain")
    assert [i.exercise.slug for i in sciatica.items.all()] == list(
        lib.TEMPLATE_BY_SLUG["sciatic-nerve-pain"].exercises
    )
    assert TemplateItem.objects.count() == sum(len(t.exercises) for t in lib.TEMPLATES)


def test_it_keeps_staff_edits_when_seeding_again(library):
    Exercise.objects.filter(slug="walking").update(name="Brisk walk", reps=2)
    load_library()
    walking = Exercise.objects.get(slug="walking")
    assert (walking.name, walking.reps) == ("Brisk walk", 2)


def test_it_brings_the_seeded_wording_of_an_older_database_up_to_date(library):
    """Re-running the seed rewrites a seeded title, text or tag list that still holds the
    wording an earlier seed wrote (issue 13: no condition names), and nothing a person edited."""
    template = HandoutTemplate.objects.get(slug="sciatic-nerve-pain")
    template.title = "Sciatic nerve pain: self-care"
    template.introduction = OLD_SCIATIC_INTRO_START + "..."  # an edited text: kept
    template.save()
    glide = Exercise.objects.get(slug="sciatic-nerve-glide")
    glide.name, glide.tags = "Seated sciatic nerve glide", ["sciatica", "nerve", "leg", "desk"]
    glide.save()
    assert load_library() == (0, 0, 2)
    template.refresh_from_db()
    glide.refresh_from_db()
    assert template.title == "Buttock and back-of-leg pain: self-care"
    assert template.introduction == OLD_SCIATIC_INTRO_START + "..."
    assert (glide.name, glide.tags) == ("Seated leg slider", ["buttock", "leg", "desk"])
    assert load_library() == (0, 0, 0)


def test_it_brings_a_handout_with_the_old_seeded_title_up_to_date(alice, therapist, library):
    template = HandoutTemplate.objects.get(slug="sciatic-nerve-pain")
    old = make_handout(alice, therapist, template=template, title="Sciatic nerve pain: self-care")
    own = make_handout(alice, therapist, template=template, title="Alice's own routine")
    assert load_library() == (0, 0, 1)
    old.refresh_from_db()
    own.refresh_from_db()
    assert (old.title, own.title) == (template.title, "Alice's own routine")


def test_it_seeds_a_demo_handout_once(db):
    from intake.accounts.seed import seed as seed_people

    seed_people(io.StringIO())
    seed(io.StringIO())
    seed(io.StringIO())
    handout = Handout.objects.get()
    assert handout.client.user.email == "client@demo.clinic"
    assert handout.is_assigned and handout.items.count() == 5


# --------------------------------------------------------------------------- composing


def test_it_starts_from_a_template_with_default_doses(alice, therapist, sciatica_template):
    handout = services.start_handout(client=alice, therapist=therapist, template=sciatica_template)
    assert handout.title == "Buttock and back-of-leg pain: self-care"
    assert handout.introduction == sciatica_template.introduction
    assert slugs(handout)[:3] == ["seated-figure-four", "pelvic-tilt", "walking"]
    figure_four = handout.items.get(exercise__slug="seated-figure-four")
    spec = lib.EXERCISE_BY_SLUG["seated-figure-four"]
    assert (figure_four.sets, figure_four.reps, figure_four.hold_seconds) == (
        spec.sets,
        spec.reps,
        spec.hold_seconds,
    )
    assert handout.assigned_at is None


def test_it_starts_from_scratch_and_adds_extras_after_the_template(alice, therapist, library):
    chin = Exercise.objects.get(slug="chin-tuck")
    scratch = services.start_handout(client=alice, therapist=therapist, exercises=[chin])
    assert scratch.title == "Home-care exercises" and slugs(scratch) == ["chin-tuck"]
    neck = HandoutTemplate.objects.get(slug="neck-pain")
    walking = Exercise.objects.get(slug="walking")
    both = services.start_handout(
        client=alice, therapist=therapist, template=neck, exercises=[chin, walking]
    )
    assert slugs(both) == [*lib.TEMPLATE_BY_SLUG["neck-pain"].exercises, "walking"]


def test_it_refuses_an_empty_handout(alice, therapist, library):
    with pytest.raises(services.HandoutError):
        services.start_handout(client=alice, therapist=therapist)
    assert not Handout.objects.exists()


def test_it_moves_items_up_and_down_and_stops_at_the_ends(handout):
    first, second = handout.items.order_by("position")[:2]
    services.move_item(handout=handout, item_id=second.pk, offset=-1)
    assert slugs(handout)[:2] == ["pelvic-tilt", "seated-figure-four"]
    services.move_item(handout=handout, item_id=second.pk, offset=-1)  # already first
    assert slugs(handout)[:2] == ["pelvic-tilt", "seated-figure-four"]
    last = handout.items.order_by("position").last()
    services.move_item(handout=handout, item_id=last.pk, offset=1)  # already last
    services.move_item(handout=handout, item_id=first.pk, offset=1)
    assert slugs(handout)[:3] == ["pelvic-tilt", "walking", "seated-figure-four"]
    positions = list(handout.items.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, 6))


def test_it_removes_items_and_renumbers(handout):
    walking = handout.items.get(exercise__slug="walking")
    services.remove_item(handout=handout, item_id=walking.pk)
    assert "walking" not in slugs(handout)
    positions = list(handout.items.order_by("position").values_list("position", flat=True))
    assert positions == [1, 2, 3, 4]


def test_it_refuses_to_remove_the_last_exercise_or_someone_elses_item(
    alice, therapist, library, other_handout
):
    handout = make_handout(alice, therapist, slugs=["walking"])
    only = handout.items.get()
    with pytest.raises(services.HandoutError):
        services.remove_item(handout=handout, item_id=only.pk)
    foreign = other_handout.items.get()
    with pytest.raises(services.HandoutError):
        services.remove_item(handout=handout, item_id=foreign.pk)
    with pytest.raises(services.HandoutError):
        services.move_item(handout=handout, item_id=foreign.pk, offset=1)
    assert HandoutItem.objects.filter(pk__in=[only.pk, foreign.pk]).count() == 2


def test_it_adds_an_exercise_at_the_end(handout):
    chin = Exercise.objects.get(slug="chin-tuck")
    item = services.add_exercise(handout=handout, exercise=chin)
    assert item.position == 6 and slugs(handout)[-1] == "chin-tuck"
    assert item.reps == chin.reps


def test_it_assigns_a_handout(handout):
    services.assign_handout(handout=handout)
    handout.refresh_from_db()
    assert handout.is_assigned


def test_it_enforces_dose_bounds_in_the_database(handout):
    item = handout.items.first()
    for field, bad in [
        ("sets", 0),
        ("sets", 11),
        ("reps", 51),
        ("hold_seconds", 301),
        ("times_per_day", 0),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            HandoutItem.objects.filter(pk=item.pk).update(**{field: bad})


def test_it_says_the_dose_in_plain_words():
    assert dose_text(sets=2, reps=10, hold_seconds=5, times_per_day=3) == (
        "2 sets of 10 repetitions · hold 5 seconds · 3 times a day"
    )
    assert dose_text(sets=1, reps=1, hold_seconds=0, times_per_day=1) == "once a day"
    assert dose_text(sets=1, reps=3, hold_seconds=90, times_per_day=2) == (
        "3 repetitions · hold 1 minute 30 seconds · twice a day"
    )


# --------------------------------------------------------------------------- suggestion


def test_it_suggests_the_sciatica_template_for_symptoms_down_the_back_of_the_leg(alice, library):
    make_intake(
        alice,
        marks=[
            ("buttock_l", ["pain"], 6),
            ("back_thigh_l", ["pain", "tingling"], 6),
            ("calf_l", ["numbness"], 4),
            ("lower_back_l", ["aching"], 3),
        ],
    )
    suggestion = services.suggest_template(alice)
    assert suggestion.template.slug == "sciatic-nerve-pain"
    assert "Left calf" in ", ".join(suggestion.regions)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([("lower_back_l", ["aching"], 5), ("lower_back_r", ["aching"], 5)], "low-back-pain"),
        ([("neck_l", ["pain"], 4)], "neck-pain"),
        ([("shoulder_r", ["pain"], 4), ("upper_back_r", ["aching"], 3)], "shoulder-tension"),
        ([("calf_r", ["tingling"], 2)], "sciatic-nerve-pain"),
    ],
)
def test_it_suggests_by_where_the_marks_are(alice, library, marks, expected):
    make_intake(alice, marks=marks)
    assert services.suggest_template(alice).template.slug == expected


def test_it_uses_the_latest_submitted_intake_only(alice, library):
    from datetime import timedelta

    from django.utils import timezone

    make_intake(alice, marks=[("neck_l", ["pain"], 5)], when=timezone.now() - timedelta(days=30))
    make_intake(alice, marks=[("calf_l", ["pain"], 5)])
    make_intake(alice, submitted=False, marks=[("shoulder_l", ["pain"], 9)])
    assert services.suggest_template(alice).template.slug == "sciatic-nerve-pain"


def test_it_suggests_nothing_without_a_fitting_intake(alice, bob, library):
    assert services.suggest_template(alice) is None
    make_intake(bob, marks=[("abdomen", ["pain"], 3)])
    assert services.suggest_template(bob) is None


def test_it_breaks_ties_by_intensity(alice, library):
    make_intake(alice, marks=[("lower_back_l", ["aching"], 2), ("buttock_l", ["pain"], 7)])
    assert services.suggest_template(alice).template.slug == "sciatic-nerve-pain"
