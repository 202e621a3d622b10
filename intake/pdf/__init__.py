"""The toolkit for every PDF the clinic prints (session note, handout, letters, reports).

Styles are defined once here; documents lay out with platypus (``Paragraph``, ``Table``,
``KeepTogether``, ``Spacer``) and ``reportlab.graphics`` drawings, through reportlab's public
API only. :func:`build_pdf` puts the letterhead, the client line, the confidentiality notice and
"Page x of y" on every page.

Text (``text.py``): clean_text, para_text, fit_text, the dates and the client line.

Security rule: reportlab's ``Paragraph`` parses an XML-like markup language, so any text a user
typed goes through :func:`para_text` (``P``, ``LV``, ``kv_table``, ``bullets`` all call it)
before it reaches a Paragraph. Header and footer are drawn with ``drawString``, which parses
nothing.

Fonts (``fonts.py``): DejaVu Sans Condensed (``intake/fonts``), a TrueType font embedded (as a
subset) in every PDF, so French and Spanish text and names typed in Greek or Cyrillic print as
typed. Characters the font lacks (emoji, scripts such as Chinese) print as small boxes.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

# What documents import from here: the fonts (registered at import) and the text helpers.
from intake.pdf.fonts import FONT as FONT
from intake.pdf.fonts import FONT_BOLD as FONT_BOLD
from intake.pdf.text import clean_text as clean_text
from intake.pdf.text import fit_text as fit_text
from intake.pdf.text import fmt_date as fmt_date
from intake.pdf.text import fmt_datetime as fmt_datetime
from intake.pdf.text import para_text as para_text
from intake.pdf.text import subject_line as subject_line

CONFIDENTIAL_FOOTER = _(
    "Confidential health information. If you received this document in error, "
    "please tell the clinic and destroy it."
)

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}

MARGIN_X = 18 * mm
MARGIN_TOP = 27 * mm  # room for the letterhead
MARGIN_BOTTOM = 20 * mm  # room for the footer

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
WARN_BG = colors.HexColor("#fff4e5")
WARN_INK = colors.HexColor("#8a3b00")


# --------------------------------------------------------------------------- styles


def make_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    def style(name: str, size: float, font: str = FONT, **kw: object) -> ParagraphStyle:
        kw.setdefault("leading", round(size * 1.3 * scale, 1))
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size * scale, **kw)

    heading = {"keepWithNext": 1}  # a heading never ends a page alone
    return {
        "title": style("title", 15, FONT_BOLD, spaceAfter=4 * scale, **heading),
        "h2": style("h2", 11.5, FONT_BOLD, spaceBefore=7 * scale, spaceAfter=2 * scale, **heading),
        "h3": style("h3", 9.5, FONT_BOLD, spaceBefore=4 * scale, spaceAfter=1 * scale, **heading),
        "body": style("body", 9.5, spaceAfter=2 * scale),
        "small": style("small", 8, textColor=MUTED),
        "label": style("label", 9, FONT_BOLD),
        "cell": style("cell", 9),
        "bullet": style("bullet", 9.5, leftIndent=10 * scale, bulletIndent=2 * scale),
        "box_title": style("box_title", 10.5, FONT_BOLD, textColor=WARN_INK),
        "box_item": style("box_item", 9.5, leftIndent=10 * scale, bulletIndent=1 * scale),
        "warn": style("warn", 9.5, FONT_BOLD, textColor=WARN_INK),
    }


STYLES: dict[str, ParagraphStyle] = make_styles()
"""Styles for normal documents; look up by name (``STYLES["body"]``)."""

LARGE_STYLES: dict[str, ParagraphStyle] = make_styles(1.3)
"""Large-print variant (same names) for client handouts."""

Style = str | ParagraphStyle


def style_of(style: Style) -> ParagraphStyle:
    return STYLES[style] if isinstance(style, str) else style


def P(text: object, style: Style = "body") -> Paragraph:  # noqa: N802
    """A Paragraph of text, always escaped: use it for anything a person typed."""
    return Paragraph(para_text(text), style_of(style))


def LV(label: str, value: object, style: Style = "body") -> Paragraph:  # noqa: N802
    """``Label: value`` with a bold label; both parts are escaped."""
    return Paragraph(f"<b>{para_text(label)}:</b> {para_text(value)}", style_of(style))


def bullets(items: Iterable[object], style: Style = "bullet") -> list[Paragraph]:
    """One bulleted Paragraph per item (items are escaped)."""
    st = style_of(style)
    return [Paragraph(para_text(item), st, bulletText="•") for item in items]


def kv_table(
    rows: Sequence[tuple[str, object]],
    *,
    width: float,
    label_width: float = 40 * mm,
    styles: dict[str, ParagraphStyle] = STYLES,
    gap: float = 1.5,
) -> Table:
    """Two columns, label and value, both escaped. Long rows split across pages."""
    data = [[P(label, styles["label"]), P(value, styles["cell"])] for label, value in rows]
    table = Table(data, colWidths=[label_width, width - label_width], splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), gap),
                ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
            ]
        )
    )
    return table


def _box_rows(
    items: Iterable[object],
    sections: Sequence[tuple[object, Sequence[object]]],
    st: dict[str, ParagraphStyle],
) -> list[list[Flowable]]:
    """The box's rows after its title: loose items, then each section's lead and its items."""
    rows: list[list[Flowable]] = [[item] for item in bullets(items, st["box_item"])]
    for lead, signs in sections:
        rows.append([P(lead, st["warn"])])
        rows.extend([item] for item in bullets(signs, st["box_item"]))
    return rows


def stop_and_seek_care_box(
    items: Iterable[object] = (),
    *,
    title: str = "Stop and seek care if…",
    intro: str = "",
    sections: Sequence[tuple[object, Sequence[object]]] = (),
    large: bool = False,
    width: float | None = None,
) -> KeepTogether:
    """A boxed, shaded list of warning signs: every handout ends with one.

    ``sections`` group signs under a lead ("go to an emergency department now"). Items, leads,
    title and intro are escaped. The box is kept whole on one page (it moves to the next page
    rather than split); only a box taller than a whole page splits.
    """
    st = LARGE_STYLES if large else STYLES
    data: list[list[Flowable]] = [[P(title, st["box_title"])]]
    if intro:
        data.append([P(intro, st["body"])])
    data += _box_rows(items, sections, st)
    table = Table(
        data, colWidths=[width] if width else None, repeatRows=1, splitInRow=1, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, WARN_INK),
                ("BACKGROUND", (0, 0), (-1, -1), WARN_BG),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    return KeepTogether([Spacer(1, 8), table])


def signature_line(caption: str, *, width: float = 70 * mm) -> list[Flowable]:
    """A blank line to sign on, with a caption underneath."""
    return [
        Spacer(1, 22),
        HRFlowable(width=width, thickness=0.7, color=INK, hAlign="LEFT", spaceAfter=2),
        P(caption, "small"),
    ]


# --------------------------------------------------------------------------- page


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Clinic identity printed at the top of every page."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def from_settings(cls) -> Letterhead:
        """Read CLINIC_NAME / CLINIC_ADDRESS / CLINIC_PHONE / CLINIC_EMAIL (at call time)."""
        from django.conf import settings

        return cls(
            name=getattr(settings, "CLINIC_NAME", "Clinic"),
            address=getattr(settings, "CLINIC_ADDRESS", ""),
            phone=getattr(settings, "CLINIC_PHONE", ""),
            email=getattr(settings, "CLINIC_EMAIL", ""),
        )

    @property
    def contact_line(self) -> str:
        parts = [self.address, f"Tel {self.phone}" if self.phone else "", self.email]
        return " · ".join(part for part in parts if part)


def page_size(name: str | None = None) -> tuple[float, float]:
    """Page size for ``name`` ("A4"/"LETTER"), or from ``settings.PDF_PAGE_SIZE`` when omitted."""
    if name is None:
        from django.conf import settings

        name = getattr(settings, "PDF_PAGE_SIZE", "A4")
    try:
        return PAGE_SIZES[name.upper()]
    except KeyError:
        raise ValueError(f"Unknown page size {name!r}; use A4 or LETTER.") from None


def frame_width(size: tuple[float, float]) -> float:
    """Usable text width on a page of ``size``: for tables and drawings."""
    return size[0] - 2 * MARGIN_X


def page_number_form(page: int) -> str:
    return f"PageNumber{page}"


class PageNumbers(Flowable):
    """Invisible, last in the story: once the last page is reached the total is known, and it
    writes each page's "Page x of y" into the form (PDF XObject) that page's footer placed.

    One layout pass instead of two: forms may be used before they are defined.
    """

    def __init__(self, label: str = "Page %(page)s of %(total)s") -> None:
        super().__init__()
        self.label = label  # in the document's language

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        total = canv.getPageNumber()
        for page in range(1, total + 1):
            canv.beginForm(page_number_form(page), -150, -5, 0, 10)  # right-aligned at 0
            canv.setFont(FONT, 7.5)
            canv.setFillColor(MUTED)
            canv.drawRightString(0, 0, self.label % {"page": page, "total": total})
            canv.endForm()


PageDrawer = Callable[[Canvas, BaseDocTemplate], None]


def page_decoration(
    letterhead: Letterhead, title: str, subject: str, footer: str | None = None
) -> PageDrawer:
    """Draws the letterhead, title and subject at the top of a page; the confidentiality
    notice and "Page x of y" (see :class:`PageNumbers`) at the bottom. ``drawString`` parses
    no markup."""

    footer = str(CONFIDENTIAL_FOOTER) if footer is None else footer

    def draw(canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        left, right = MARGIN_X, width - MARGIN_X
        half = (right - left) / 2
        top = height - 12 * mm
        bottom = MARGIN_BOTTOM - 12 * mm
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(FONT_BOLD, 12)
        canv.drawString(left, top, fit_text(letterhead.name, half, FONT_BOLD, 12))
        canv.setFont(FONT_BOLD, 10)
        canv.drawRightString(right, top, fit_text(title, half - 20, FONT_BOLD, 10))
        canv.setFont(FONT, 8)
        canv.drawRightString(right, top - 10, fit_text(subject, half - 20, FONT, 8))
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 7.5)
        canv.drawString(left, top - 10, fit_text(letterhead.contact_line, half + 20, FONT, 7.5))
        canv.drawString(left, bottom, fit_text(footer, right - left - 70, FONT, 7.5))
        canv.translate(right, bottom)
        canv.doForm(page_number_form(doc.page))
        canv.translate(-right, -bottom)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(left, top - 16, right, top - 16)
        canv.line(left, bottom + 9, right, bottom + 9)
        canv.restoreState()

    return draw


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    letterhead: Letterhead,
    subject_line: str = "",
    page_size: tuple[float, float] = A4,
    language: str | None = None,
) -> bytes:
    """Lay out ``story`` under the letterhead and return the PDF bytes.

    ``language``: the language of the page frame (the confidentiality notice, "Page x of y");
    the clinic's by default, which is what staff documents (notes, letters to physicians) are
    written in whoever prints them. A document for a client passes the client's language and
    renders its own text under ``translation.override`` of the same (``subject_line`` too).

    Every page carries the letterhead, ``title`` and ``subject_line`` (client name and date of
    birth) at the top, and the confidentiality notice and "Page x of y" at the bottom.
    ``title`` goes into the PDF metadata too, so keep health data out of it.

    "Page x of y" in one pass: see :class:`PageNumbers`.
    """
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean_text(title),
        author=clean_text(letterhead.name),
        creator="clinic intake",
        initialFontName=FONT,  # the canvas default: otherwise Helvetica is listed on every page
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    with translation.override(language or settings.LANGUAGE_CODE):
        footer, numbers = str(CONFIDENTIAL_FOOTER), gettext("Page %(page)s of %(total)s")
    decorate = page_decoration(letterhead, title, subject_line, footer)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build([*story, PageNumbers(numbers)])
    return buffer.getvalue()


def in_clinic_language(render: Callable[..., bytes]) -> Callable[..., bytes]:
    """For the renderer of a staff document (a session note, a letter to a physician): all it
    prints (labels, body-map region names, dates) is in the clinic's language, whoever prints
    it and whatever their browser's language. Client documents render in the client's."""

    @functools.wraps(render)
    def in_language(*args: object, **kwargs: object) -> bytes:
        with translation.override(settings.LANGUAGE_CODE):
            return render(*args, **kwargs)

    return in_language


def pdf_response(data: bytes, filename: str):  # noqa: ANN201 (HttpResponse, imported lazily)
    """Wrap PDF bytes in a download response with a safe ASCII filename and no caching."""
    from django.http import HttpResponse

    stem = re.sub(r"\.pdf$", "", filename, flags=re.IGNORECASE)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "document"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{safe[:100]}.pdf"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
