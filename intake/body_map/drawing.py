"""The body map for PDFs: one reportlab ``Drawing`` built from public shapes.

The catalogue's outlines are in map units with y pointing down (as in SVG); one group with a
flipping, scaling transform places them, so every point goes in exactly as the catalogue has
it. Marked regions are filled by style; with ``sensations``, each sensation felt there is drawn
over a tint of the style in the colour and pattern of ``SENSATION_STYLES`` (the web map's
``<pattern>``s, drawn here as lines and dots clipped to the region). A key for the styles and
sensations in use goes underneath.

Captions and the key are in the active language; a flowable keeps the language it was made in,
so a PDF built later (or elsewhere) draws it the same.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping

from django.utils import translation
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from intake.body_map.regions import (
    MAP_HEIGHT,
    MAP_WIDTH,
    NOTE_CAPTION,
    OFFSETS,
    OUTLINE,
    PATTERN_DOT_RADIUS,
    PATTERN_LINE_WIDTH,
    PATTERN_SPACING,
    REGION_BY_CODE,
    REGION_STROKE,
    REGIONS,
    SENSATION_STYLES,
    SENSATIONS,
    SILHOUETTE_FILL,
    SILHOUETTES,
    STYLES,
    TEXT,
    TOP,
    VIEW_CAPTIONS,
    VIEWS,
    Caption,
    Point,
    felt,
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
#: Under sensations' patterns a style is a tint (as the web map's 0.2 opacity over white).
STYLE_TINTS: dict[str, colors.Color] = {
    style: colors.linearlyInterpolatedColor(colors.white, colour, 0, 1, 0.2)
    for style, colour in STYLE_COLOURS.items()
}
SENSATION_COLOURS: dict[str, colors.Color] = {
    code: colors.HexColor(style.colour) for code, style in SENSATION_STYLES.items()
}


def drawing(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    sensations: Mapping[str, Iterable[str]] | None = None,
    width: float,
    height: float,
    legend: bool = True,
) -> Drawing:
    """A vector body map for PDFs, scaled to fit ``width`` x ``height`` points and centred.

    ``marked`` and ``sensations`` are as for :func:`intake.body_map.svg`. With ``legend`` a key
    for the styles and sensations drawn is added underneath (nothing marked, no key).
    """
    styles = normalise(marked)
    layers = {code: found for code, found in felt(sensations).items() if code in styles}
    legend_height = LEGEND_HEIGHT if legend and styles else 0.0
    scale = min(width / MAP_WIDTH, (height - legend_height) / MAP_HEIGHT)
    left = (width - MAP_WIDTH * scale) / 2
    # reportlab's y points up: the map's top edge is the drawing's top edge.
    place = (scale, 0, 0, -scale, left, height)
    out = Drawing(width, height)
    out.add(_map(styles, layers, place))
    for caption in (*VIEW_CAPTIONS["front"], *VIEW_CAPTIONS["back"], NOTE_CAPTION):
        out.add(_caption(caption, place, width))
    if legend_height:
        baseline = height - MAP_HEIGHT * scale - legend_height + 4
        out.add(_legend(styles, layers, width, baseline))
    return out


class BodyMapFlowable(Flowable):
    """The body map as a platypus flowable that each PDF draws once per distinct map.

    The first time a canvas meets a map (same marks, size and key) it draws it into a named form
    XObject with reportlab's public ``beginForm``/``endForm``; every later use, on any page, is
    one ``doForm``. A range print of twenty notes with the same map pays for one drawing.
    """

    def __init__(
        self, marked: Mapping[str, str] | Iterable[str], *, width: float, height: float,
        legend: bool = True, sensations: Mapping[str, Iterable[str]] | None = None,
    ) -> None:  # fmt: skip
        super().__init__()
        self.styles = normalise(marked)
        self.sensations = felt(sensations)
        self.width, self.height, self.legend = width, height, legend
        self.language = translation.get_language()
        key = repr(
            (
                sorted(self.styles.items()),
                sorted(self.sensations.items()),
                width,
                height,
                legend,
                self.language,
            )
        ).encode()
        self.form_name = "BodyMap" + hashlib.sha256(key).hexdigest()[:16]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form_name):
            canvas.beginForm(self.form_name, 0, 0, self.width, self.height)
            renderPDF.draw(self.map_drawing(), canvas, 0, 0)
            canvas.endForm()
        canvas.doForm(self.form_name)

    def map_drawing(self) -> Drawing:
        """The map's drawing, built once per process for the same map (``form_name`` names
        the marks, size, key and language): rendering a drawing does not change it."""
        found = DRAWINGS.get(self.form_name)
        if found is None:
            with translation.override(self.language):
                found = drawing(self.styles, sensations=self.sensations, width=self.width,
                                height=self.height, legend=self.legend)  # fmt: skip
            if len(DRAWINGS) >= DRAWINGS_KEPT:
                DRAWINGS.pop(next(iter(DRAWINGS), None), None)  # the oldest
            DRAWINGS[self.form_name] = found
        return found


#: Built maps by form name, oldest first (a clinic prints a few hundred different maps a day).
DRAWINGS: dict[str, Drawing] = {}
DRAWINGS_KEPT = 256


def flowable(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    sensations: Mapping[str, Iterable[str]] | None = None,
    width: float,
    height: float,
    legend: bool = True,
) -> BodyMapFlowable:
    """The map of :func:`drawing` as a flowable for a PDF story, drawn once per PDF."""
    return BodyMapFlowable(marked, sensations=sensations, width=width, height=height, legend=legend)


def _polygon(points: Iterable[Point], dx: float, **style: object) -> Polygon:
    flat: list[float] = []
    for x, y in points:
        flat.extend((x + dx, y + TOP))
    return Polygon(flat, strokeLineJoin=1, **style)


def _map(
    styles: dict[str, str], layers: dict[str, tuple[str, ...]], place: tuple[float, ...]
) -> Group:
    """Silhouettes, every region's outline, then the marked regions filled (and patterned by
    sensation), in map units."""
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
        dx = OFFSETS[region.view]
        felt_here = layers.get(code, ())
        group.add(
            _polygon(
                region.points,
                dx,
                fillColor=STYLE_TINTS[style] if felt_here else STYLE_COLOURS[style],
                strokeColor=OUTLINE_COLOUR,
                strokeWidth=0.6,
            )
        )
        shifted = [(x + dx, y + TOP) for x, y in region.points]
        for sensation in felt_here:
            group.add(_pattern(shifted, sensation))
    return group


# --- patterns ------------------------------------------------------------------------------------
# The web map fills a region with an SVG <pattern>: lines y = s/2 (mod s) or dots at
# (s/2, s/2) (mod s) in a tile rotated by the sensation's angle. Here the same lines and dots
# are worked out and clipped to the region's outline, in the same map units.


def _rotate(point: Point, angle: float) -> Point:
    cos, sin = math.cos(angle), math.sin(angle)
    return (point[0] * cos - point[1] * sin, point[0] * sin + point[1] * cos)


def _crossings(points: list[Point], level: float) -> list[float]:
    """Where the horizontal line y = ``level`` crosses the outline, left to right."""
    found = []
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 <= level < y2) or (y2 <= level < y1):
            found.append(x1 + (level - y1) * (x2 - x1) / (y2 - y1))
    return sorted(found)


def hatch_lines(points: Iterable[Point], angle: float) -> list[tuple[Point, Point]]:
    """The pattern's lines at ``angle`` degrees (clockwise, y down) inside the outline: each
    line of the rotated tile, cut where it enters and leaves the polygon."""
    radians = math.radians(angle)
    # Into the tile's own frame, where the lines are horizontal.
    local = [_rotate(p, -radians) for p in points]
    low, high = min(y for _, y in local), max(y for _, y in local)
    half = PATTERN_SPACING / 2
    level = math.floor((low - half) / PATTERN_SPACING) * PATTERN_SPACING + half
    segments = []
    while level <= high:
        xs = _crossings(local, level)
        for start, end in zip(xs[::2], xs[1::2], strict=False):
            segments.append((_rotate((start, level), radians), _rotate((end, level), radians)))
        level += PATTERN_SPACING
    return segments


def _inside(point: Point, points: list[Point]) -> bool:
    return sum(1 for x in _crossings(points, point[1]) if x < point[0]) % 2 == 1


def pattern_dots(points: Iterable[Point]) -> list[Point]:
    """The pattern's dots (unrotated) that fall inside the outline."""
    outline = list(points)
    xs, ys = [x for x, _ in outline], [y for _, y in outline]
    half = PATTERN_SPACING / 2
    first_x = math.floor((min(xs) - half) / PATTERN_SPACING) * PATTERN_SPACING + half
    first_y = math.floor((min(ys) - half) / PATTERN_SPACING) * PATTERN_SPACING + half
    dots = []
    y = first_y
    while y <= max(ys):
        x = first_x
        while x <= max(xs):
            if _inside((x, y), outline):
                dots.append((x, y))
            x += PATTERN_SPACING
        y += PATTERN_SPACING
    return dots


