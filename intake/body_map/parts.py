"""The body in parts, drawn large for tapping: the web form's way round a whole map too small
to tap on a phone. Each part crops the catalogue's own views (``regions``) around some of its
regions; only the crop and the scale are the part's."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.body_map.regions import (
    LEFT_LETTER,
    REGION_BY_CODE,
    REGIONS,
    RIGHT_LETTER,
    VIEWBOX,
    Region,
)

# Both views side by side are too small to tap on a phone (a shin is 9 CSS px wide at 390 px), so
# the web form offers the body in parts, each drawn large enough that every one of its areas is
# at least ZOOM_TARGET_PX across and tall (WCAG 2.2 asks 24 CSS px; 2 spare for rounding) while
# the part fits a phone's width. Each part has one pane per view (or per arm), cropped from the
# view's own outlines: the regions are the catalogue's, only the crop and scale are the part's.

ZOOM_TARGET_PX = 26.0
ZOOM_MAX_WIDTH_PX = 340.0
ZOOM_MAX_HEIGHT_PX = 330.0
ZOOM_CAPTION_PX = 20.0
ZOOM_GAP_PX = 12.0


@dataclass(frozen=True)
class Pane:
    """One crop of a view: ``box`` is (x, y, width, height) in the view's units."""

    view: str
    box: tuple[float, float, float, float]
    caption: Promise

    def holds(self, region: Region) -> bool:
        x, y, width, height = self.box
        return region.view == self.view and all(
            x <= px <= x + width and y <= py <= y + height for px, py in region.points
        )

    @property
    def sides(self) -> tuple[Promise | str, Promise | str]:
        """The client's sides on the left and right of the pane, when it shows both."""
        x, _y, width, _height = self.box
        if not x < VIEWBOX[2] / 2 < x + width:
            return ("", "")
        if self.view == "back":
            return (LEFT_LETTER, RIGHT_LETTER)
        return (RIGHT_LETTER, LEFT_LETTER)


@dataclass(frozen=True)
class PanePlace:
    """Where a pane goes in its part's picture, in CSS px at the natural size."""

    pane: Pane
    x: float
    y: float
    width: float
    height: float
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Zoom:
    """A part of the body drawn large: its panes side by side (or ``stacked``), its regions in
    reading order (pane by pane, top to bottom, then left to right) and its natural ``scale``
    (CSS px per map unit). ``name`` is lazy; ``label`` is it in the active language."""

    key: str
    name: Promise
    panes: tuple[Pane, ...]
    stacked: bool
    codes: tuple[str, ...]
    scale: float
    places: tuple[PanePlace, ...]
    width: float
    height: float

    @property
    def label(self) -> str:
        return str(self.name)


def _smallest_side(codes: Iterable[str]) -> float:
    sides = []
    for code in codes:
        xs, ys = zip(*REGION_BY_CODE[code].points, strict=True)
        sides += [max(xs) - min(xs), max(ys) - min(ys)]
    return min(sides)


def _zoom(
    key: str, label: Promise, stems: tuple[str, ...], panes: tuple[Pane, ...], stacked: bool = False
) -> Zoom:
    wanted = {code for stem in stems for code in (stem, f"{stem}_l", f"{stem}_r")}
    per_pane: list[list[Region]] = [[] for _ in panes]
    for region in REGIONS:
        if region.code in wanted:
            index = next(i for i, pane in enumerate(panes) if pane.holds(region))
            per_pane[index].append(region)
    for regions in per_pane:
        regions.sort(key=lambda r: (min(y for _, y in r.points), min(x for x, _ in r.points)))
    codes = tuple(r.code for regions in per_pane for r in regions)
    widths = [pane.box[2] for pane in panes]
    heights = [pane.box[3] for pane in panes]
    gaps = ZOOM_GAP_PX * (len(panes) - 1)
    if stacked:
        fit = min(
            ZOOM_MAX_WIDTH_PX / max(widths),
            (ZOOM_MAX_HEIGHT_PX - ZOOM_CAPTION_PX * len(panes) - gaps) / sum(heights),
        )
    else:
        fit = min(
            (ZOOM_MAX_WIDTH_PX - gaps) / sum(widths),
            (ZOOM_MAX_HEIGHT_PX - ZOOM_CAPTION_PX) / max(heights),
        )
    scale = math.floor(max(ZOOM_TARGET_PX / _smallest_side(codes), fit) * 100) / 100
    width = max(widths) * scale if stacked else sum(widths) * scale + gaps
    places, x, y = [], 0.0, 0.0
    for pane, regions in zip(panes, per_pane, strict=True):
        w, h = pane.box[2] * scale, pane.box[3] * scale
        left = (width - w) / 2 if stacked else x
        codes_here = tuple(r.code for r in regions)
        places.append(PanePlace(pane, round(left, 1), y + ZOOM_CAPTION_PX, w, h, codes_here))
        if stacked:
            y += ZOOM_CAPTION_PX + h + ZOOM_GAP_PX
        else:
            x += w + ZOOM_GAP_PX
    height = y - ZOOM_GAP_PX if stacked else ZOOM_CAPTION_PX + max(heights) * scale
    return Zoom(key, label, panes, stacked, codes, scale, tuple(places), width, height)


FRONT = pgettext_lazy("body map view", "Front")
BACK = pgettext_lazy("body map view", "Back")

#: The parts, top to bottom; every region is in exactly one.
ZOOMS: tuple[Zoom, ...] = (
    _zoom(
        "head",
        _("Head and neck"),
        ("head", "neck"),
        (Pane("front", (78, 6, 44, 48), FRONT), Pane("back", (78, 6, 44, 68), BACK)),
    ),
    _zoom(
        "back",
        _("Shoulders and back"),
        ("shoulder", "upper_back", "mid_back", "lower_back"),
        (Pane("back", (54, 62, 92, 140), BACK),),
    ),
    _zoom(
        "front",
        _("Chest and belly"),
        ("chest", "abdomen"),
        (Pane("front", (64, 68, 72, 134), FRONT),),
    ),
    _zoom(
        "arms",
        _("Arms and hands"),
        ("upper_arm", "forearm", "hand"),
        (
            Pane("front", (36, 72, 34, 200), _("Right arm")),
            Pane("front", (130, 72, 34, 200), _("Left arm")),
        ),
    ),
    _zoom(
        "hips",
        _("Hips and buttocks"),
        ("hip", "groin", "buttock"),
        (Pane("front", (58, 198, 84, 72), FRONT), Pane("back", (58, 198, 84, 56), BACK)),
    ),
    _zoom(
        "thighs",
        _("Thighs and knees"),
        ("front_thigh", "front_knee", "back_thigh", "back_knee"),
        (Pane("front", (63, 198, 74, 152), FRONT), Pane("back", (63, 198, 74, 152), BACK)),
    ),
    _zoom(
        "lower_legs",
        _("Lower legs"),
        ("outer_lower_leg", "shin", "calf"),
        (Pane("front", (68, 346, 64, 46), FRONT), Pane("back", (68, 346, 64, 56), BACK)),
        stacked=True,
    ),
    _zoom(
        "feet",
        _("Ankles and feet"),
        ("ankle", "top_foot", "heel", "sole"),
        (Pane("front", (64, 388, 72, 42), FRONT), Pane("back", (68, 398, 64, 42), BACK)),
        stacked=True,
    ),
)
ZOOM_BY_CODE: dict[str, Zoom] = {code: zoom for zoom in ZOOMS for code in zoom.codes}
ZOOM_BY_KEY: dict[str, Zoom] = {zoom.key: zoom for zoom in ZOOMS}
