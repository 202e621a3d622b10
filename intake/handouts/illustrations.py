"""Line drawings of each exercise position, defined once and rendered two ways.

Every illustration is a list of simple shapes (lines, circles, arrows) in a fixed box of
``WIDTH`` x ``HEIGHT`` units with y pointing down, as in SVG. :func:`svg` turns it into inline SVG for
web pages; :func:`drawing` into a reportlab ``Drawing`` for PDFs.

Stick figures: a black body, grey props (floor, chair, door frame, table), a dashed grey figure for
the other position of a movement, and blue arrows for the direction of movement.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from django.template.loader import render_to_string
from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, PolyLine
from reportlab.lib import colors

Point = tuple[float, float]

WIDTH = 200.0
HEIGHT = 150.0
FLOOR = 140.0

#: stroke colour, stroke width, dash pattern, fill for heads/arrowheads
STYLES: dict[str, tuple[str, float, tuple[float, ...], str | None]] = {
    "body": ("#212529", 3.5, (), "#ffffff"),
    "prop": ("#868e96", 2.0, (), None),
    "ghost": ("#adb5bd", 2.5, (5.0, 4.0), "#ffffff"),
    "arrow": ("#1c7ed6", 2.0, (), "#1c7ed6"),
}


@dataclass(frozen=True)
class Shape:
    """A polyline (``radius == 0``) or a circle (centre ``points[0]``), in one style."""

    style: str
    points: tuple[Point, ...]
    radius: float = 0.0
    closed: bool = False


@dataclass(frozen=True)
class Illustration:
    key: str
    alt: str
    shapes: tuple[Shape, ...]


# --- building blocks ---------------------------------------------------------------------------


def _line(style: str, *points: Point) -> Shape:
    return Shape(style, tuple(points))


def _figure(
    head: Point,
    spine: Sequence[Point],
    limbs: Iterable[Sequence[Point]],
    *,
    head_r: float = 9.0,
    style: str = "body",
) -> list[Shape]:
    """A stick figure: limbs and spine as polylines, the head drawn last so it covers the neck."""
    shapes = [Shape(style, tuple(limb)) for limb in limbs]
    shapes.append(Shape(style, tuple(spine)))
    shapes.append(Shape(style, (head,), radius=head_r))
    return shapes


def _arrow(*points: Point, size: float = 6.0) -> list[Shape]:
    """A polyline with a filled head at its last point."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    back = (x2 - size * math.cos(angle), y2 - size * math.sin(angle))
    half = size * 0.55
    left = (back[0] + half * math.sin(angle), back[1] - half * math.cos(angle))
    right = (back[0] - half * math.sin(angle), back[1] + half * math.cos(angle))
    return [
        Shape("arrow", (*points[:-1], back)),
        Shape("arrow", ((x2, y2), left, right), closed=True),
    ]


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float) -> list[Point]:
    """Points along an elliptical arc; angles in degrees, y down."""
    steps = max(4, int(abs(end - start) / 15))
    return [
        (
            round(cx + rx * math.cos(math.radians(start + (end - start) * i / steps)), 1),
            round(cy + ry * math.sin(math.radians(start + (end - start) * i / steps)), 1),
        )
        for i in range(steps + 1)
    ]


def _floor() -> Shape:
    return _line("prop", (8, FLOOR), (192, FLOOR))


def _side_chair(back_x: float, seat_y: float = 96.0, depth: float = 46.0) -> list[Shape]:
    """A chair seen from the side, backrest on the left."""
    front = back_x + depth
    return [
        _line("prop", (back_x - 6, seat_y - 54), (back_x, seat_y), (front, seat_y), (front, FLOOR)),
        _line("prop", (back_x, seat_y), (back_x, FLOOR)),
    ]


# --- the drawings ------------------------------------------------------------------------------


def _seated_figure_four() -> list[Shape]:
    # Side view: the near ankle rests on the far knee (the legs make a "4"), and the trunk leans
    # forward from the hips with a long back; dashed: sitting upright before the lean.
    upright = [
        _line("ghost", (60, 90), (58, 46)),
        Shape("ghost", ((58, 34),), radius=9.0),
    ]
    body = _figure(
        (104, 36),
        [(60, 90), (78, 66), (96, 46)],  # the lean: a straight back, hinged at the hip
        [
            [(60, 92), (110, 92), (112, 134), (124, 138)],  # far leg, foot flat on the floor
            [(60, 90), (86, 74), (110, 85), (119, 79)],  # near leg: ankle on the far knee
            [(92, 50), (98, 68), (104, 84)],  # hand resting on the crossed shin
        ],
    )
    lean = _arrow(*_arc(60, 90, 66, 66, -92, -60))
    return [_floor(), *_side_chair(40, seat_y=96.0, depth=44.0), *upright, *body, *lean]


