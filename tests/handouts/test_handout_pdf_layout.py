"""How the handout PDF fills its pages: page 1 is not left half blank when the next exercise
does not fit whole (it splits between its steps), nothing is lost or printed twice, and the
text keeps its order."""

import io
import re

import pytest
from pypdf import PdfReader

from intake.handouts.pdf import HEADING_ROOM, PICTURE_HEIGHT, render_handout
from intake.handouts.selectors import handout_document
from intake.pdf import MARGIN_BOTTOM, page_size

pytestmark = pytest.mark.django_db


def body_lines(page) -> list[tuple[float, str]]:
    """(y, text) of each line drawn on ``page`` above the footer, top to bottom."""
    lines = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001, ANN202
        y = cm[5] * tm[3] + tm[5]
        if text.strip() and y > MARGIN_BOTTOM:
            lines.append((y, text.strip()))

    page.extract_text(visitor_text=visit)
    return lines


def lowest_text(page) -> float:
    return min(y for y, _ in body_lines(page))


def read(handout, size: str = "A4") -> PdfReader:
    return PdfReader(io.BytesIO(render_handout(handout_document(handout), page=size)))


def flat(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("size", ["A4", "LETTER"])
def test_it_fills_page_one_when_a_long_exercise_follows(handout, size):
    """The first exercise, made long with extra instructions, starts on page 1 and splits:
    before, it moved whole to page 2 and left page 1 with only the introduction."""
    tilt = handout.items.get(exercise__slug="seated-figure-four")
    tilt.custom_instructions = "\n".join(
        f"Extra step {n}: breathe out slowly." for n in range(1, 16)
    )
    tilt.save()
    reader = read(handout, size)
    first = reader.pages[0]
    blank = lowest_text(first) - MARGIN_BOTTOM
    # At most the room an exercise's heading and picture need; never half a page.
    assert blank < HEADING_ROOM + PICTURE_HEIGHT
    assert blank < page_size(size)[1] / 4
    first_text = " ".join(text for _, text in body_lines(first))
    assert "1. Seated figure-four stretch" in first_text
    assert "Extra step 15" not in first_text  # the rest continues on page 2
    text = flat(reader)
    for n in range(1, 16):
        assert text.count(f"Extra step {n}:") == 1


def test_it_prints_every_step_once_and_in_order(handout):
    text = flat(read(handout))
    names = [item.exercise.name for item in handout.items.select_related("exercise")]
    positions = [text.index(f"{n}. {name}") for n, name in enumerate(names, start=1)]
    assert positions == sorted(positions)
    for item in handout.items.select_related("exercise"):
        for step in item.exercise.steps:
            assert text.count(" ".join(step.split())) == 1, step
    assert text.index(names[-1]) < text.index("Stop and seek care if")


def test_it_keeps_an_exercises_heading_with_its_picture(handout):
    """No page ends with an exercise's heading alone: a heading is followed on its page by at
    least its picture's height of content."""
    reader = read(handout)
    names = [item.exercise.name for item in handout.items.select_related("exercise")]
    for page in reader.pages:
        lines = body_lines(page)
        bottom = min(y for y, _ in lines)
        for y, text in lines:
            if any(text.endswith(name) and text[0].isdigit() for name in names):
                assert y - bottom >= PICTURE_HEIGHT * 0.8, text
