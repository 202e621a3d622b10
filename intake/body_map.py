"""The body-region catalogue: one list of named regions, drawn by the web form, the chart and PDFs.

Every region has a stable ``code`` (what the database stores), a plain-language label, the
view it is drawn on (front or back), the client's own side, a group for the no-JavaScript
checkbox list, tags (used only to suggest handouts, never to diagnose) and a polygon outline
in a fixed per-view viewBox.

Left and right are always the *client's own* left and right. The back view shows the client
from behind, so their left is on the left of the picture; the front view mirrors it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe
from reportlab.graphics.shapes import DirectDraw, Drawing, Group, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

Point = tuple[float, float]

#: Each view is drawn in this box (x, y, width, height), y pointing down as in SVG.
VIEWBOX: tuple[float, float, float, float] = (0.0, 0.0, 200.0, 440.0)
VIEWS: tuple[str, ...] = ("front", "back")

SENSATIONS: tuple[tuple[str, str], ...] = (
    ("pain", "Pain"),
    ("tingling", "Tingling"),
    ("numbness", "Numbness"),
    ("weakness", "Weakness"),
    ("burning", "Burning"),
    ("aching", "Aching"),
)

GROUPS: tuple[str, ...] = (
    "Head, neck and shoulders",
    "Back",
    "Hips and buttocks",
    "Legs",
    "Feet",
    "Arms and hands",
    "Front of body",
)

#: Fill colours for marked regions, by style key. "symptom" is what the client marked,
#: "treated" what the therapist treated, "both" a region that is both.
STYLES: dict[str, tuple[str, str]] = {
    "symptom": ("#d6336c", "Symptoms"),
    "treated": ("#1c7ed6", "Treated"),
    "both": ("#7048e8", "Symptoms and treated"),
}
DEFAULT_STYLE = "symptom"

_SILHOUETTE_FILL = "#f1f3f5"
_OUTLINE = "#495057"
_REGION_STROKE = "#868e96"
_TEXT = "#212529"


@dataclass(frozen=True)
class Region:
    code: str
    label: str
    view: str
    side: str
    group: str
    tags: frozenset[str]
    points: tuple[Point, ...]

    @property
    def points_attr(self) -> str:
        """The outline as an SVG ``points`` attribute."""
        return " ".join(f"{x:g},{y:g}" for x, y in self.points)


# --- geometry ----------------------------------------------------------------------------------
# Shapes are drawn for the half of the figure on the left of the picture, then mirrored.


def _mirror(points: Iterable[Point]) -> tuple[Point, ...]:
    width = VIEWBOX[2]
    return tuple((width - x, y) for x, y in points)


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 20) -> tuple[Point, ...]:
    return tuple(
        (
            round(cx + rx * math.cos(2 * math.pi * i / n), 1),
            round(cy + ry * math.sin(2 * math.pi * i / n), 1),
        )
        for i in range(n)
    )


_HEAD = _ellipse(100, 30, 17, 22)
_NECK: tuple[Point, ...] = ((90, 48), (110, 48), (111, 70), (89, 70))
_TORSO: tuple[Point, ...] = (
    (56, 74),
    (89, 64),
    (111, 64),
    (144, 74),
    (134, 108),
    (130, 170),
    (139, 200),
    (100, 228),
    (61, 200),
    (70, 170),
    (66, 108),
)
_ARM: tuple[Point, ...] = (
    (56, 74),
    (68, 80),
    (66, 106),
    (64, 152),
    (60, 228),
    (60, 254),
    (52, 270),
    (42, 268),
    (38, 248),
    (41, 226),
    (44, 152),
    (46, 100),
)
_LEG: tuple[Point, ...] = (
    (61, 200),
    (100, 200),
    (100, 226),
    (97, 268),
    (96, 320),
    (95, 350),
    (94, 398),
    (98, 428),
    (66, 428),
    (71, 410),
    (74, 398),
    (71, 350),
    (72, 320),
    (64, 248),
)
# The back view ends the leg at the heel; the sole is drawn under it as seen from below.
_LEG_BACK: tuple[Point, ...] = _LEG[:7] + ((94, 416), (76, 416)) + _LEG[10:]
_SOLE_OUTLINE: tuple[Point, ...] = ((74, 420), (96, 420), (98, 437), (72, 437))

SILHOUETTES: dict[str, tuple[tuple[Point, ...], ...]] = {
    "front": (_HEAD, _NECK, _TORSO, _ARM, _mirror(_ARM), _LEG, _mirror(_LEG)),
    "back": (
        _HEAD,
        _NECK,
        _TORSO,
        _ARM,
        _mirror(_ARM),
        _LEG_BACK,
        _mirror(_LEG_BACK),
        _SOLE_OUTLINE,
        _mirror(_SOLE_OUTLINE),
    ),
}

# (code stem, label pattern, view, group, tags, outline on the left of the picture)
# "{side}" is "left"/"right"; "{Side}" is capitalised.
_PAIRED: tuple[tuple[str, str, str, str, frozenset[str], tuple[Point, ...]], ...] = (
    # Head, neck and shoulders (back view)
    (
        "neck",
        "{Side} side of neck",
        "back",
        GROUPS[0],
        frozenset({"neck"}),
        ((89, 50), (99, 50), (99, 68), (88, 68)),
    ),
    (
        "shoulder",
        "{Side} shoulder",
        "back",
        GROUPS[0],
        frozenset({"shoulder"}),
        ((58, 75), (87, 67), (99, 70), (99, 86), (64, 92)),
    ),
    # Back
    (
        "upper_back",
        "Upper back, {side} side",
        "back",
        GROUPS[1],
        frozenset({"upper_back", "back"}),
        ((66, 95), (99, 89), (99, 128), (68, 128)),
    ),
    (
        "mid_back",
        "Middle back, {side} side",
        "back",
        GROUPS[1],
        frozenset({"mid_back", "back"}),
        ((68, 131), (99, 131), (99, 164), (70, 164)),
    ),
    (
        "lower_back",
        "Lower back, {side} side",
        "back",
        GROUPS[1],
        frozenset({"lower_back", "back"}),
        ((70, 167), (99, 167), (99, 197), (64, 197)),
    ),
    # Hips and buttocks
    (
        "buttock",
        "{Side} buttock",
        "back",
        GROUPS[2],
        frozenset({"buttock"}),
        ((63, 201), (99, 201), (99, 240), (88, 249), (68, 246), (62, 224)),
    ),
    (
        "hip",
        "{Side} hip (outer side)",
        "front",
        GROUPS[2],
        frozenset({"hip"}),
        ((62, 201), (74, 201), (76, 244), (66, 244), (61, 222)),
    ),
    (
        "groin",
        "{Side} groin and inner thigh",
        "front",
        GROUPS[2],
        frozenset({"groin", "leg", "thigh"}),
        ((86, 201), (99, 201), (99, 226), (94, 266), (88, 266), (84, 232)),
    ),
    # Legs
    (
        "front_thigh",
        "Front of {side} thigh",
        "front",
        GROUPS[3],
        frozenset({"leg", "thigh", "front_of_leg"}),
        (
            (76, 201),
            (84, 201),
            (82, 232),
            (86, 268),
            (95, 268),
            (94, 318),
            (74, 318),
            (67, 249),
            (77, 246),
        ),
    ),
    (
        "back_thigh",
        "Back of {side} thigh",
        "back",
        GROUPS[3],
        frozenset({"leg", "thigh", "back_of_leg"}),
        ((67, 251), (88, 252), (99, 244), (96, 318), (74, 318)),
    ),
    (
        "front_knee",
        "Front of {side} knee",
        "front",
        GROUPS[3],
        frozenset({"leg", "knee"}),
        ((73, 322), (95, 322), (94, 346), (73, 346)),
    ),
    (
        "back_knee",
        "Back of {side} knee",
        "back",
        GROUPS[3],
        frozenset({"leg", "knee", "back_of_leg"}),
        ((73, 322), (95, 322), (94, 346), (73, 346)),
    ),
    (
        "outer_lower_leg",
        "Outer side of {side} lower leg",
        "front",
        GROUPS[3],
        frozenset({"leg", "below_knee", "lower_leg"}),
        ((73, 350), (82, 350), (82, 388), (76, 388), (72, 368)),
    ),
    (
        "shin",
        "{Side} shin",
        "front",
        GROUPS[3],
        frozenset({"leg", "below_knee", "lower_leg", "front_of_leg"}),
        ((84, 350), (94, 350), (93, 388), (84, 388)),
    ),
    (
        "calf",
        "{Side} calf",
        "back",
        GROUPS[3],
        frozenset({"leg", "below_knee", "lower_leg", "back_of_leg"}),
        ((73, 350), (94, 350), (93, 398), (77, 398), (72, 370)),
    ),
    # Feet
    (
        "ankle",
        "{Side} ankle",
        "front",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot", "ankle"}),
        ((76, 391), (93, 391), (94, 401), (74, 401)),
    ),
    (
        "top_foot",
        "Top of {side} foot",
        "front",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot"}),
        ((74, 404), (94, 404), (97, 426), (68, 426), (71, 412)),
    ),
    (
        "heel",
        "{Side} heel",
        "back",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot"}),
        ((77, 401), (93, 401), (94, 415), (77, 415)),
    ),
    (
        "sole",
        "Sole of {side} foot",
        "back",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot"}),
        ((75, 421), (95, 421), (97, 436), (73, 436)),
    ),
    # Arms and hands (front view)
    (
        "upper_arm",
        "{Side} upper arm",
        "front",
        GROUPS[5],
        frozenset({"arm"}),
        ((56, 77), (66, 81), (64, 106), (62, 150), (45, 150), (47, 101)),
    ),
    (
        "forearm",
        "{Side} forearm",
        "front",
        GROUPS[5],
        frozenset({"arm"}),
        ((45, 154), (62, 154), (59, 226), (42, 226)),
    ),
    (
        "hand",
        "{Side} hand",
        "front",
        GROUPS[5],
        frozenset({"arm", "hand"}),
        ((42, 230), (59, 230), (59, 253), (52, 267), (43, 265), (39, 248)),
    ),
    # Front of body
    (
        "chest",
        "{Side} side of chest",
        "front",
        GROUPS[6],
        frozenset({"chest"}),
        ((69, 76), (99, 72), (99, 130), (70, 130), (67, 106)),
    ),
)

_SINGLE: tuple[tuple[str, str, str, str, frozenset[str], tuple[Point, ...]], ...] = (
    ("head", "Head", "front", GROUPS[0], frozenset({"head"}), _ellipse(100, 30, 15, 20, 16)),
    (
        "abdomen",
        "Abdomen",
        "front",
        GROUPS[6],
        frozenset({"abdomen"}),
        ((71, 134), (129, 134), (129, 197), (71, 197)),
    ),
)


def _build() -> tuple[Region, ...]:
    # Catalogue order (as listed above, head first, abdomen after chest), left before right.
    ranked: list[tuple[int, int, Region]] = []
    for code, label, view, group, tags, points in _SINGLE:
        rank = -1 if code == "head" else len(_PAIRED)
        ranked.append((rank, 0, Region(code, label, view, "", group, tags, points)))
    for rank, (stem, label, view, group, tags, points) in enumerate(_PAIRED):
        # The back view shows the client's left on the left of the picture; the front mirrors it.
        picture_left = "left" if view == "back" else "right"
        for order, side in enumerate(("left", "right")):
            outline = points if side == picture_left else _mirror(points)
            text = label.format(side=side, Side=side.capitalize())
            region = Region(f"{stem}_{side[0]}", text, view, side, group, tags, tuple(outline))
            ranked.append((rank, order, region))
    groups = {group: i for i, group in enumerate(GROUPS)}
    ranked.sort(key=lambda item: (groups[item[2].group], item[0], item[1]))
    return tuple(region for _, _, region in ranked)


REGIONS: tuple[Region, ...] = _build()
REGION_BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}


def region_choices() -> list[tuple[str, str]]:
    """``(code, label)`` for every region, in reading order."""
    return [(region.code, region.label) for region in REGIONS]


def grouped_region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped for a checkbox list: ``[(group, [(code, label), ...]), ...]``."""
    return [
        (group, [(r.code, r.label) for r in REGIONS if r.group == group])
        for group in GROUPS
        if any(r.group == group for r in REGIONS)
    ]


