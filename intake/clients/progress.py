"""Progress across visits, drawn server-side as an inline SVG (no JavaScript).

Three series on one 0–10 scale: pain at the start of each visit, pain after treatment, and the
Patient-Specific Functional Scale mean (higher is better for PSFS, lower is better for pain).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

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


def points_from_notes(notes: Sequence) -> list[Point]:
    """One point per note with any score, oldest visit first."""
    points = [
        Point(note.visit_date, note.pain_before, note.pain_after, note.psfs_mean)
        for note in notes
        if note.pain_before is not None or note.pain_after is not None or note.psfs
    ]
    return sorted(points, key=lambda p: p.visit_date)


def progress_svg(points: Sequence[Point]) -> SafeString:
    """An accessible line chart of the points; an empty string when there is nothing to draw."""
    if not points:
        return mark_safe("")  # noqa: S308
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / 10)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" role="img" aria-labelledby="progress-title" data-testid="progress-chart">',
        '<title id="progress-title">Pain (0 to 10) and function (PSFS, 0 to 10) across '
        f"{len(points)} visit{'s' if len(points) != 1 else ''}</title>",
    ]
    for value in range(0, 11, 2):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#495057">{value}</text>'
        )
    label_every = max(1, len(points) // 8)
    for i, point in enumerate(points):
        if i % label_every == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="10" '
                f'text-anchor="middle" fill="#495057">{point.visit_date:%d %b}</text>'
            )
    for key, label, colour, dash in SERIES:
        coords = [
            (x(i), y(getattr(p, key)), getattr(p, key))
            for i, p in enumerate(points)
            if getattr(p, key) is not None
        ]
        if not coords:
            continue
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(coords) > 1:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy, _ in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash_attr}/>'
            )
        for cx, cy, value in coords:
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(label)}: {value:g}</title></circle>"
            )
    legend_x = LEFT
    for _, label, colour, dash in SERIES:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 22}" y1="{HEIGHT - 10}" y2="{HEIGHT - 10}" '
            f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
            f'<text x="{legend_x + 27}" y="{HEIGHT - 6}" font-size="11" fill="#212529">'
            f"{escape(label)}</text>"
        )
        legend_x += 40 + len(label) * 6
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers, dates and escaped constant labels
