"""Shared toolkit for every PDF the clinic prints (session note, handout, letters, reports).

Pure functions: plain values in, flowables or ``bytes`` out. No request, no database writes.

Security rule: reportlab's ``Paragraph`` parses an XML-like markup language, so any text a
user typed must go through :func:`para_text` (or :func:`P`, which always calls it) before
it reaches a Paragraph. Text drawn straight on the canvas (header, footer) is never parsed
as markup, but it is still cleaned of control characters and truncated to fit.

Fonts: the built-in Helvetica family. It has no glyphs for non-Latin scripts or emoji;
those characters print as small boxes instead of failing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"

CONFIDENTIAL_FOOTER = (
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


# --------------------------------------------------------------------------- text


# Removed from user text: C0/C1 controls except newline and tab, lone surrogates, and the bidi
# embedding/override/isolate controls, which can make printed text read differently from what
# was typed (U+202E reverses a line).
_STRIP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def clean_text(value: object) -> str:
    """Return ``value`` as printable text: no NUL, control, bidi-override or surrogate characters.

    Newlines are normalised to ``\\n`` and tabs become spaces; ``None`` becomes ``""``.
    """
    if value is None:
        return ""
    text = _NEWLINES.sub("\n", str(value))
    return _STRIP.sub("", text).replace("\t", " ")


def para_text(value: object) -> str:
    """Escape user text for a reportlab Paragraph: markup prints literally, newlines break."""
    return escape(clean_text(value)).replace("\n", "<br/>")


def fit_text(text: str, width: float, font: str = FONT, size: float = 8) -> str:
    """Clean ``text`` to one line and truncate it with an ellipsis so it fits ``width`` points."""
    line = " ".join(clean_text(text).split())
    if stringWidth(line, font, size) <= width:
        return line
    lo, hi = 0, len(line)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(line[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return line[:lo].rstrip() + "…"


def fmt_date(value: dt.date | None) -> str:
    """Unambiguous date for documents, e.g. ``3 Feb 1981``; ``""`` for None."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def fmt_datetime(value: dt.datetime | None) -> str:
    """Date and time in the current timezone, e.g. ``3 Feb 2026, 14:05 UTC``."""
    if value is None:
        return ""
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{fmt_date(value.date())}, {value:%H:%M %Z}".strip()


def subject_line(name: str, date_of_birth: dt.date | None) -> str:
    """The 'who is this about' line printed on every page: client name and date of birth."""
    dob = fmt_date(date_of_birth) or "not recorded"
    return f"{clean_text(name)} · DOB {dob}"


# --------------------------------------------------------------------------- styles


def _styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    def s(name: str, size: float, font: str = FONT, **kw: object) -> ParagraphStyle:
        kw.setdefault("leading", round(size * 1.3 * scale, 1))
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size * scale, alignment=TA_LEFT, **kw)

    return {
        "title": s("title", 15, FONT_BOLD, spaceAfter=4 * scale),
        "h2": s("h2", 11.5, FONT_BOLD, spaceBefore=7 * scale, spaceAfter=2 * scale),
        "h3": s("h3", 9.5, FONT_BOLD, spaceBefore=4 * scale, spaceAfter=1 * scale),
        "body": s("body", 9.5, spaceAfter=2 * scale),
        "small": s("small", 8, textColor=MUTED),
        "label": s("label", 8, FONT_BOLD, textColor=MUTED),
        "cell": s("cell", 9),
        "bullet": s("bullet", 9.5, leftIndent=10 * scale, bulletIndent=2 * scale),
        "box_title": s("box_title", 10.5, FONT_BOLD, textColor=WARN_INK),
        "box_item": s("box_item", 9.5, leftIndent=10 * scale, bulletIndent=1 * scale),
        "warn": s("warn", 9.5, FONT_BOLD, textColor=WARN_INK),
    }


HEADING_STYLES = frozenset({"title", "h2", "h3", "box_title"})

STYLES: dict[str, ParagraphStyle] = _styles()
"""Styles for normal documents; look up by name (``STYLES["body"]``)."""

LARGE_STYLES: dict[str, ParagraphStyle] = _styles(1.3)
"""Large-print variant (same names) for client handouts."""


def _style(style: str | ParagraphStyle) -> ParagraphStyle:
    return STYLES[style] if isinstance(style, str) else style


def P(text: object, style: str | ParagraphStyle = "body") -> Paragraph:  # noqa: N802
    """A Paragraph of *user* text, always escaped. Use for anything a person typed."""
    return Paragraph(para_text(text), _style(style))


def LV(label: str, value: object, style: str | ParagraphStyle = "body") -> Paragraph:  # noqa: N802
    """``Label: value`` with a bold label; both parts are escaped."""
    return Paragraph(f"<b>{para_text(label)}:</b> {para_text(value)}", _style(style))


