"""The seeded exercise library, condition templates and their illustrations (pure data, no DB)."""

import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import SimpleDocTemplate

from intake import body_map
from intake.handouts import illustrations, library

REQUIRED = {
    "seated-figure-four",
    "pelvic-tilt",
    "walking",
    "knee-to-chest",
    "glute-bridge",
    "cat-cow",
    "sciatic-nerve-glide",
    "hamstring-stretch",
    "neck-side-bend",
    "chin-tuck",
    "shoulder-rolls",
    "doorway-chest-stretch",
    "upper-trap-stretch",
}


def test_it_has_at_least_twelve_exercises_with_unique_slugs():
    slugs = [spec.slug for spec in library.EXERCISES]
    assert len(slugs) >= 12
    assert len(set(slugs)) == len(slugs)


def test_it_includes_the_required_exercises():
    assert REQUIRED <= set(library.EXERCISE_BY_SLUG)


@pytest.mark.parametrize("spec", library.EXERCISES, ids=lambda s: s.slug)
def test_it_gives_every_exercise_complete_content_and_sane_doses(spec):
    assert spec.name and spec.purpose
    assert len(spec.steps) >= 2 and all(step.strip() for step in spec.steps)
    assert spec.precautions and spec.tags
    assert 1 <= spec.sets <= 10
    assert 1 <= spec.reps <= 50
    assert 0 <= spec.hold_seconds <= 300
    assert 1 <= spec.times_per_day <= 10
    assert spec.illustration in illustrations.ILLUSTRATIONS
    assert spec.instructions.split("\n") == list(spec.steps)


def test_it_has_the_sciatica_low_back_neck_and_shoulder_templates():
    titles = {spec.title for spec in library.TEMPLATES}
    assert "Sciatic nerve pain: self-care" in titles
    slugs = set(library.TEMPLATE_BY_SLUG)
    assert {"sciatic-nerve-pain", "low-back-pain", "neck-pain", "shoulder-tension"} <= slugs


@pytest.mark.parametrize("spec", library.TEMPLATES, ids=lambda s: s.slug)
def test_it_makes_templates_reference_existing_exercises_and_body_map_tags(spec):
    assert spec.exercises
    assert len(set(spec.exercises)) == len(spec.exercises)
    assert set(spec.exercises) <= set(library.EXERCISE_BY_SLUG)
    known_tags = set().union(*(region.tags for region in body_map.REGIONS))
    assert spec.suggest_tags and set(spec.suggest_tags) <= known_tags
    assert spec.introduction.strip()


def test_it_teaches_the_seed_routine_in_the_sciatica_template():
    spec = library.TEMPLATE_BY_SLUG["sciatic-nerve-pain"]
    assert spec.exercises[:3] == ("seated-figure-four", "pelvic-tilt", "walking")
    intro = spec.introduction.lower()
    for idea in ("back of the leg", "trigger points", "hip rotator", "cannot", "referral", "move"):
        assert idea in intro
    assert {"back_of_leg", "below_knee", "buttock"} <= set(spec.suggest_tags)
    assert "diagnosis" not in intro  # it says what massage cannot do, never names a diagnosis


def test_it_covers_every_illustration_used_and_none_unused():
    used = {spec.illustration for spec in library.EXERCISES}
    assert used == set(illustrations.ILLUSTRATIONS)


@pytest.mark.parametrize("key", illustrations.keys())
def test_it_renders_each_illustration_as_svg(key):
    markup = illustrations.svg(key)
    root = ET.fromstring(markup)  # well-formed XML
    assert root.tag.endswith("svg")
    assert root.get("role") == "img" and root.get("aria-label")
    assert len(root) > 3  # a title plus shapes


@pytest.mark.parametrize("key", illustrations.keys())
def test_it_renders_each_illustration_as_a_reportlab_drawing(key, tmp_path):
    drawing = illustrations.drawing(key, 160, 120)
    assert isinstance(drawing, Drawing)
    assert (drawing.width, drawing.height) == (160, 120)
    out = tmp_path / "one.pdf"
    SimpleDocTemplate(str(out)).build([drawing])
    assert out.read_bytes().startswith(b"%PDF")


def test_it_keeps_the_figure_inside_the_drawing_box():
    for item in illustrations.ILLUSTRATIONS.values():
        for shape in item.shapes:
            for x, y in shape.points:
                assert 0 <= x - shape.radius and x + shape.radius <= illustrations.WIDTH
                assert 0 <= y - shape.radius and y + shape.radius <= illustrations.HEIGHT


def test_it_rejects_an_unknown_illustration_key():
    with pytest.raises(KeyError):
        illustrations.svg("no-such-pose")
    with pytest.raises(KeyError):
        illustrations.drawing("no-such-pose", 100, 100)


def test_it_builds_a_new_drawing_on_every_call():
    first = illustrations.drawing("walking", 150, 110)
    second = illustrations.drawing("walking", 150, 110)
    assert second is not first  # platypus marks flowables, so each call gets its own Drawing
    assert second.contents[0] is not first.contents[0]  # no shared state between documents


def test_it_draws_six_illustrations_into_a_pdf(tmp_path):
    """Twice, as a handout's renders reuse the cached shapes (speed is `make bench`'s to judge)."""
    keys = illustrations.keys()[:6]
    for name in ("first.pdf", "second.pdf"):
        SimpleDocTemplate(str(tmp_path / name)).build(
            [illustrations.drawing(key, 170, 128) for key in keys]
        )
        assert len(PdfReader(tmp_path / name).pages) >= 1