def regions_tagged(*tags: str) -> frozenset[str]:
    """Codes of the regions carrying every one of ``tags``."""
    wanted = set(tags)
    return frozenset(r.code for r in REGIONS if wanted <= r.tags)


def tags_for(codes: Iterable[str]) -> frozenset[str]:
    """Union of the tags of the given region codes (unknown codes are ignored)."""
    found: set[str] = set()
    for code in codes:
        region = REGION_BY_CODE.get(code)
        if region is not None:
            found |= region.tags
    return frozenset(found)


def labels_for(codes: Iterable[str]) -> list[str]:
    """Labels for known codes, in catalogue order."""
    wanted = set(codes)
    return [r.label for r in REGIONS if r.code in wanted]


def _normalise(marked: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(marked, Mapping):
        items = marked.items()
    else:
        items = ((code, DEFAULT_STYLE) for code in marked)
    return {
        code: (style if style in STYLES else DEFAULT_STYLE)
        for code, style in items
        if code in REGION_BY_CODE
    }


# --- SVG ---------------------------------------------------------------------------------------

_GAP = 20.0
_TOP = 22.0
_BOTTOM = 34.0
SVG_WIDTH = VIEWBOX[2] * 2 + _GAP
SVG_HEIGHT = _TOP + VIEWBOX[3] + _BOTTOM
_OFFSETS: dict[str, float] = {"front": 0.0, "back": VIEWBOX[2] + _GAP}
_CAPTIONS: dict[str, str] = {"front": "Front", "back": "Back"}
# Which of the client's sides is on the left of each picture.
_PICTURE_LEFT: dict[str, tuple[str, str]] = {"front": ("R", "L"), "back": ("L", "R")}
_NOTE = "Left and right are your own: the front view is mirrored, the back view is not."


def _points_attr(points: Iterable[Point]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


@lru_cache(maxsize=1)
def _svg_background() -> str:
    parts: list[str] = []
    for view in VIEWS:
        dx = _OFFSETS[view]
        parts.append(f'<g class="bm-view bm-{view}" transform="translate({dx:g} {_TOP:g})">')
        for outline in SILHOUETTES[view]:
            parts.append(
                f'<polygon class="bm-silhouette" points="{_points_attr(outline)}" '
                f'fill="{_SILHOUETTE_FILL}" stroke="{_OUTLINE}" stroke-width="1.2"/>'
            )
        parts.append("</g>")
        left, right = _PICTURE_LEFT[view]
        mid = dx + VIEWBOX[2] / 2
        parts.append(
            f'<text x="{mid:g}" y="14" text-anchor="middle" font-size="13" font-weight="bold" '
            f'fill="{_TEXT}">{_CAPTIONS[view]}</text>'
            f'<text x="{dx + 8:g}" y="{_TOP + 20:g}" font-size="13" fill="{_TEXT}">{left}</text>'
            f'<text x="{dx + VIEWBOX[2] - 8:g}" y="{_TOP + 20:g}" text-anchor="end" '
            f'font-size="13" fill="{_TEXT}">{right}</text>'
        )
    parts.append(
        f'<text x="{SVG_WIDTH / 2:g}" y="{SVG_HEIGHT - 12:g}" text-anchor="middle" font-size="11" '
        f'fill="{_TEXT}">{escape(_NOTE)}</text>'
    )
    return "".join(parts)


@lru_cache(maxsize=256)
def _svg(marked: tuple[tuple[str, str], ...], interactive: bool, id_prefix: str) -> str:
    styles = dict(marked)
    prefix = escape(id_prefix, quote=True)
    if interactive:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}" class="body-map" '
            f'viewBox="0 0 {SVG_WIDTH:g} {SVG_HEIGHT:g}" role="group" '
            f'aria-label="Body map: choose each area where you feel something" data-body-map>'
        )
    else:
        summary = ", ".join(r.label for r in REGIONS if r.code in styles) or "no areas marked"
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}" class="body-map" '
            f'viewBox="0 0 {SVG_WIDTH:g} {SVG_HEIGHT:g}" role="img" '
            f'aria-label="{escape("Body map, marked: " + summary, quote=True)}">'
        )
    parts = [head, _svg_background()]
    for view in VIEWS:
        parts.append(f'<g class="bm-regions" transform="translate({_OFFSETS[view]:g} {_TOP:g})">')
        for region in REGIONS:
            if region.view != view:
                continue
            style = styles.get(region.code)
            fill = STYLES[style][0] if style else "#ffffff"
            opacity = "0.85" if style else "0.01"
            classes = "bm-region" + (f" bm-marked bm-{style}" if style else "")
            label = escape(region.label, quote=True)
            attrs = (
                f'id="{prefix}-{region.code}" class="{classes}" data-region="{region.code}" '
                f'points="{region.points_attr}" fill="{fill}" fill-opacity="{opacity}" '
                f'stroke="{_REGION_STROKE}" stroke-width="0.8"'
            )
            if interactive:
                pressed = "true" if style else "false"
                attrs += (
                    f' role="button" tabindex="0" aria-label="{label}" aria-pressed="{pressed}"'
                    ' focusable="true"'
                )
                parts.append(f"<polygon {attrs}/>")
            else:
                parts.append(f"<polygon {attrs}><title>{label}</title></polygon>")
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def svg(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    interactive: bool = False,
    id_prefix: str = "bm",
) -> SafeString:
    """Inline SVG of the front and back views with every region; marked regions are filled.

    ``marked`` is an iterable of region codes, or a mapping of code to a style key
    (``"symptom"``, ``"treated"``, ``"both"``). Unknown codes are ignored.
    ``interactive=True`` makes each region a toggle button for ``body_map.js``.
    """
    key = tuple(sorted(_normalise(marked).items()))
    return mark_safe(_svg(key, interactive, id_prefix))  # noqa: S308 - built from escaped parts


