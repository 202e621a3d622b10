"""Text for PDFs: user text made printable and escaped (the one way it reaches a Paragraph),
fitted to a line, and the dates and the client line every document prints."""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext
from reportlab.pdfbase.pdfmetrics import stringWidth

from intake.pdf.fonts import FONT

# Removed from user text: C0/C1 controls except newline and tab, lone surrogates, and the bidi
# embedding/override/isolate controls, which can make printed text read differently from what
# was typed (U+202E reverses a line).
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def clean_text(value: object) -> str:
    """``value`` as printable text: no NUL, control, bidi-override or surrogate characters.

    Newlines are normalised to ``\\n`` and tabs become spaces; ``None`` becomes ``""``.
    """
    if value is None:
        return ""
    text = NEWLINES.sub("\n", str(value))
    return CONTROL_CHARACTERS.sub("", text).replace("\t", " ")


def para_text(value: object) -> str:
    """The one way user text reaches a Paragraph: escaped, so markup prints literally;
    newlines become ``<br/>``."""
    return escape(clean_text(value)).replace("\n", "<br/>")


def fit_text(text: str, width: float, font: str = FONT, size: float = 8) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``width`` points (header and footer)."""
    line = " ".join(clean_text(text).split())
    if stringWidth(line, font, size) <= width:
        return line
    lo, hi = 0, len(line)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(line[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return line[:lo].rstrip() + "…"


def fmt_date(value: dt.date | None, language: str | None = None) -> str:
    """Unambiguous date for documents, e.g. ``3 Feb 1981``; ``""`` for None. In another
    ``language`` than the clinic's, that language's own date format (``3 février 1981``)."""
    if value is None:
        return ""
    if language and language != settings.LANGUAGE_CODE:
        with translation.override(language):
            return formats.date_format(value, "DATE_FORMAT")
    return f"{value.day} {value:%b %Y}"


def fmt_datetime(value: dt.datetime | None) -> str:
    """Date and time in the current timezone, e.g. ``3 Feb 2026, 14:05 UTC``."""
    if value is None:
        return ""
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{fmt_date(value.date())}, {value:%H:%M %Z}".strip()


def subject_line(name: str, date_of_birth: dt.date | None, language: str | None = None) -> str:
    """The 'who is this about' line printed on every page: client name and date of birth, in
    ``language`` (the clinic's by default: see :func:`build_pdf`)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        dob = fmt_date(date_of_birth, language) or gettext("not recorded")
        return gettext("%(name)s · DOB %(date)s") % {"name": clean_text(name), "date": dob}
