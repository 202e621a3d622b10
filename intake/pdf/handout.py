"""The home-care handout as PDF: large type, one illustrated block per exercise.

Pure: a handout in, bytes out (it reads the handout's items, client and therapist; it writes
nothing). Every handout ends with the boxed "Stop and seek care if…" list.
"""

from __future__ import annotations

from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from intake.handouts import illustrations
from intake.handouts.library import STOP_AND_SEEK_CARE, STOP_AND_SEEK_CARE_INTRO
from intake.pdf.base import (
    LARGE_STYLES,
    LV,
    RULE,
    Letterhead,
    P,
    build_pdf,
    bullets,
    fmt_date,
    frame_width,
    page_size,
    stop_and_seek_care_box,
    subject_line,
)

PICTURE_WIDTH = 52 * mm
PICTURE_HEIGHT = PICTURE_WIDTH * illustrations.HEIGHT / illustrations.WIDTH
DOCUMENT_TITLE = "Home-care exercises"  # PDF metadata: no health data

S = LARGE_STYLES


def _paragraphs(text: str, style: str = "body") -> list[Flowable]:
    return [P(part, S[style]) for part in text.split("\n") if part.strip()]


def _exercise(number: int, item, width: float) -> list[Flowable]:  # noqa: ANN001 (HandoutItem)
    exercise = item.exercise
    text: list[Flowable] = [P(exercise.purpose, S["body"])] if exercise.purpose else []
    steps = exercise.steps
    text.extend(P(f"{i}. {step}", S["bullet"]) for i, step in enumerate(steps, start=1))
    if item.custom_instructions.strip():
        text.append(LV("From your therapist", item.custom_instructions, S["body"]))
    text.append(LV("How much", item.dose_text(), S["body"]))
    if exercise.illustration in illustrations.ILLUSTRATIONS:
        picture: Flowable = illustrations.drawing(
            exercise.illustration, PICTURE_WIDTH, PICTURE_HEIGHT
        )
        row = Table(
            [[picture, text]],
            colWidths=[PICTURE_WIDTH + 4 * mm, width - PICTURE_WIDTH - 4 * mm],
            hAlign="LEFT",
            splitInRow=1,
        )
        row.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOX", (0, 0), (0, 0), 0.5, RULE),
                    ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
                ]
            )
        )
        body: list[Flowable] = [row]
    else:
        body = text
    heading = P(f"{number}. {exercise.name}", S["h2"])
    # The heading stays with the picture and steps; the precautions may follow on the next page.
    block: list[Flowable] = [KeepTogether([heading, *body])]
    precautions = exercise.precaution_list
    if precautions:
        block.append(KeepTogether([P("Take care", S["h3"]), *bullets(precautions, S["bullet"])]))
    return block


def render_handout(handout, *, page: str | None = None) -> bytes:  # noqa: ANN001 (Handout)
    """The handout's PDF: letterhead, client, therapist, date, introduction, each exercise
    with its picture, steps, dose and precautions, then the stop-and-seek-care box."""
    client = handout.client
    size = page_size(page)
    width = frame_width(size)
    given = handout.assigned_at or handout.updated_at or timezone.now()
    story: list[Flowable] = [
        P(handout.title, S["title"]),
        LV("For", client.full_name, S["body"]),
        LV("From", handout.therapist.get_full_name() or handout.therapist.email, S["body"]),
        LV("Date", fmt_date(timezone.localtime(given).date()), S["body"]),
        Spacer(1, 3 * mm),
        *_paragraphs(handout.introduction),
    ]
    if handout.notes.strip():
        story.append(P("Notes from your therapist", S["h2"]))
        story.extend(_paragraphs(handout.notes))
    items = handout.items.select_related("exercise").order_by("position", "id")
    for number, item in enumerate(items, start=1):
        story.extend(_exercise(number, item, width))
    story.append(
        stop_and_seek_care_box(
            STOP_AND_SEEK_CARE, intro=STOP_AND_SEEK_CARE_INTRO, large=True, width=width
        )
    )
    return build_pdf(
        story,
        title=DOCUMENT_TITLE,
        letterhead=Letterhead.from_settings(),
        subject_line=subject_line(client.full_name, client.date_of_birth),
        page_size=size,
    )