# --- reportlab ---------------------------------------------------------------------------------

_LEGEND_HEIGHT = 16.0


@lru_cache(maxsize=1)
def _static_group() -> Group:
    """Silhouettes, region outlines and captions, in SVG coordinates (y down). Built once."""
    group = Group()
    fill = colors.HexColor(_SILHOUETTE_FILL)
    outline = colors.HexColor(_OUTLINE)
    region_stroke = colors.HexColor(_REGION_STROKE)
    for view in VIEWS:
        dx = _OFFSETS[view]
        for shape in SILHOUETTES[view]:
            group.add(
                Polygon(
                    _flat(shape, dx),
                    fillColor=fill,
                    strokeColor=outline,
                    strokeWidth=1.2,
                )
            )
        for region in REGIONS:
            if region.view == view:
                group.add(
                    Polygon(
                        _flat(region.points, dx),
                        fillColor=None,
                        strokeColor=region_stroke,
                        strokeWidth=0.6,
                    )
                )
    return group


def _flat(points: Iterable[Point], dx: float) -> list[float]:
    flat: list[float] = []
    for x, y in points:
        flat.extend((x + dx, y + _TOP))
    return flat


def _rgb(hex_colour: str) -> str:
    c = colors.HexColor(hex_colour)
    return f"{c.red:.3f} {c.green:.3f} {c.blue:.3f}"