def _pattern(points: list[Point], sensation: str) -> Group:
    style = SENSATION_STYLES[sensation]
    colour = SENSATION_COLOURS[sensation]
    group = Group()
    if style.pattern == "dots":
        for x, y in pattern_dots(points):
            group.add(Circle(x, y, PATTERN_DOT_RADIUS, fillColor=colour, strokeColor=None))
        return group
    angles = (style.angle, style.angle + 90) if style.pattern == "cross" else (style.angle,)
    for angle in angles:
        for (x1, y1), (x2, y2) in hatch_lines(points, angle):
            group.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=PATTERN_LINE_WIDTH))
    return group


def _caption(caption: Caption, place: tuple[float, ...], width: float) -> String:
    scale, _, _, _, left, top = place
    size = max((caption.print_size or caption.size) * scale, MIN_FONT_SIZE)
    font = BOLD_FONT if caption.bold else FONT
    text = str(caption.text)
    # A drawing narrower than the note's line shrinks it to fit rather than cut it.
    size = min(size, 0.98 * width / stringWidth(text, font, 1))
    return String(
        left + caption.x * scale,
        top - caption.y * scale,
        text,
        fontName=font,
        fontSize=size,
        fillColor=TEXT_COLOUR,
        textAnchor=caption.anchor,
    )


