"""A client's outcome series as CSV rows: one row for the intake and each signed note."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from intake.csv_export import csv_cell
from intake.outcomes.series import Episode

ACTIVITY_COLUMNS = 5
CSV_HEADER = [
    "episode started",
    "date",
    "from",
    "pain now",
    "pain at worst",
    "pain after treatment",
    "PSFS mean",
    "PSFS activities set",
    *[f"{kind} {i}" for i in range(1, ACTIVITY_COLUMNS + 1) for kind in ("activity", "score")],
]


def csv_rows(episodes: Iterable[Episode]) -> Iterator[list]:
    """Oldest episode first. Numbers are written as numbers; typed text (activity names) is
    defused against spreadsheet formulas."""
    for episode in episodes:
        for row in episode.rows:
            cells = [
                episode.started_on.isoformat(),
                row.day.isoformat(),
                "signed note" if row.note_id else "intake (baseline)",
                row.pain_now,
                row.pain_worst,
                row.pain_after,
                row.psfs,
                row.psfs_number,
            ]
            scores = list(row.psfs_scores)[:ACTIVITY_COLUMNS]
            scores += [("", None)] * (ACTIVITY_COLUMNS - len(scores))
            for activity, score in scores:
                cells += [csv_cell(activity), score]
            yield ["" if cell is None else cell for cell in cells]
