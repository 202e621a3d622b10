"""The body-region catalogue: one list of named regions, drawn by the web map (``svg``) and
every PDF (``drawing``), and the layout both of them share.

Every region has a stable ``code`` (what the database stores), a plain-language label, the
view it is drawn on (front or back), the client's own side, a group for the no-JavaScript
checkbox list, tags (used only to suggest handouts, never to diagnose) and a polygon outline
in a fixed per-view viewBox.

Left and right are always the *client's own* left and right. The back view shows the client
from behind, so their left is on the left of the picture; the front view mirrors it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

Point = tuple[float, float]

#: Each view is drawn in this box (x, y, width, height), y pointing down as in SVG.
VIEWBOX: tuple[float, float, float, float] = (0.0, 0.0, 200.0, 440.0)
VIEWS: tuple[str, ...] = ("front", "back")


class Choices(tuple):
    """``(code, label)`` pairs whose labels are ``gettext_lazy`` strings, read in the active
    language: iterating or indexing gives plain ``str`` labels (ready for f-strings and JSON).
    ``choices`` keeps them lazy, for a form field built once at import. ``repr`` is the English,
    so a digest of it does not depend on the language of whoever asked first."""

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for code, label in super().__iter__():
            yield code, str(label)

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        if isinstance(index, slice):
            return Choices(super().__getitem__(index))
        code, label = super().__getitem__(index)
        return code, str(label)

    def __repr__(self) -> str:
        with translation.override(None):
            return repr(tuple(self))

    @property
    def choices(self) -> tuple[tuple[str, Promise], ...]:
        return tuple(super().__iter__())


SENSATIONS: Choices = Choices(
    (
        ("pain", _("Pain")),
        ("tingling", _("Tingling")),
        ("numbness", _("Numbness")),
        ("weakness", _("Weakness")),
        ("burning", _("Burning")),
        ("aching", _("Aching")),
    )
)
SENSATION_CODES: tuple[str, ...] = tuple(code for code, _label in SENSATIONS.choices)


@dataclass(frozen=True)
class SensationStyle:
    """How one sensation is drawn on every map (web, chart, PDF): its colour and a pattern, so
    sensations differ by more than colour. ``pattern`` is ``"lines"`` (parallel lines at
    ``angle`` degrees, clockwise from horizontal with y down as in SVG), ``"cross"`` (lines at
    ``angle`` and at right angles to it) or ``"dots"``."""

    colour: str
    pattern: str
    angle: float = 0.0


#: One colour and pattern per sensation (each colour at least 3:1 against white).
SENSATION_STYLES: dict[str, SensationStyle] = {
    "pain": SensationStyle("#c92a2a", "lines", 45),
    "tingling": SensationStyle("#862e9c", "dots"),
    "numbness": SensationStyle("#1864ab", "lines", 0),
    "weakness": SensationStyle("#2b8a3e", "lines", 90),
    "burning": SensationStyle("#d9480f", "cross", 45),
    "aching": SensationStyle("#0b7285", "lines", 135),
}
#: Pattern geometry in map units: the gap between lines (or dots), line width, dot radius.
PATTERN_SPACING = 5.0
PATTERN_LINE_WIDTH = 1.3
PATTERN_DOT_RADIUS = 1.2

#: The groups of the staff's checkbox list and the outcome reports' body areas, in this order.
GROUPS: tuple[Promise, ...] = (
    _("Head, neck and shoulders"),
    pgettext_lazy("body area", "Back"),
    _("Hips and buttocks"),
    _("Legs"),
    _("Feet"),
    _("Arms and hands"),
    _("Front of body"),
)

#: Fill colours for marked regions, by style key. "symptom" is what the client marked,
#: "treated" what the therapist treated, "both" a region that is both.
STYLES: dict[str, tuple[str, Promise]] = {
    "symptom": ("#d6336c", _("Symptoms")),
    "treated": ("#1c7ed6", _("Treated")),
    "both": ("#7048e8", _("Symptoms and treated")),
}
DEFAULT_STYLE = "symptom"

#: The colours of the unmarked map, shared by the web map and the PDF drawing.
SILHOUETTE_FILL = "#f1f3f5"
OUTLINE = "#495057"
REGION_STROKE = "#868e96"
TEXT = "#212529"


@dataclass(frozen=True)
class Region:
    """``name`` is the catalogue's ``gettext_lazy`` name; ``label`` is it in the active language,
    a plain ``str``. ``code`` is what the database stores, whatever the language."""

    code: str
    name: Promise
    view: str
    side: str
    group: str
    tags: frozenset[str]
    points: tuple[Point, ...]

    @property
    def label(self) -> str:
        return str(self.name)

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

# (code stem, (name of the left one, of the right one), view, group, tags, outline on the left of
# the picture). Each side's name is written out whole: a translation agrees it with its noun
# ("mollet gauche", "pierna izquierda"), which a "{side}" glued in could not.
_PAIRED: tuple[
    tuple[str, tuple[Promise, Promise], str, Promise, frozenset[str], tuple[Point, ...]], ...
] = (
    # Head, neck and shoulders (back view)
    (
        "neck",
        (_("Left side of neck"), _("Right side of neck")),
        "back",
        GROUPS[0],
        frozenset({"neck"}),
        ((89, 50), (99, 50), (99, 68), (88, 68)),
    ),
    (
        "shoulder",
        (_("Left shoulder"), _("Right shoulder")),
        "back",
        GROUPS[0],
        frozenset({"shoulder"}),
        ((58, 75), (87, 67), (99, 70), (99, 86), (64, 92)),
    ),
    # Back
    (
        "upper_back",
        (_("Upper back, left side"), _("Upper back, right side")),
        "back",
        GROUPS[1],
        frozenset({"upper_back", "back"}),
        ((66, 95), (99, 89), (99, 128), (68, 128)),
    ),
    (
        "mid_back",
        (_("Middle back, left side"), _("Middle back, right side")),
        "back",
        GROUPS[1],
        frozenset({"mid_back", "back"}),
        ((68, 131), (99, 131), (99, 164), (70, 164)),
    ),
    (
        "lower_back",
        (_("Lower back, left side"), _("Lower back, right side")),
        "back",
        GROUPS[1],
        frozenset({"lower_back", "back"}),
        ((70, 167), (99, 167), (99, 197), (64, 197)),
    ),
    # Hips and buttocks
    (
        "buttock",
        (_("Left buttock"), _("Right buttock")),
        "back",
        GROUPS[2],
        frozenset({"buttock"}),
        ((63, 201), (99, 201), (99, 240), (88, 249), (68, 246), (62, 224)),
    ),
    (
        "hip",
        (_("Left hip (outer side)"), _("Right hip (outer side)")),
        "front",
        GROUPS[2],
        frozenset({"hip"}),
        ((62, 201), (74, 201), (76, 244), (66, 244), (61, 222)),
    ),
    (
        "groin",
        (_("Left groin and inner thigh"), _("Right groin and inner thigh")),
        "front",
        GROUPS[2],
        frozenset({"groin", "leg", "thigh"}),
        ((86, 201), (99, 201), (99, 226), (94, 266), (88, 266), (84, 232)),
    ),
    # Legs
    (
        "front_thigh",
        (_("Front of left thigh"), _("Front of right thigh")),
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
        (_("Back of left thigh"), _("Back of right thigh")),
        "back",
        GROUPS[3],
        frozenset({"leg", "thigh", "back_of_leg"}),
        ((67, 251), (88, 252), (99, 244), (96, 318), (74, 318)),
    ),
    (
        "front_knee",
        (_("Front of left knee"), _("Front of right knee")),
        "front",
        GROUPS[3],
        frozenset({"leg", "knee"}),
        ((73, 322), (95, 322), (94, 346), (73, 346)),
    ),
    (
        "back_knee",
        (_("Back of left knee"), _("Back of right knee")),
        "back",
        GROUPS[3],
        frozenset({"leg", "knee", "back_of_leg"}),
        ((73, 322), (95, 322), (94, 346), (73, 346)),
    ),
    (
        "outer_lower_leg",
        (_("Outer side of left lower leg"), _("Outer side of right lower leg")),
        "front",
        GROUPS[3],
        frozenset({"leg", "below_knee", "lower_leg"}),
        ((73, 350), (82, 350), (82, 388), (76, 388), (72, 368)),
    ),
    (
        "shin",
        (_("Left shin"), _("Right shin")),
        "front",
        GROUPS[3],
        frozenset({"leg", "below_knee", "lower_leg", "front_of_leg"}),
        ((84, 350), (94, 350), (93, 388), (84, 388)),
    ),
    (
        "calf",
        (_("Left calf"), _("Right calf")),
        "back",
        GROUPS[3],
        frozenset({"leg", "below_knee", "lower_leg", "back_of_leg"}),
        ((73, 350), (94, 350), (93, 398), (77, 398), (72, 370)),
    ),
    # Feet
    (
        "ankle",
        (_("Left ankle"), _("Right ankle")),
        "front",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot", "ankle"}),
        ((76, 391), (93, 391), (94, 401), (74, 401)),
    ),
    (
        "top_foot",
        (_("Top of left foot"), _("Top of right foot")),
        "front",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot"}),
        ((74, 404), (94, 404), (97, 426), (68, 426), (71, 412)),
    ),
    (
        "heel",
        (_("Left heel"), _("Right heel")),
        "back",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot"}),
        ((77, 401), (93, 401), (94, 415), (77, 415)),
    ),
    (
        "sole",
        (_("Sole of left foot"), _("Sole of right foot")),
        "back",
        GROUPS[4],
        frozenset({"leg", "below_knee", "foot"}),
        ((75, 421), (95, 421), (97, 436), (73, 436)),
    ),
    # Arms and hands (front view)
    (
        "upper_arm",
        (_("Left upper arm"), _("Right upper arm")),
        "front",
        GROUPS[5],
        frozenset({"arm"}),
        ((56, 77), (66, 81), (64, 106), (62, 150), (45, 150), (47, 101)),
    ),
    (
        "forearm",
        (_("Left forearm"), _("Right forearm")),
        "front",
        GROUPS[5],
        frozenset({"arm"}),
        ((45, 154), (62, 154), (59, 226), (42, 226)),
    ),
    (
        "hand",
        (_("Left hand"), _("Right hand")),
        "front",
        GROUPS[5],
        frozenset({"arm", "hand"}),
        ((42, 230), (59, 230), (59, 253), (52, 267), (43, 265), (39, 248)),
    ),
    # Front of body
    (
        "chest",
        (_("Left side of chest"), _("Right side of chest")),
        "front",
        GROUPS[6],
        frozenset({"chest"}),
        ((69, 76), (99, 72), (99, 130), (70, 130), (67, 106)),
    ),
)

_SINGLE: tuple[tuple[str, Promise, str, Promise, frozenset[str], tuple[Point, ...]], ...] = (
    ("head", _("Head"), "front", GROUPS[0], frozenset({"head"}), _ellipse(100, 30, 15, 20, 16)),
    (
        "abdomen",
        _("Abdomen"),
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
    for rank, (stem, names, view, group, tags, points) in enumerate(_PAIRED):
        # The back view shows the client's left on the left of the picture; the front mirrors it.
        picture_left = "left" if view == "back" else "right"
        for order, (side, name) in enumerate(zip(("left", "right"), names, strict=True)):
            outline = points if side == picture_left else _mirror(points)
            region = Region(f"{stem}_{side[0]}", name, view, side, group, tags, tuple(outline))
            ranked.append((rank, order, region))
    # By identity: comparing lazy names would translate them, here at import.
    groups = {id(group): i for i, group in enumerate(GROUPS)}
    ranked.sort(key=lambda item: (groups[id(item[2].group)], item[0], item[1]))
    return tuple(region for _, _, region in ranked)


REGIONS: tuple[Region, ...] = _build()
REGION_BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}


def region_choices() -> list[tuple[str, Promise]]:
    """``(code, name)`` for every region, in reading order; the names are lazy, translated
    where they are shown (a form built at import shows them in each reader's language)."""
    return [(region.code, region.name) for region in REGIONS]


def grouped_region_choices() -> list[tuple[Promise, list[tuple[str, Promise]]]]:
    """Choices grouped for a checkbox list: ``[(group, [(code, name), ...]), ...]`` (lazy)."""
    return [
        (group, [(r.code, r.name) for r in REGIONS if r.group is group])
        for group in GROUPS
        if any(r.group is group for r in REGIONS)
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


def normalise(marked: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    """``{code: style}`` for the known codes of ``marked`` (codes, or a code -> style mapping);
    an unknown style falls back to :data:`DEFAULT_STYLE`."""
    if isinstance(marked, Mapping):
        items = marked.items()
    else:
        items = ((code, DEFAULT_STYLE) for code in marked)
    return {
        code: (style if style in STYLES else DEFAULT_STYLE)
        for code, style in items
        if code in REGION_BY_CODE
    }


def felt(sensations: Mapping[str, Iterable[str]] | None) -> dict[str, tuple[str, ...]]:
    """``{code: sensations}`` for known codes, each in :data:`SENSATIONS` order; unknown
    codes and sensations are ignored, as are regions with nothing felt."""
    out = {}
    for code, values in (sensations or {}).items():
        wanted = set(values)
        known = tuple(value for value in SENSATION_CODES if value in wanted)
        if code in REGION_BY_CODE and known:
            out[code] = known
    return out


def sensations_of(marks: Iterable[object]) -> dict[str, tuple[str, ...]]:
    """``{region: sensations}`` of symptom marks (anything with ``region`` and
    ``sensations``), ready for the ``sensations`` argument of ``svg`` and ``drawing``."""
    return felt({mark.region: mark.sensations for mark in marks})  # type: ignore[attr-defined]


# --- layout ------------------------------------------------------------------------------------
# Both views side by side under their captions, a note on sides underneath: the web map draws
# this in its own units (y down), the PDF drawing scales it to the space it is given.

GAP = 20.0
TOP = 22.0
BOTTOM = 34.0
MAP_WIDTH = VIEWBOX[2] * 2 + GAP
MAP_HEIGHT = TOP + VIEWBOX[3] + BOTTOM
#: Where each view starts along x.
OFFSETS: dict[str, float] = {"front": 0.0, "back": VIEWBOX[2] + GAP}
SIDE_NOTE = _("Left and right are your own: the front view is mirrored, the back view is not.")
#: The one-letter marks of the client's left and right on a picture.
LEFT_LETTER = pgettext_lazy("body map: the client's left side, one letter", "L")
RIGHT_LETTER = pgettext_lazy("body map: the client's right side, one letter", "R")


@dataclass(frozen=True)
class Caption:
    """A line of text on the map, in map units. ``anchor`` is SVG's and reportlab's
    ``start``/``middle``/``end``; ``print_size`` is the size on paper, where the long note
    would not fit in the web size."""

    x: float
    y: float
    text: Promise
    anchor: str
    size: float
    bold: bool = False
    print_size: float | None = None


def _view_captions(view: str, title: Promise, left: Promise, right: Promise) -> tuple[Caption, ...]:
    dx = OFFSETS[view]
    return (
        Caption(dx + VIEWBOX[2] / 2, 14, title, "middle", 13, bold=True),
        Caption(dx + 8, TOP + 20, left, "start", 13),
        Caption(dx + VIEWBOX[2] - 8, TOP + 20, right, "end", 13),
    )


#: Each view's title and which of the client's sides is on the left and right of its picture.
VIEW_CAPTIONS: dict[str, tuple[Caption, ...]] = {
    "front": _view_captions(
        "front", pgettext_lazy("body map view", "Front"), RIGHT_LETTER, LEFT_LETTER
    ),
    "back": _view_captions(
        "back", pgettext_lazy("body map view", "Back"), LEFT_LETTER, RIGHT_LETTER
    ),
}
NOTE_CAPTION = Caption(MAP_WIDTH / 2, MAP_HEIGHT - 12, SIDE_NOTE, "middle", 11, print_size=10)