@lru_cache(maxsize=1)
def _static_pdf_operators() -> str:
    """The static group as literal PDF path operators, formatted once per process.

    Formatting ~60 polygons point by point is most of the cost of a body map in a PDF;
    the outline never changes, so the note PDF pays for it once, not per document.
    """
    ops = ["q", "1 j 1 J"]
    for view in VIEWS:
        dx = _OFFSETS[view]
        ops.append(f"{_rgb(_SILHOUETTE_FILL)} rg {_rgb(_OUTLINE)} RG 1.2 w")
        for shape in SILHOUETTES[view]:
            ops.append(_path_ops(shape, dx) + " B")
        ops.append(f"{_rgb(_REGION_STROKE)} RG 0.6 w")
        for region in REGIONS:
            if region.view == view:
                ops.append(_path_ops(region.points, dx) + " S")
    ops.append("Q")
    return "\n".join(ops)


def _path_ops(points: Iterable[Point], dx: float) -> str:
    coords = [f"{x + dx:g} {y + _TOP:g}" for x, y in points]
    return f"{coords[0]} m " + " ".join(f"{c} l" for c in coords[1:]) + " h"


@lru_cache(maxsize=1)
def _captions() -> tuple[tuple[float, float, str, str, float], ...]:
    """(x, y-down, text, anchor, size) for the view captions and side letters."""
    items: list[tuple[float, float, str, str, float]] = []
    for view in VIEWS:
        dx = _OFFSETS[view]
        left, right = _PICTURE_LEFT[view]
        items.append((dx + VIEWBOX[2] / 2, 14, _CAPTIONS[view], "middle", 13))
        items.append((dx + 8, _TOP + 20, left, "start", 13))
        items.append((dx + VIEWBOX[2] - 8, _TOP + 20, right, "end", 13))
    items.append((SVG_WIDTH / 2, SVG_HEIGHT - 12, _NOTE, "middle", 10))
    return tuple(items)


