"""An episode's outcome chart, drawn from one function for the web (SVG) and the PDF (reportlab).

:func:`figure` lays the chart out as a list of plain shapes in SVG coordinates (y grows down):
points placed by date, the baseline (the intake) marked with a square, the 2-point band around
each baseline, a dashed divider where new PSFS activities start a new series. The template
``clients/outcome_chart.svg`` draws the shapes on the web; :func:`drawing` turns the same shapes into
a reportlab Drawing (y flipped, scaled to the width asked for). Only signed notes are points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor

from intake.outcomes.series import MCID, PAIN_NOW, PAIN_WORST, PSFS, Episode, Series
from intake.pdf import FONT

WIDTH, HEIGHT = 640.0, 270.0
LEFT, RIGHT, TOP, BOTTOM = 36.0, 24.0, 14.0, 62.0
COLOURS = {PAIN_NOW.key: "#c92a2a", PAIN_WORST.key: "#e8590c", PSFS.key: "#2b8a3e"}
DASHES = {PAIN_NOW.key: "", PAIN_WORST.key: "6 3", PSFS.key: "2 3"}
MUTED, GRID = "#495057", "#dee2e6"


@dataclass(frozen=True)
class Shape:
    """One drawing primitive: ``kind`` is rect, line, polyline, circle or text."""

    kind: str
    x: float = 0.0
    y: float = 0.0
    x2: float = 0.0  # line: end x; rect: width; circle: radius
    y2: float = 0.0  # line: end; rect: height
    points: tuple[float, ...] = ()
    colour: str = MUTED
    fill: str = ""
    opacity: float = 1.0
    dash: str = ""
    stroke: float = 1.0
    text: str = ""
    anchor: str = "start"  # start, middle, end
    size: float = 11.0
    title: str = ""

    @property
    def svg_points(self) -> str:
        pairs = zip(self.points[::2], self.points[1::2], strict=True)
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


@dataclass(frozen=True)
class Figure:
    width: float
    height: float
    title: str
    shapes: tuple[Shape, ...]


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(value) / 10)


def _x_of(days: Sequence[dt.date]):  # noqa: ANN202 (a function of a date)
    """Points placed by date: a month's gap looks like a month, not like a week."""
    first, last = min(days), max(days)
    span, plot_w = (last - first).days, WIDTH - LEFT - RIGHT
    return lambda day: LEFT + (plot_w / 2 if span == 0 else (day - first).days * plot_w / span)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _band(series: Series | None) -> list[Shape]:
    """The values within 2 points of the baseline: inside it, no change that matters."""
    if series is None or series.baseline is None:
        return []
    base = float(series.baseline.value)
    low, high = max(0.0, base - float(MCID)), min(10.0, base + float(MCID))
    colour = COLOURS[series.measure.key]
    return [
        Shape(
            "rect",
            LEFT,
            _y(high),
            WIDTH - LEFT - RIGHT,
            _y(low) - _y(high),
            colour="",
            fill=colour,
            opacity=0.10,
            title=f"{series.measure.label}: within 2 points of the baseline ({base:g})",
        )  # fmt: skip
    ]


def _series(series: Series, x_of) -> list[Shape]:  # noqa: ANN001
    key, label = series.measure.key, series.measure.label
    if series.number > 1:
        label = f"{label}, activities from {_day(series.baseline.day)}"
    colour, coords = COLOURS[key], []
    shapes: list[Shape] = []
    for i, point in enumerate(series.points):
        x, y = x_of(point.day), _y(point.value)
        coords += [x, y]
        title = f"{label}, {_day(point.day)}: {float(point.value):g}"
        if i == 0:
            title += " (baseline)"
            shapes.append(
                Shape("rect", x - 4, y - 4, 8, 8, colour=colour, fill=colour, title=title)
            )
        else:
            shapes.append(Shape("circle", x, y, x2=3.5, colour=colour, fill=colour, title=title))
    if len(coords) > 2:
        line = Shape("polyline", points=tuple(coords), colour=colour, dash=DASHES[key], stroke=2)
        shapes.insert(0, line)
    return shapes