def _pelvic_tilt() -> list[Shape]:
    body = _figure(
        (76, 28),
        [(71, 92), (67, 76), (68, 58), (72, 40)],
        [
            [(71, 92), (112, 92), (113, 134), (125, 138)],
            [(72, 46), (80, 70), (102, 86)],
        ],
    )
    rock = _arrow(*_arc(62, 88, 14, 16, 120, 230))
    lift = _arrow((86, 112), (86, 96))
    return [_floor(), *_side_chair(46), *body, *rock, *lift]


def _walking() -> list[Shape]:
    body = _figure(
        (106, 16),
        [(102, 27), (100, 72)],
        [
            [(100, 72), (114, 103), (124, 133), (135, 138)],
            [(100, 72), (92, 104), (80, 130), (88, 139)],
            [(102, 33), (94, 55), (85, 72)],
            [(102, 33), (111, 55), (122, 66)],
        ],
    )
    return [_floor(), *body, *_arrow((140, 40), (172, 40))]


def _knee_to_chest() -> list[Shape]:
    body = _figure(
        (30, 127),
        [(40, 132), (90, 133)],
        [
            [(90, 133), (125, 134), (160, 134), (163, 124)],
            [(90, 133), (74, 98), (106, 86), (110, 77)],
            [(44, 131), (52, 110), (74, 97)],
        ],
    )
    return [_floor(), *body, *_arrow(*_arc(88, 112, 22, 22, 20, -70))]


def _glute_bridge() -> list[Shape]:
    body = _figure(
        (27, 130),
        [(38, 134), (92, 106)],
        [
            [(92, 106), (126, 96), (136, 132), (148, 137)],
            [(42, 136), (68, 137), (90, 137)],
        ],
    )
    return [_floor(), *body, *_arrow((92, 96), (92, 74))]


def _cat_cow() -> list[Shape]:
    cow = [
        _line("ghost", (65, 90), (100, 103), (135, 90)),
        _line("ghost", (135, 90), (146, 80)),
        Shape("ghost", ((152, 73),), radius=9.0),
    ]
    body = _figure(
        (149, 106),
        [(65, 90), (82, 76), (100, 72), (118, 76), (135, 90), (142, 99)],
        [
            [(135, 90), (137, 115), (138, 138), (148, 139)],
            [(65, 90), (65, 138), (28, 138)],
        ],
    )
    return [_floor(), *cow, *body, *_arrow((100, 60), (100, 44))]


def _sciatic_nerve_glide() -> list[Shape]:
    ghost = [_line("ghost", (110, 92), (112, 133), (124, 138))]
    body = _figure(
        (74, 27),
        [(69, 92), (68, 60), (70, 38)],
        [
            [(69, 92), (110, 92), (143, 80), (147, 69)],
            [(70, 44), (74, 70), (88, 93)],
        ],
    )
    swing = _arrow(*_arc(110, 92, 48, 48, 75, 5))
    return [_floor(), *_side_chair(44), *ghost, *body, *swing]


def _hamstring_stretch() -> list[Shape]:
    body = _figure(
        (116, 42),
        [(78, 92), (94, 66), (108, 50)],
        [
            [(78, 92), (114, 96), (116, 134), (126, 138)],
            [(78, 92), (114, 104), (150, 128), (154, 117)],
            [(106, 54), (112, 80), (124, 104)],
        ],
    )
    return [_floor(), *_side_chair(38), *body, *_arrow((128, 26), (146, 40))]


def _lower_trunk_rotation() -> list[Shape]:
    # Seen from above: lying on the back, arms out, bent knees dropped to one side.
    ghost = [
        _line("ghost", (112, 68), (132, 40), (158, 62)),
        _line("ghost", (112, 82), (138, 50), (164, 72)),
    ]
    body = _figure(
        (30, 75),
        [(40, 75), (112, 75)],
        [
            [(46, 40), (46, 110)],  # shoulders
            [(46, 40), (46, 16)],
            [(46, 110), (46, 134)],
            [(112, 66), (112, 84)],  # pelvis
            [(112, 68), (134, 106), (160, 88)],
            [(112, 82), (128, 116), (156, 100)],
        ],
        head_r=10.0,
    )
    rock = _arrow(*_arc(140, 75, 22, 36, -60, 60))
    return [*ghost, *body, *rock]


def _upper_body_front(head: Point, neck_top: Point, *, head_r: float = 12.0) -> list[Shape]:
    return _figure(
        head,
        [neck_top, (100, 80), (100, 145)],
        [
            [(68, 80), (132, 80)],
            [(68, 80), (64, 112), (62, 142)],
            [(132, 80), (136, 112), (138, 142)],
        ],
        head_r=head_r,
    )