def drawing(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    width: float,
    height: float,
    legend: bool = True,
) -> Drawing:
    """A vector body map for PDFs, scaled to fit ``width`` x ``height`` points.

    ``marked`` is as for :func:`svg`. With ``legend`` a colour key for the styles used is added
    underneath. On a PDF canvas the whole map is written as PDF operators cached per
    (marks, size), so a repeated map costs next to nothing; other renderers get shapes.
    """
    styles = tuple(sorted(_normalise(marked).items()))
    d = Drawing(width, height)
    d.add(_BodyMapNode((styles, float(width), float(height), bool(legend))))
    return d


_Key = tuple[tuple[tuple[str, str], ...], float, float, bool]


class _Layout:
    """Where the map, captions and legend go for one (marks, size, legend) key."""

    def __init__(self, key: _Key) -> None:
        styles, width, height, legend = key
        self.styles = dict(styles)
        self.legend_h = _LEGEND_HEIGHT if legend and styles else 0.0
        self.scale = min(width / SVG_WIDTH, (height - self.legend_h) / SVG_HEIGHT)
        self.map_h = SVG_HEIGHT * self.scale
        self.ox = (width - SVG_WIDTH * self.scale) / 2
        self.top = height  # reportlab's y points up: flip the SVG coordinates.
        self.width = width

    def captions(self) -> list[tuple[float, float, str, str, float, str]]:
        """(x, y, text, anchor, size, font) in drawing coordinates."""
        out = []
        for x, y, text, anchor, size in _captions():
            font = "Helvetica-Bold" if size == 13 and len(text) > 1 else "Helvetica"
            out.append(
                (
                    self.ox + x * self.scale,
                    self.top - y * self.scale,
                    text,
                    anchor,
                    max(size * self.scale, 5),
                    font,
                )
            )
        return out

    def legend_items(self) -> list[tuple[float, float, float, str, str]]:
        """(x, y, size, colour, label) for each style in use."""
        if not self.legend_h:
            return []
        used = [style for style in STYLES if style in self.styles.values()]
        size = 8.0
        needed = sum(14 + stringWidth(STYLES[s][1], "Helvetica", size) + 8 for s in used)
        if needed > self.width:
            size *= self.width / needed
            needed = self.width
        x = max(0.0, (self.width - needed) / 2)
        y = self.top - self.map_h - self.legend_h + 4
        items = []
        for style in used:
            colour, label = STYLES[style]
            items.append((x, y, size, colour, label))
            x += 14 + stringWidth(label, "Helvetica", size) + 8
        return items