def _axes(episode: Episode, x_of) -> list[Shape]:  # noqa: ANN001
    shapes = []
    for value in range(0, 11, 2):
        y = _y(value)
        shapes += [
            Shape("line", LEFT, y, WIDTH - RIGHT, y, colour=GRID),
            Shape("text", LEFT - 6, y + 4, text=str(value), anchor="end"),
        ]
    days = sorted({row.day for row in episode.rows})
    every = max(1, len(days) // 7)
    for i, day in enumerate(days):
        if i % every == 0 or i == len(days) - 1:
            text = f"{day.day} {day:%b}" + (" (intake)" if i == 0 and episode.intake_id else "")
            shapes.append(Shape("text", x_of(day), HEIGHT - BOTTOM + 16, text=text,
                                anchor="middle", size=10))  # fmt: skip
    for series in episode.psfs[1:]:
        x = x_of(series.baseline.day)
        shapes += [
            Shape("line", x, TOP, x, HEIGHT - BOTTOM, colour=MUTED, dash="4 3"),
            Shape("text", x + 3, TOP + 10, text="New activities", size=10),
        ]
    return shapes


def _legend(episode: Episode) -> list[Shape]:
    shapes, x, y = [], LEFT, HEIGHT - 14.0
    drawn = [s.measure for s in (episode.pain_now, episode.pain_worst) if s.points]
    drawn += [PSFS] if episode.psfs else []
    for measure in drawn:
        colour = COLOURS[measure.key]
        shapes += [
            Shape(
                "line", x, y - 4, x + 22, y - 4, colour=colour, dash=DASHES[measure.key], stroke=2
            ),  # fmt: skip
            Shape("text", x + 27, y, text=measure.label, colour="#212529"),
        ]
        x += 40 + len(measure.label) * 6
    shapes.append(Shape("rect", x, y - 10, 8, 8, colour=MUTED, fill=MUTED))
    shapes.append(Shape("text", x + 12, y, text="baseline; band: ±2 points", colour="#212529"))
    return shapes


def figure(episode: Episode) -> Figure:
    """The chart of one episode, as shapes (SVG coordinates)."""
    x_of = _x_of([row.day for row in episode.rows])
    shapes = [*_band(episode.pain_now), *_band(episode.current_psfs), *_axes(episode, x_of)]
    for series in (episode.pain_now, episode.pain_worst, *episode.psfs):
        if series.points:
            shapes += _series(series, x_of)
    shapes += _legend(episode)
    visits = episode.follow_ups
    title = (
        f"Pain and function (0 to 10) from {_day(episode.started_on)}: the baseline and "
        f"{visits} signed visit{'s' if visits != 1 else ''}"
    )
    return Figure(WIDTH, HEIGHT, title, tuple(shapes))


def svg(episode: Episode, *, chart_id: str = "outcomes") -> SafeString:
    """The figure as inline SVG (no JavaScript); the table beside it has the same numbers."""
    context = {"figure": figure(episode), "chart_id": chart_id}
    return mark_safe(render_to_string("clients/outcome_chart.svg", context))  # noqa: S308


def _rl_colour(value: str):  # noqa: ANN202
    return HexColor(value) if value else None


def drawing(fig: Figure, *, width: float) -> Drawing:
    """The same figure as a reportlab Drawing ``width`` points wide (y flipped)."""
    k = width / fig.width
    d = Drawing(width, fig.height * k)

    def y(value: float) -> float:
        return (fig.height - value) * k

    for s in fig.shapes:
        stroke = {"strokeColor": _rl_colour(s.colour), "strokeWidth": s.stroke * k}
        if s.dash:
            stroke["strokeDashArray"] = [float(n) * k for n in s.dash.split()]
        if s.kind == "rect":
            d.add(Rect(s.x * k, y(s.y + s.y2), s.x2 * k, s.y2 * k, fillColor=_rl_colour(s.fill),
                       fillOpacity=s.opacity, **stroke))  # fmt: skip
        elif s.kind == "line":
            d.add(Line(s.x * k, y(s.y), s.x2 * k, y(s.y2), **stroke))
        elif s.kind == "polyline":
            flipped = [c * k if i % 2 == 0 else y(c) for i, c in enumerate(s.points)]
            d.add(PolyLine(flipped, **stroke))
        elif s.kind == "circle":
            d.add(Circle(s.x * k, y(s.y), s.x2 * k, fillColor=_rl_colour(s.fill), **stroke))
        elif s.kind == "text":
            d.add(String(s.x * k, y(s.y), s.text, fontName=FONT, fontSize=s.size * k,
                         fillColor=_rl_colour(s.colour), textAnchor=s.anchor))  # fmt: skip
    return d
