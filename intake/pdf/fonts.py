"""The fonts every PDF embeds: DejaVu Sans Condensed (``intake/fonts``, see its README), a
TrueType font reportlab embeds as a subset, registered once per process (at import)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import registerFont, registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

FONT = "ClinicSans"
FONT_BOLD = "ClinicSans-Bold"
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"


def register_fonts() -> None:
    """Register the embedded fonts with reportlab, once per process (at import)."""
    registerFont(TTFont(FONT, FONT_DIR / "DejaVuSansCondensed.ttf"))
    registerFont(TTFont(FONT_BOLD, FONT_DIR / "DejaVuSansCondensed-Bold.ttf"))
    # No italic face is shipped: <i> prints upright rather than in a font without the glyphs.
    registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


register_fonts()