def _neck_side_bend() -> list[Shape]:
    body = _upper_body_front((84, 52), (92, 64))
    return [*body, *_arrow(*_arc(100, 64, 34, 34, -60, -115)), *_arrow((150, 60), (150, 80))]


def _chin_tuck() -> list[Shape]:
    ghost = [
        _line("ghost", (90, 80), (106, 62)),
        Shape("ghost", ((114, 50),), radius=12.0),
    ]
    body = _figure(
        (96, 48),
        [(90, 145), (90, 80), (92, 60)],
        [[(90, 84), (96, 112), (98, 140)]],
        head_r=12.0,
    )
    nose = _line("body", (108, 48), (112, 52), (108, 54))
    return [*ghost, *body, nose, *_arrow((146, 56), (124, 56))]


def _upper_trap_stretch() -> list[Shape]:
    seat = [_line("prop", (50, 128), (150, 128)), _line("prop", (56, 128), (56, FLOOR))]
    body = _figure(
        (116, 54),
        [(100, 126), (100, 80), (107, 65)],
        [
            [(70, 82), (130, 82)],
            [(70, 82), (64, 106), (60, 127)],
            [(130, 82), (150, 54), (120, 40)],
        ],
        head_r=11.0,
    )
    return [_floor(), *seat, *body, *_arrow((46, 62), (46, 84))]


def _shoulder_rolls() -> list[Shape]:
    body = _upper_body_front((100, 54), (100, 66))
    left = _arrow(*_arc(64, 72, 14, 14, 110, 380))
    right = _arrow(*_arc(136, 72, 14, 14, 70, -200))
    return [*body, *left, *right]


def _doorway_chest_stretch() -> list[Shape]:
    frame = [_line("prop", (104, 6), (104, FLOOR)), _line("prop", (110, 6), (110, FLOOR))]
    body = _figure(
        (128, 19),
        [(124, 30), (122, 78)],
        [
            [(122, 78), (133, 108), (140, 135), (151, 139)],
            [(122, 78), (112, 108), (102, 133), (110, 139)],
            [(124, 36), (107, 38), (107, 14)],
            [(124, 36), (130, 60), (134, 76)],
        ],
    )
    return [_floor(), *frame, *body, *_arrow((146, 48), (170, 48))]


def _shoulder_blade_squeeze() -> list[Shape]:
    # Seen from behind.
    blades = [
        _line("prop", (74, 80), (92, 82), (86, 106), (74, 80)),
        _line("prop", (126, 80), (108, 82), (114, 106), (126, 80)),
    ]
    body = _figure(
        (100, 46),
        [(100, 58), (100, 145)],
        [
            [(66, 74), (134, 74)],
            [(66, 74), (58, 104), (70, 122)],
            [(134, 74), (142, 104), (130, 122)],
        ],
        head_r=12.0,
    )
    return [*blades, *body, *_arrow((70, 94), (90, 94)), *_arrow((130, 94), (110, 94))]


def _pendulum() -> list[Shape]:
    table = [
        _line("prop", (22, 80), (74, 80)),
        _line("prop", (28, 80), (28, FLOOR)),
        _line("prop", (68, 80), (68, FLOOR)),
    ]
    body = _figure(
        (82, 44),
        [(125, 80), (108, 62), (92, 52)],
        [
            [(125, 80), (118, 109), (122, 136), (111, 139)],
            [(125, 80), (137, 108), (146, 134), (135, 139)],
            [(96, 55), (80, 68), (66, 79)],
            [(96, 55), (98, 82), (100, 106)],
        ],
    )
    return [_floor(), *table, *body, *_arrow(*_arc(100, 114, 16, 6, 200, 500))]


_BUILDERS = {
    "seated_figure_four": (
        _seated_figure_four,
        "Side view: seated, one ankle resting on the opposite knee, leaning forward from the "
        "hips with a long back; dashed: sitting upright.",
    ),
    "pelvic_tilt": (_pelvic_tilt, "Seated tall; the pelvis rocks back as the pelvic floor lifts."),
    "walking": (_walking, "Walking with an easy stride and relaxed arm swing."),
    "knee_to_chest": (_knee_to_chest, "Lying on the back, hugging one knee towards the chest."),
    "glute_bridge": (_glute_bridge, "Lying on the back, knees bent, hips lifted off the floor."),
    "cat_cow": (_cat_cow, "On hands and knees, back rounded up; dashed: back gently arched."),
    "sciatic_nerve_glide": (
        _sciatic_nerve_glide,
        "Seated, one knee straightening with the toes pulled up; dashed: knee bent.",
    ),
    "hamstring_stretch": (
        _hamstring_stretch,
        "Seated at the chair edge, one leg straight with heel down, leaning forward.",
    ),
    "lower_trunk_rotation": (
        _lower_trunk_rotation,
        "Seen from above: lying on the back, arms out, bent knees dropped to one side.",
    ),
    "neck_side_bend": (_neck_side_bend, "Head tilted towards one shoulder, shoulders level."),
    "chin_tuck": (
        _chin_tuck,
        "Side view: the chin glides straight back; dashed: head poked forward.",
    ),
    "upper_trap_stretch": (
        _upper_trap_stretch,
        "Seated, one hand holding the seat, head tilted away with the other hand resting on it.",
    ),
    "shoulder_rolls": (_shoulder_rolls, "Both shoulders circling up, back and down."),
    "doorway_chest_stretch": (
        _doorway_chest_stretch,
        "Forearm on a door frame at shoulder height, stepping forward through the doorway.",
    ),
    "shoulder_blade_squeeze": (
        _shoulder_blade_squeeze,
        "Seen from behind: shoulder blades drawing towards each other.",
    ),
    "pendulum": (
        _pendulum,
        "Leaning on a table with one hand, the other arm hanging and circling.",
    ),
}