def _anchor_x(x: float, text: str, anchor: str, font: str, size: float) -> float:
    if anchor == "start":
        return x
    w = stringWidth(text, font, size)
    return x - (w / 2 if anchor == "middle" else w)


@lru_cache(maxsize=512)
def _pdf_operators(key: _Key, regular: str, bold: str) -> str:
    """The whole map as PDF operators; ``regular``/``bold`` are the document's font names."""
    layout = _Layout(key)
    s = layout.scale
    ops = ["q", f"{s:.4f} 0 0 {-s:.4f} {layout.ox:.2f} {layout.top:.2f} cm"]
    ops.append(_static_pdf_operators())
    ops.append(f"{_rgb(_OUTLINE)} RG 0.6 w")
    for code, style in layout.styles.items():
        region = REGION_BY_CODE[code]
        ops.append(f"{_rgb(STYLES[style][0])} rg")
        ops.append(_path_ops(region.points, _OFFSETS[region.view]) + " B")
    ops.append("Q")
    ops.append(f"{_rgb(_TEXT)} rg")
    for x, y, text, anchor, size, font in layout.captions():
        name = bold if font == "Helvetica-Bold" else regular
        tx = _anchor_x(x, text, anchor, font, size)
        ops.append(f"BT {name} {size:.2f} Tf 1 0 0 1 {tx:.2f} {y:.2f} Tm ({_pdf_text(text)}) Tj ET")
    for x, y, size, colour, label in layout.legend_items():
        ops.append(f"{_rgb(colour)} rg {x:.2f} {y:.2f} {size + 1:.2f} {size + 1:.2f} re f")
        ops.append(
            f"{_rgb(_TEXT)} rg BT {regular} {size:.2f} Tf 1 0 0 1 {x + size + 4:.2f} "
            f"{y + 1.5:.2f} Tm ({_pdf_text(label)}) Tj ET"
        )
    return "\n".join(ops)


