"""Progress across visits, drawn server-side as an inline SVG (no JavaScript).

Three series on one 0–10 scale: pain at the start of each visit, pain after treatment, and the
Patient-Specific Functional Scale mean (higher is better for PSFS, lower is better for pain), from
signed notes only, each point placed by its visit date.
This module computes the geometry; `templates/clients/progress_chart.svg` draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 30, 14, 44
SERIES = (
    ("pain_before", "Pain before", "#d6336c", ""),
    ("pain_after", "Pain after", "#1c7ed6", "5 3"),
    ("psfs", "Function (PSFS mean)", "#2b8a3e", "1 3"),
)


@dataclass(frozen=True)
class Point:
    visit_date: dt.date
    pain_before: int | None
    pain_after: int | None
    psfs: float | None


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    dash: str
    dots: tuple[tuple[float, float, float], ...]  # x, y, value

    @property
    def polyline(self) -> str:
        """The line through the dots, or "" for a single dot."""
        if len(self.dots) < 2:
            return ""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.dots)


def points_from_notes(notes: Sequence) -> list[Point]:
    """One point per signed note with any score, oldest visit first. A draft can still change,
    so it is not a measurement yet."""
    points = [
        Point(note.visit_date, note.pain_before, note.pain_after, note.psfs_mean)
        for note in notes
        if note.is_signed
        and (note.pain_before is not None or note.pain_after is not None or note.psfs)
    ]
    return sorted(points, key=lambda p: p.visit_date)


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 10)


def _xs(days: Sequence[dt.date]) -> list[float]:
    """Each point placed by its date: a month's gap looks like a month, not like a week."""
    plot_w = WIDTH - LEFT - RIGHT
    span = (days[-1] - days[0]).days if days else 0
    if span == 0:
        return [LEFT + plot_w / 2 for _ in days]
    return [LEFT + (day - days[0]).days * plot_w / span for day in days]


def chart(points: Sequence[Point]) -> dict:
    """The chart's geometry, for the template."""
    xs = _xs([p.visit_date for p in points])
    label_every = max(1, len(points) // 8)
    series = []
    for key, label, colour, dash in SERIES:
        dots = tuple(
            (x, _y(getattr(p, key)), getattr(p, key))
            for x, p in zip(xs, points, strict=True)
            if getattr(p, key) is not None
        )
        if dots:
            series.append(Series(label, colour, dash, dots))
    legend, legend_x = [], LEFT
    for _, label, colour, dash in SERIES:
        legend.append({"x": legend_x, "label": label, "colour": colour, "dash": dash})
        legend_x += 40 + len(label) * 6
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
        "visits": len(points),
        "grid": [(value, _y(value), _y(value) + 4) for value in range(0, 11, 2)],
        "dates": [
            (x, p.visit_date) for i, (x, p) in enumerate(zip(xs, points, strict=True))
            if i % label_every == 0 or i == len(points) - 1
        ],
        "date_y": HEIGHT - BOTTOM + 16, "legend_y": HEIGHT - 10,
        "series": series, "legend": legend,
    }  # fmt: skip


def progress_svg(points: Sequence[Point]) -> SafeString:
    """An accessible line chart of the points; an empty string when there is nothing to draw."""
    if not points:
        return mark_safe("")  # noqa: S308 - empty
    return mark_safe(render_to_string("clients/progress_chart.svg", chart(points)))  # noqa: S308