def _legend(
    styles: dict[str, str], layers: dict[str, tuple[str, ...]], width: float, y: float
) -> Group:
    """A swatch and a label for each style and sensation drawn, centred, shrunk to fit."""
    used = [style for style in STYLES if style in styles.values()]
    felt_any = {sensation for found in layers.values() for sensation in found}
    names = dict(SENSATIONS)
    sensations = [code for code in names if code in felt_any]
    labels = [str(STYLES[style][1]) for style in used] + [names[s] for s in sensations]
    # Each entry: a swatch (size + 1), 3 points, its label, a gap of size + 2: 2 * size + 6 + label.
    per_point = sum(2 + stringWidth(label, FONT, 1) for label in labels)
    size = min(LEGEND_FONT_SIZE, (width - 6 * len(labels)) / per_point)
    x = max(0.0, (width - size * per_point - 6 * len(labels)) / 2)
    group = Group()
    for key, label in zip(used + sensations, labels, strict=True):
        side = size + 1
        if key in STYLES:
            group.add(Rect(x, y, side, side, fillColor=STYLE_COLOURS[key], strokeColor=None))
        else:
            # The swatch is drawn in map units (y down) like the map, then placed here.
            # Two tiles of the pattern across, so each swatch shows its lines or dots.
            units = side / (2 * PATTERN_SPACING)
            tile = 2 * PATTERN_SPACING
            square = [(0.0, 0.0), (tile, 0.0), (tile, tile), (0.0, tile)]
            swatch = Group(transform=(units, 0, 0, -units, x, y + side))
            swatch.add(
                Polygon(
                    [c for p in square for c in p],
                    fillColor=colors.white,
                    strokeColor=OUTLINE_COLOUR,
                    strokeWidth=0.3,
                )
            )
            swatch.add(_pattern(square, key))
            group.add(swatch)
        group.add(
            String(
                x + size + 4, y + 1.5, label, fontName=FONT, fontSize=size, fillColor=TEXT_COLOUR
            )
        )
        x += 2 * size + 6 + stringWidth(label, FONT, size)
    return group
