from typing import TextIO


def seed(stdout: TextIO) -> None:
    """Demo data for this capability (idempotent)."""