ILLUSTRATIONS: dict[str, Illustration] = {
    key: Illustration(key, alt, tuple(build())) for key, (build, alt) in _BUILDERS.items()
}


def keys() -> list[str]:
    return list(ILLUSTRATIONS)


def choices() -> list[tuple[str, str]]:
    """``(key, label)`` pairs for a form's select box."""
    return [(key, key.replace("_", " ").capitalize()) for key in ILLUSTRATIONS]


# --- SVG ---------------------------------------------------------------------------------------


def _svg_attributes(shape: Shape) -> dict[str, str]:
    """What the template needs to write one shape: its kind and its numbers as text."""
    stroke, width, dash, fill = STYLES[shape.style]
    out = {"stroke": stroke, "width": f"{width:g}", "dash": " ".join(f"{d:g}" for d in dash)}
    if shape.radius:
        (cx, cy) = shape.points[0]
        return {**out, "kind": "circle", "cx": f"{cx:g}", "cy": f"{cy:g}",
                "r": f"{shape.radius:g}", "fill": fill or ""}  # fmt: skip
    points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
    kind = "polygon" if shape.closed else "polyline"
    return {**out, "kind": kind, "points": points, "fill": (fill or "") if shape.closed else "none"}


@cache
def svg(key: str) -> str:
    """Inline SVG markup for one illustration (``KeyError`` for an unknown key), written by
    ``templates/handouts/illustration.svg`` (autoescaped) from our own constants."""
    item = ILLUSTRATIONS[key]
    context = {
        "width": f"{WIDTH:g}",
        "height": f"{HEIGHT:g}",
        "alt": item.alt,
        "shapes": [_svg_attributes(shape) for shape in item.shapes],
    }
    return render_to_string("handouts/illustration.svg", context).strip()


# --- reportlab ---------------------------------------------------------------------------------


def _flat(points: Iterable[Point]) -> list[float]:
    return [coord for point in points for coord in point]


def _group(key: str) -> Group:
    """The shapes in illustration units (y down)."""
    group = Group()
    for shape in ILLUSTRATIONS[key].shapes:
        stroke, width, dash, fill = STYLES[shape.style]
        common = {
            "strokeColor": colors.HexColor(stroke),
            "strokeWidth": width,
            "strokeDashArray": list(dash) if dash else None,
        }
        if shape.radius:
            (cx, cy) = shape.points[0]
            group.add(
                Circle(
                    cx,
                    cy,
                    shape.radius,
                    fillColor=colors.HexColor(fill) if fill else None,
                    **common,
                )
            )
        elif shape.closed:
            group.add(
                Polygon(_flat(shape.points), fillColor=colors.HexColor(fill or stroke), **common)
            )
        else:
            group.add(PolyLine(_flat(shape.points), strokeLineCap=1, strokeLineJoin=1, **common))
    return group


def placed(key: str, width: float, height: float) -> Group:
    """The illustration scaled and flipped into a ``width`` x ``height`` box."""
    scale = min(width / WIDTH, height / HEIGHT)
    ox = (width - WIDTH * scale) / 2
    oy = (height - HEIGHT * scale) / 2
    # reportlab's y points up: flip the SVG coordinates into the drawing.
    return Group(_group(key), transform=(scale, 0, 0, -scale, ox, oy + HEIGHT * scale))


def drawing(key: str, width: float, height: float) -> Drawing:
    """A reportlab ``Drawing`` of one illustration, scaled to fit ``width`` x ``height`` points.

    Built on every call: platypus marks flowables while laying out a document.
    """
    if key not in ILLUSTRATIONS:
        raise KeyError(key)
    d = Drawing(width, height)
    d.add(placed(key, float(width), float(height)))
    return d
