"""Where the export reads pain (NPRS) and PSFS: the one place that knows the model fields, so a
change in how outcomes are stored is a change here and nowhere else in the export."""

from __future__ import annotations

from typing import Any

from intake import outcomes

#: (key, label) of the pain scores an intake and a session note hold, in our code system.
INTAKE_PAIN = (
    ("pain-now", "Pain right now (0-10)"),
    ("pain-worst-week", "Worst pain in the last week (0-10)"),
)
NOTE_PAIN = (
    ("pain-before-treatment", "Pain before treatment (0-10)"),
    ("pain-after-treatment", "Pain after treatment (0-10)"),
)


def intake_pain(intake: Any) -> dict[str, int | None]:
    return {"pain-now": intake.current_pain, "pain-worst-week": intake.worst_pain}


def note_pain(note: Any) -> dict[str, int | None]:
    return {"pain-before-treatment": note.pain_before, "pain-after-treatment": note.pain_after}


def psfs_rows(record: Any) -> list[tuple[str, int | None]]:
    """The PSFS activities of an intake or a session note: (activity, score 0-10 or None)."""
    return list(outcomes.psfs_pairs(record.psfs))


def psfs_mean(record: Any) -> float | None:
    return outcomes.psfs_mean(record.psfs)
