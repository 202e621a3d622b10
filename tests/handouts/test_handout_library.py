"""The seeded exercise library, condition templates and their illustrations (pure data, no DB)."""

import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import SimpleDocTemplate

from intake import body_map
from intake.handouts import illustrations, library
from intake.submissions import screening

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


def test_it_has_the_buttock_and_leg_low_back_neck_and_shoulder_templates():
    titles = {spec.title for spec in library.TEMPLATES}
    assert "Buttock and back-of-leg pain: self-care" in titles
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


def test_it_teaches_the_seed_routine_in_the_buttock_and_leg_template():
    spec = library.TEMPLATE_BY_SLUG["sciatic-nerve-pain"]
    assert spec.exercises[:3] == ("seated-figure-four", "pelvic-tilt", "walking")
    intro = spec.introduction.lower()
    for idea in ("back of the leg", "massage", "cannot", "referral", "any movement is better"):
        assert idea in intro
    assert {"back_of_leg", "below_knee", "buttock"} <= set(spec.suggest_tags)
    assert "diagnosis" not in intro  # it says what massage cannot do, never names a diagnosis


# Condition names (and words that say what causes a symptom) no seeded text may use.
CONDITION_WORDS = re.compile(
    r"sciatic|sciatica|\bdiscs?\b|herniat|slipped|bulg|pinched|trapped nerve|arthritis|"
    r"stenosis|spondyl|radiculopathy|piriformis|trigger point|irritat|compress|"
    r"caused? by|because of|comes? from|due to|the nerve",
    re.IGNORECASE,
)


def seeded_texts():
    for spec in library.TEMPLATES:
        yield f"template {spec.slug}", [spec.title, spec.introduction]
    for spec in library.EXERCISES:
        texts = [spec.name, spec.purpose, *spec.steps, *spec.precautions, *spec.tags]
        yield f"exercise {spec.slug}", texts


@pytest.mark.parametrize(("where", "texts"), list(seeded_texts()), ids=lambda v: str(v)[:40])
def test_it_names_no_condition_and_no_cause_in_seeded_texts(where, texts):
    for text in texts:
        assert not CONDITION_WORDS.search(text), f"{where}: {text}"


def test_it_would_catch_a_condition_name():
    for text in ("Sciatic nerve pain", "a slipped disc", "Herniated", "caused by sitting"):
        assert CONDITION_WORDS.search(text)
    assert not CONDITION_WORDS.search("Mild discomfort while moving is normal")


@pytest.mark.parametrize(
    ("slug", "area"),
    [
        ("sciatic-nerve-pain", library.BACK_LEG),
        ("low-back-pain", library.BACK_LEG),
        ("neck-pain", library.NECK_ARM),
        ("shoulder-tension", library.NECK_ARM),
    ],
)
def test_it_derives_each_templates_body_area_from_its_tags(slug, area):
    assert library.body_area(library.TEMPLATE_BY_SLUG[slug].suggest_tags) == area


def test_it_treats_mixed_or_missing_tags_as_back_and_leg():
    assert library.body_area(["neck", "upper back"]) == library.NECK_ARM
    assert library.body_area(["neck", "lumbar"]) == library.BACK_LEG
    assert library.body_area([]) == library.BACK_LEG


def test_it_words_the_urgent_part_of_each_box_as_the_intake_does():
    assert str(library.EMERGENCY_NOW) in str(screening.URGENT_ADVICE)
    for box in library.STOP_BOXES.values():
        lead, signs = box.sections[0]
        assert lead == library.EMERGENCY_NOW and signs
    back = " ".join(map(str, library.STOP_BOXES[library.BACK_LEG].signs))
    for words in ("area that would touch a saddle", "drag or slap", "both of your legs", "pee"):
        assert words in back


def test_it_lists_neck_and_arm_signs_only_in_the_neck_and_arm_box():
    neck = " ".join(map(str, library.STOP_BOXES[library.NECK_ARM].signs))
    back = " ".join(map(str, library.STOP_BOXES[library.BACK_LEG].signs))
    for words in ("severe headache", "both of your arms", "double vision", "swallowing"):
        assert words in neck and words not in back
    for words in ("saddle", "bladder", "calf"):
        assert words in back and words not in neck


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


def test_it_draws_the_figure_four_with_the_ankle_on_the_other_knee_and_a_forward_lean():
    """Side view: the near leg's ankle rests on the far leg's knee (the "4"), and the trunk
    leans forward from the hip, with the upright position dashed behind it."""
    shapes = illustrations.ILLUSTRATIONS["seated_figure_four"].shapes
    lines = [s.points for s in shapes if s.style == "body" and not s.radius]
    legs = [p for p in lines if len(p) == 4]  # hip, knee, ankle, foot
    far_leg = next(p for p in legs if p[-1][1] > 130)  # its foot on the floor
    near_leg = next(p for p in legs if p is not far_leg and p[-1][1] < 100)  # its foot raised
    far_knee, ankle = far_leg[1], near_leg[2]
    assert abs(ankle[0] - far_knee[0]) <= 4 and 0 < far_knee[1] - ankle[1] <= 10
    assert near_leg[1][1] < ankle[1]  # the crossed knee drops out, above the shin
    spine = next(p for p in lines if len(p) == 3 and p[0] == near_leg[0])
    hip, shoulder = spine[0], spine[-1]
    assert shoulder[0] - hip[0] > 20  # leaning forward, not sitting upright
    upright = [s.points for s in shapes if s.style == "ghost" and not s.radius]
    assert any(abs(p[-1][0] - p[0][0]) < 5 for p in upright)  # the upright start, dashed
    assert any(s.style == "arrow" for s in shapes)
    alt = illustrations.ILLUSTRATIONS["seated_figure_four"].alt
    assert "opposite knee" in alt and "leaning forward" in alt