def _pdf_text(text: str) -> str:
    # Only our own fixed captions reach here; escape anyway.
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _shapes(key: _Key) -> Group:
    """The same map as reportlab shapes, for renderers other than PDF (SVG, bitmap)."""
    layout = _Layout(key)
    group = Group()
    body = Group(transform=(layout.scale, 0, 0, -layout.scale, layout.ox, layout.top))
    body.add(_static_group())
    for code, style in layout.styles.items():
        region = REGION_BY_CODE[code]
        body.add(
            Polygon(
                _flat(region.points, _OFFSETS[region.view]),
                fillColor=colors.HexColor(STYLES[style][0]),
                strokeColor=colors.HexColor(_OUTLINE),
                strokeWidth=0.6,
            )
        )
    group.add(body)
    text_color = colors.HexColor(_TEXT)
    for x, y, text, anchor, size, font in layout.captions():
        group.add(
            String(
                x, y, text, fontName=font, fontSize=size, fillColor=text_color, textAnchor=anchor
            )
        )
    for x, y, size, colour, label in layout.legend_items():
        group.add(Rect(x, y, size + 1, size + 1, fillColor=colors.HexColor(colour), strokeWidth=0))
        group.add(String(x + size + 4, y + 1.5, label, fontName="Helvetica", fontSize=size))
    return group


class _BodyMapNode(DirectDraw):
    def __init__(self, key: _Key) -> None:
        super().__init__()
        self._key = key

    def drawDirectly(self, renderer) -> None:  # noqa: N802 - reportlab's name
        canvas = getattr(renderer, "_canvas", None)
        doc = getattr(canvas, "_doc", None)
        if canvas is not None and hasattr(canvas, "addLiteral") and doc is not None:
            regular = doc.getInternalFontName("Helvetica")
            bold = doc.getInternalFontName("Helvetica-Bold")
            canvas.addLiteral(_pdf_operators(self._key, regular, bold))
            return
        renderer.drawNode(_shapes(self._key))

    def getBounds(self) -> tuple[float, float, float, float]:  # noqa: N802 - reportlab's name
        return (0.0, 0.0, self._key[1], self._key[2])
