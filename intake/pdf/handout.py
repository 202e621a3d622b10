"""The home-care handout as PDF: large type, one illustrated block per exercise.

Pure: a handout in, bytes out (it reads the handout's items, client and therapist; it writes
nothing). Every handout ends with the boxed "Stop and seek care if…" list.
"""

from __future__ import annotations

from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intake.handouts import illustrations
from intake.handouts.library import STOP_AND_SEEK_CARE, STOP_AND_SEEK_CARE_INTRO
from intake.pdf.base import (
    LARGE_STYLES,
    RULE,
    Letterhead,
    P,
    TextBlock,
    build_pdf,
    fmt_date,
    frame_width,
    page_size,
    stop_and_seek_care_box,
    subject_line,
)

PICTURE_WIDTH = 52 * mm
PICTURE_HEIGHT = PICTURE_WIDTH * illustrations.HEIGHT / illustrations.WIDTH
GUTTER = 5 * mm
DOCUMENT_TITLE = "Home-care exercises"  # PDF metadata: no health data

S = LARGE_STYLES
SIZE = S["body"].fontSize
LEADING = S["body"].leading


def _text(rows, *, label_width: float = 0.0, gap: float = 3.0) -> TextBlock:  # noqa: ANN001
    """Plain text drawn without a markup parser: nothing typed is ever interpreted."""
    return TextBlock(rows, label_width=label_width, size=SIZE, leading=LEADING, row_gap=gap)


def _paragraphs(text: str) -> list[tuple[None, str]]:
    return [(None, part) for part in text.split("\n") if part.strip()]


class _PictureBeside(Flowable):
    """A picture on the left and a column of flowables beside it, laid out once per width.

    If it does not fit on a fresh page (very long instructions), it falls back to the picture
    followed by the text, which can split across pages.
    """

    def __init__(self, picture: Flowable, column: list[Flowable]) -> None:
        super().__init__()
        self.picture = picture
        self.column = column
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        text_width = availWidth - PICTURE_WIDTH - GUTTER
        self._sizes = [f.wrapOn(self.canv, text_width, availHeight) for f in self.column]
        self.width = availWidth
        self.height = max(PICTURE_HEIGHT, sum(h for _, h in self._sizes))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if availHeight < PICTURE_HEIGHT + 2 * LEADING:
            return []  # start on the next page
        return [self.picture, *self.column]

    def draw(self) -> None:
        canv = self.canv
        self.picture.drawOn(canv, 0, self.height - PICTURE_HEIGHT)
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, self.height - PICTURE_HEIGHT, PICTURE_WIDTH, PICTURE_HEIGHT)
        canv.restoreState()
        y = self.height
        for flowable, (_, h) in zip(self.column, self._sizes, strict=True):
            y -= h
            flowable.drawOn(canv, PICTURE_WIDTH + GUTTER, y)


def _exercise(number: int, item) -> list[Flowable]:  # noqa: ANN001 (HandoutItem)
    exercise = item.exercise
    column: list[Flowable] = []
    if exercise.purpose.strip():
        column.append(_text(_paragraphs(exercise.purpose)))
    column.append(Spacer(1, 3))
    column.append(
        _text(
            [(f"{i}.", step) for i, step in enumerate(exercise.steps, start=1)],
            label_width=7 * mm,
        )
    )
    column.append(Spacer(1, 3))
    dose: list[tuple[str | None, str]] = []
    if item.custom_instructions.strip():
        dose.append(("Your therapist:", item.custom_instructions))
    dose.append(("How much:", item.dose_text()))
    column.append(_text(dose, label_width=34 * mm))
    heading = P(f"{number}. {exercise.name}", S["h2"])
    if exercise.illustration in illustrations.ILLUSTRATIONS:
        picture = illustrations.drawing(exercise.illustration, PICTURE_WIDTH, PICTURE_HEIGHT)
        block: list[Flowable] = [KeepTogether([heading, _PictureBeside(picture, column)])]
    else:
        block = [KeepTogether([heading, *column])]
    precautions = exercise.precaution_list
    if precautions:
        block.append(
            KeepTogether(
                [
                    P("Take care", S["h3"]),
                    _text([("•", p) for p in precautions], label_width=5 * mm),
                ]
            )
        )
    return block


def render_handout(handout, *, page: str | None = None) -> bytes:  # noqa: ANN001 (Handout)
    """The handout's PDF: letterhead, client, therapist, date, introduction, each exercise
    with its picture, steps, dose and precautions, then the stop-and-seek-care box."""
    client = handout.client
    size = page_size(page)
    width = frame_width(size)
    given = handout.assigned_at or handout.updated_at or timezone.now()
    therapist = handout.therapist.get_full_name() or handout.therapist.email
    story: list[Flowable] = [
        P(handout.title, S["title"]),
        _text(
            [
                ("For:", client.full_name),
                ("From:", therapist),
                ("Date:", fmt_date(timezone.localtime(given).date())),
            ],
            label_width=18 * mm,
            gap=0,
        ),
        Spacer(1, 4 * mm),
        _text(_paragraphs(handout.introduction), gap=6),
    ]
    if handout.notes.strip():
        story.append(P("Notes from your therapist", S["h2"]))
        story.append(_text(_paragraphs(handout.notes), gap=6))
    items = handout.items.select_related("exercise").order_by("position", "id")
    for number, item in enumerate(items, start=1):
        story.extend(_exercise(number, item))
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