def fields_paragraph(
    rows: Iterable[tuple[str, object]], style: str | ParagraphStyle = "body"
) -> Paragraph:
    """Several ``Label: value`` lines in ONE Paragraph (cheaper to lay out than one each).

    Labels and values are escaped; a long value wraps, and the paragraph splits across pages.
    """
    lines = [f"<b>{para_text(label)}:</b> {para_text(value)}" for label, value in rows]
    return Paragraph("<br/>".join(lines), _style(style))


def bullets(items: Iterable[object], style: str | ParagraphStyle = "bullet") -> list[Paragraph]:
    """One bulleted Paragraph per item (items are escaped)."""
    st = _style(style)
    return [Paragraph(para_text(item), st, bulletText="•") for item in items]


def kv_table(
    rows: Sequence[tuple[str, object]],
    *,
    width: float,
    label_width: float = 40 * mm,
    styles: dict[str, ParagraphStyle] = STYLES,
) -> Table:
    """Two-column label/value table; values are escaped user text. Long rows split across pages."""
    data = [[P(label, styles["label"]), P(value, styles["cell"])] for label, value in rows]
    table = Table(
        data,
        colWidths=[label_width, width - label_width],
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def stop_and_seek_care_box(
    items: Iterable[object],
    *,
    title: str = "Stop and seek care if…",
    intro: str = "",
    large: bool = False,
    width: float | None = None,
) -> Flowable:
    """A boxed, shaded list of warning signs. Every handout ends with one.

    Items (and title/intro) are escaped. The box splits across pages if it must.
    """
    st = LARGE_STYLES if large else STYLES
    data: list[list[Flowable]] = [[P(title, st["box_title"])]]
    if intro:
        data.append([P(intro, st["body"])])
    data.extend([item] for item in bullets(items, st["box_item"]))
    table = Table(
        data,
        colWidths=[width] if width else None,
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
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
    table.spaceBefore = 8
    return table


def signature_line(caption: str, *, width: float = 70 * mm) -> list[Flowable]:
    """A blank line to sign on, with a caption (plain text) underneath."""
    return [
        Spacer(1, 22),
        HRFlowable(width=width, thickness=0.7, color=INK, hAlign="LEFT", spaceAfter=2),
        text_line(caption, "small"),
    ]


# --------------------------------------------------------------------------- plain text blocks


def wrap_text(text: str, width: float, font: str = FONT, size: float = 9.5) -> list[str]:
    """Greedy word wrap of plain text to ``width`` points; words wider than a line are cut."""
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for raw in clean_text(text).split("\n"):
        words = raw.split()
        if not words:
            lines.append("")
            continue
        line, used = "", 0.0
        for word in words:
            w = stringWidth(word, font, size)
            if w > width:  # a very long word: flush, then cut it into line-sized pieces
                if line:
                    lines.append(line)
                while stringWidth(word, font, size) > width:
                    cut = fit_text(word, width, font, size)[:-1] or word[0]
                    lines.append(cut)
                    word = word[len(cut) :]
                line, used = word, stringWidth(word, font, size)
            elif not line:
                line, used = word, w
            elif used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
            else:
                lines.append(line)
                line, used = word, w
        lines.append(line)
    return lines


Line = tuple[str, str, float, float]  # (label, text, space before, x of the text)


class TextBlock(Flowable):
    """Rows of ``label`` + plain-text ``value`` in two columns, drawn without any markup parser.

    Nothing a user typed is ever interpreted: text is drawn as-is (after :func:`clean_text`),
    so it needs no escaping. Several times cheaper to lay out than Paragraphs or a Table,
    and it splits between lines across pages. A row whose label is ``None`` spans both columns.
    """

    def __init__(
        self,
        rows: Iterable[tuple[str | None, object]],
        *,
        label_width: float = 40 * mm,
        size: float = 9.5,
        leading: float | None = None,
        color: colors.Color = INK,
        row_gap: float = 2.0,
        font: str = FONT,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.rows = [(label, "" if value is None else str(value)) for label, value in rows]
        self.label_width = label_width
        self.font = font
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.size = size
        self.leading = leading or round(size * 1.3, 1)
        self.color = color
        self.row_gap = row_gap
        self._lines: list[Line] = []
        self._laid_out_for: float | None = None

    def _layout(self, width: float) -> list[Line]:
        if self._laid_out_for is not None and abs(self._laid_out_for - width) < 0.01:
            return self._lines
        lines: list[Line] = []
        for i, (label, value) in enumerate(self.rows):
            gap = self.row_gap if i else 0.0
            if label is None:
                x, labels = 0.0, []
            else:
                x = self.label_width
                labels = wrap_text(label, self.label_width - 6, FONT_BOLD, self.size)
            values = wrap_text(value, width - x, self.font, self.size)
            for j in range(max(len(labels), len(values))):
                lines.append(
                    (
                        labels[j] if j < len(labels) else "",
                        values[j] if j < len(values) else "",
                        gap if j == 0 else 0.0,
                        x,
                    )
                )
        self._lines, self._laid_out_for = lines, width
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = sum(self.leading + gap for _, _, gap, _ in lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._layout(availWidth)
        used, n = 0.0, 0
        for _, _, gap, _ in lines:
            if used + self.leading + gap > availHeight:
                break
            used += self.leading + gap
            n += 1
        if n == 0:
            return []
        if n >= len(lines):
            return [self]
        tail = list(lines[n:])
        label, text, _, x = tail[0]
        tail[0] = (label, text, 0.0, x)
        return [self._with_lines(lines[:n], availWidth), self._with_lines(tail, availWidth)]

    def _with_lines(self, lines: list[Line], width: float) -> TextBlock:
        part = TextBlock(
            (),
            label_width=self.label_width,
            size=self.size,
            leading=self.leading,
            color=self.color,
            row_gap=self.row_gap,
            font=self.font,
        )
        part._lines, part._laid_out_for = lines, width
        return part

    def draw(self) -> None:
        canv = self.canv
        y = self.height - self.size  # baseline of the first line
        canv.setFillColor(self.color)
        for label, text, gap, x in self._lines:
            y -= gap
            if label:
                canv.setFont(FONT_BOLD, self.size)
                canv.drawString(0, y, label)
            if text:
                canv.setFont(self.font, self.size)
                canv.drawString(x, y, text)
            y -= self.leading


def text_line(text: object, style: str = "body", *, color: colors.Color | None = None) -> TextBlock:
    """Plain text (a heading, a caption) in one of the STYLES' font and size, parsed by nothing.

    Cheaper than a Paragraph; wraps and splits like any TextBlock.
    """
    st = STYLES[style]
    block = TextBlock(
        [(None, text)],
        size=st.fontSize,
        leading=st.leading,
        font=st.fontName,
        color=color or st.textColor,
        space_before=st.spaceBefore,
        space_after=st.spaceAfter,
    )
    block.keepWithNext = style in HEADING_STYLES  # a heading never ends a page alone
    return block


# --------------------------------------------------------------------------- letterhead


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
        parts = [self.address]
        if self.phone:
            parts.append(f"Tel {self.phone}")
        parts.append(self.email)
        return " · ".join(p for p in parts if p)


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


# --------------------------------------------------------------------------- document


class _NumberedCanvas(rl_canvas.Canvas):
    """Defers each page until the end so the footer can say "Page x of y" in one pass."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._deferred_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._deferred_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._deferred_pages)
        for state in self._deferred_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawRightString(
            width - MARGIN_X, MARGIN_BOTTOM - 12 * mm, f"Page {self._pageNumber} of {total}"
        )
        self.restoreState()


def _header_footer(letterhead: Letterhead, title: str, subject: str):  # noqa: ANN202
    def draw(canv: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        left, right = MARGIN_X, width - MARGIN_X
        half = (right - left) / 2
        top = height - 12 * mm
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(FONT_BOLD, 12)
        canv.drawString(left, top, fit_text(letterhead.name, half, FONT_BOLD, 12))
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(left, top - 10, fit_text(letterhead.contact_line, half + 20, FONT, 7.5))
        canv.setFillColor(INK)
        canv.setFont(FONT_BOLD, 10)
        canv.drawRightString(right, top, fit_text(title, half - 20, FONT_BOLD, 10))
        canv.setFont(FONT, 8)
        canv.drawRightString(right, top - 10, fit_text(subject, half - 20, FONT, 8))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(left, top - 16, right, top - 16)
        # footer: rule + confidentiality notice (page number is added by _NumberedCanvas)
        base = MARGIN_BOTTOM - 12 * mm
        canv.line(left, base + 9, right, base + 9)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(left, base, fit_text(CONFIDENTIAL_FOOTER, right - left - 70, FONT, 7.5))
        canv.restoreState()

    return draw


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    letterhead: Letterhead,
    subject_line: str = "",
    page_size: tuple[float, float] = A4,
) -> bytes:
    """Lay out ``story`` under the letterhead and return the PDF bytes.

    Every page carries the letterhead, ``title`` and ``subject_line`` (client name and date of
    birth) at the top, and the confidentiality notice and "Page x of y" at the bottom.
    ``title`` goes into the PDF metadata too, so keep health data out of it.
    """
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=page_size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean_text(title),
        author=clean_text(letterhead.name),
        creator="clinic intake",
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    on_page = _header_footer(letterhead, title, subject_line)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(list(story) or [Spacer(1, 1)], canvasmaker=_NumberedCanvas)
    return buf.getvalue()


def pdf_response(data: bytes, filename: str):  # noqa: ANN201 (HttpResponse, imported lazily)
    """Wrap PDF bytes in a download response with a safe ASCII filename and no caching."""
    from django.http import HttpResponse

    stem = re.sub(r"\.pdf$", "", filename, flags=re.IGNORECASE)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "document"
    safe = f"{safe[:100]}.pdf"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
