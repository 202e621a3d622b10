"""The body map for PDFs: one reportlab ``Drawing`` built from public shapes.

The catalogue's outlines are in map units with y pointing down (as in SVG); one group with a
flipping, scaling transform places them, so every point goes in exactly as the catalogue has
it. Marked regions are filled by style; a colour key for the styles in use goes underneath.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from intake.body_map.regions import (
    MAP_HEIGHT,
    MAP_WIDTH,
    NOTE_CAPTION,
    OFFSETS,
    OUTLINE,
    REGION_BY_CODE,
    REGION_STROKE,
    REGIONS,
    SILHOUETTE_FILL,
    SILHOUETTES,
    STYLES,
    TEXT,
    TOP,
    VIEW_CAPTIONS,
    VIEWS,
    Caption,
    Point,
    normalise,
)
from intake.pdf import FONT, FONT_BOLD

BOLD_FONT = FONT_BOLD
MIN_FONT_SIZE = 5.0
LEGEND_HEIGHT = 16.0
LEGEND_FONT_SIZE = 8.0

# The catalogue's colours as reportlab colours, converted here once.
SILHOUETTE_COLOUR = colors.HexColor(SILHOUETTE_FILL)
OUTLINE_COLOUR = colors.HexColor(OUTLINE)
REGION_STROKE_COLOUR = colors.HexColor(REGION_STROKE)
TEXT_COLOUR = colors.HexColor(TEXT)
STYLE_COLOURS: dict[str, colors.Color] = {
    style: colors.HexColor(hex_colour) for style, (hex_colour, _) in STYLES.items()
}


def drawing(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    width: float,
    height: float,
    legend: bool = True,
) -> Drawing:
    """A vector body map for PDFs, scaled to fit ``width`` x ``height`` points and centred.

    ``marked`` is as for :func:`intake.body_map.svg`. With ``legend`` a colour key for the
    styles used is added underneath (nothing marked, no key).
    """
    styles = normalise(marked)
    legend_height = LEGEND_HEIGHT if legend and styles else 0.0
    scale = min(width / MAP_WIDTH, (height - legend_height) / MAP_HEIGHT)
    left = (width - MAP_WIDTH * scale) / 2
    # reportlab's y points up: the map's top edge is the drawing's top edge.
    place = (scale, 0, 0, -scale, left, height)
    out = Drawing(width, height)
    out.add(_map(styles, place))
    for caption in (*VIEW_CAPTIONS["front"], *VIEW_CAPTIONS["back"], NOTE_CAPTION):
        out.add(_caption(caption, place))
    if legend_height:
        baseline = height - MAP_HEIGHT * scale - legend_height + 4
        out.add(_legend(styles, width, baseline))
    return out


class BodyMapFlowable(Flowable):
    """The body map as a platypus flowable that each PDF draws once per distinct map.

    The first time a canvas meets a map (same marks, size and key) it draws it into a named form
    XObject with reportlab's public ``beginForm``/``endForm``; every later use, on any page, is
    one ``doForm``. A range print of twenty notes with the same map pays for one drawing.
    """

    def __init__(
        self, marked: Mapping[str, str] | Iterable[str], *, width: float, height: float,
        legend: bool = True,
    ) -> None:  # fmt: skip
        super().__init__()
        self.styles = normalise(marked)
        self.width, self.height, self.legend = width, height, legend
        key = repr((sorted(self.styles.items()), width, height, legend)).encode()
        self.form_name = "BodyMap" + hashlib.sha256(key).hexdigest()[:16]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form_name):
            canvas.beginForm(self.form_name, 0, 0, self.width, self.height)
            map_drawing = drawing(
                self.styles, width=self.width, height=self.height, legend=self.legend
            )
            renderPDF.draw(map_drawing, canvas, 0, 0)
            canvas.endForm()
        canvas.doForm(self.form_name)


def flowable(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    width: float,
    height: float,
    legend: bool = True,
) -> BodyMapFlowable:
    """The map of :func:`drawing` as a flowable for a PDF story, drawn once per PDF."""
    return BodyMapFlowable(marked, width=width, height=height, legend=legend)


def _polygon(points: Iterable[Point], dx: float, **style: object) -> Polygon:
    flat: list[float] = []
    for x, y in points:
        flat.extend((x + dx, y + TOP))
    return Polygon(flat, strokeLineJoin=1, **style)


def _map(styles: dict[str, str], place: tuple[float, ...]) -> Group:
    """Silhouettes, every region's outline, then the marked regions filled, in map units."""
    group = Group(transform=place)
    for view in VIEWS:
        dx = OFFSETS[view]
        for outline in SILHOUETTES[view]:
            group.add(
                _polygon(
                    outline,
                    dx,
                    fillColor=SILHOUETTE_COLOUR,
                    strokeColor=OUTLINE_COLOUR,
                    strokeWidth=1.2,
                )
            )
        for region in REGIONS:
            if region.view == view:
                group.add(
                    _polygon(
                        region.points,
                        dx,
                        fillColor=None,
                        strokeColor=REGION_STROKE_COLOUR,
                        strokeWidth=0.6,
                    )
                )
    for code, style in styles.items():
        region = REGION_BY_CODE[code]
        group.add(
            _polygon(
                region.points,
                OFFSETS[region.view],
                fillColor=STYLE_COLOURS[style],
                strokeColor=OUTLINE_COLOUR,
                strokeWidth=0.6,
            )
        )
    return group


def _caption(caption: Caption, place: tuple[float, ...]) -> String:
    scale, _, _, _, left, top = place
    size = caption.print_size or caption.size
    return String(
        left + caption.x * scale,
        top - caption.y * scale,
        caption.text,
        fontName=BOLD_FONT if caption.bold else FONT,
        fontSize=max(size * scale, MIN_FONT_SIZE),
        fillColor=TEXT_COLOUR,
        textAnchor=caption.anchor,
    )


def _legend(styles: dict[str, str], width: float, y: float) -> Group:
    """A swatch and a label for each style in use, centred, shrunk to fit ``width``."""
    used = [style for style in STYLES if style in styles.values()]
    labels = [STYLES[style][1] for style in used]
    # Each entry: a swatch (size + 1), 3 points, its label, a gap of size + 2: 2 * size + 6 + label.
    per_point = sum(2 + stringWidth(label, FONT, 1) for label in labels)
    size = min(LEGEND_FONT_SIZE, (width - 6 * len(used)) / per_point)
    x = max(0.0, (width - size * per_point - 6 * len(used)) / 2)
    group = Group()
    for style, label in zip(used, labels, strict=True):
        group.add(Rect(x, y, size + 1, size + 1, fillColor=STYLE_COLOURS[style], strokeColor=None))
        group.add(
            String(
                x + size + 4, y + 1.5, label, fontName=FONT, fontSize=size, fillColor=TEXT_COLOUR
            )
        )
        x += 2 * size + 6 + stringWidth(label, FONT, size)
    return group
