"""The home-care handout as PDF: large type, one illustrated block per exercise.

Pure: a :class:`~intake.handouts.selectors.HandoutDocument` in, bytes out; nothing here reads
the database. Every handout ends with the boxed "Stop and seek care if…" list of its body area.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from intake.handouts import illustrations
from intake.handouts.selectors import ExerciseDocument, HandoutDocument
from intake.pdf import (
    LARGE_STYLES,
    LV,
    RULE,
    Letterhead,
    P,
    build_pdf,
    bullets,
    fmt_date,
    frame_width,
    kv_table,
    page_size,
    para_text,
    stop_and_seek_care_box,
    subject_line,
)

PICTURE_WIDTH = 52 * mm
PICTURE_HEIGHT = PICTURE_WIDTH * illustrations.HEIGHT / illustrations.WIDTH
GUTTER = 5 * mm
LINE = 16.0  # one line of large body text, with its leading
HEADING_ROOM = 34.0  # an exercise's heading with the space around it
LABEL_WIDTH = 18 * mm  # "For:", "Pour :", "Fecha :" fit in large type
DOCUMENT_TITLE = _("Home-care exercises")  # every page's heading and the metadata: no health data

S = LARGE_STYLES
# An exercise's heading: not "keep with next" (which would keep the whole exercise together and
# move it to the next page); CondPageBreak keeps the heading with the picture instead.
EXERCISE_HEADING = ParagraphStyle("exercise_heading", parent=S["h2"], keepWithNext=0)


def paragraphs(text: str) -> list[Paragraph]:
    """One Paragraph per non-blank line of ``text``."""
    return [P(part, S["body"]) for part in text.split("\n") if part.strip()]


def steps(exercise: ExerciseDocument) -> list[Paragraph]:
    return [
        Paragraph(para_text(step), S["bullet"], bulletText=f"{number}.")
        for number, step in enumerate(exercise.steps, start=1)
    ]


def framed(picture: Flowable) -> Table:
    """The picture in a thin frame (its own table, so a split beside it draws no empty box)."""
    table = Table([[picture]], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def beside_picture(picture: Flowable, column: list[Flowable], width: float) -> Table:
    """The framed picture on the left, the column of text beside it. The row splits between
    the column's paragraphs; the picture stays in the first part."""
    table = Table(
        [[[framed(picture)], column]],
        colWidths=[PICTURE_WIDTH, width - PICTURE_WIDTH],
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), GUTTER),
            ]
        )
    )
    return table


def exercise_block(number: int, exercise: ExerciseDocument, width: float) -> list[Flowable]:
    """Heading, picture (if any) beside purpose, steps and dose; then the precautions.

    A long exercise splits between its steps rather than leaving the rest of a page blank: the
    heading and the picture start it on a page with room for them (``CondPageBreak``), and the
    text beside the picture continues on the next page. Only the short "Take care" list is kept
    whole.
    """
    column: list[Flowable] = [*paragraphs(exercise.purpose), Spacer(1, 3), *steps(exercise)]
    column.append(Spacer(1, 3))
    if exercise.custom_instructions:
        column.append(LV(gettext("Your therapist"), exercise.custom_instructions, S["body"]))
    column.append(LV(gettext("How much"), exercise.dose, S["body"]))
    heading = P(f"{number}. {exercise.name}", EXERCISE_HEADING)
    if exercise.illustration in illustrations.ILLUSTRATIONS:
        picture = illustrations.drawing(exercise.illustration, PICTURE_WIDTH, PICTURE_HEIGHT)
        block: list[Flowable] = [
            CondPageBreak(HEADING_ROOM + PICTURE_HEIGHT),
            heading,
            beside_picture(picture, column, width),
        ]
    else:
        block = [CondPageBreak(HEADING_ROOM + 3 * LINE), heading, *column]
    if exercise.precautions:
        block.append(
            KeepTogether(
                [P(gettext("Take care"), S["h3"]), *bullets(exercise.precautions, S["bullet"])]
            )
        )
    return block


def render_handout(doc: HandoutDocument, *, page: str | None = None) -> bytes:
    """The handout's PDF: letterhead, client, therapist, date, introduction, each exercise
    with its picture, steps, dose and precautions, then the stop-and-seek-care box of the
    handout's body area, kept whole on one page. All of it in ``doc.language`` (the labels,
    the dose, the box, the date and the page frame); the texts come translated in ``doc``."""
    with translation.override(doc.language):
        return _render(doc, page)


def _render(doc: HandoutDocument, page: str | None) -> bytes:
    size = page_size(page)
    width = frame_width(size)
    story: list[Flowable] = [
        P(doc.title, S["title"]),
        kv_table(
            [
                (gettext("For:"), doc.client_name),
                (gettext("From:"), doc.therapist),
                (gettext("Date:"), fmt_date(doc.given_on, doc.language)),
            ],
            width=width,
            label_width=LABEL_WIDTH,
            styles=S,
            gap=0,
        ),
        Spacer(1, 4 * mm),
        *paragraphs(doc.introduction),
    ]
    if doc.notes:
        story += [P(gettext("Notes from your therapist"), S["h2"]), *paragraphs(doc.notes)]
    for number, exercise in enumerate(doc.exercises, start=1):
        story += exercise_block(number, exercise, width)
    box = doc.stop_box
    story.append(
        stop_and_seek_care_box(
            title=gettext("Stop and seek care if…"),
            intro=box.intro,
            sections=box.sections,
            large=True,
            width=width,
        )
    )
    return build_pdf(
        story,
        title=str(DOCUMENT_TITLE),
        letterhead=Letterhead.from_settings(),
        subject_line=subject_line(doc.client_name, doc.client_date_of_birth, doc.language),
        page_size=size,
        language=doc.language,
    )
