"""Rewrite the clinic outcomes summary (one row per episode of care) of every client.

Submitting an intake and signing a note refresh their client's rows as they happen; run this
after a data fix made outside the app (a referral added or re-dated in the Django admin, an
import), or after changing how an episode's outcome is summarised. Safe to run again: each
client's rows are replaced, never added to.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.outcomes import clinic


class Command(BaseCommand):
    help = "Rewrite the clinic outcomes summary of every client's episodes of care."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=clinic.BATCH,
            help="Clients read and written at a time.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        written = clinic.refresh_all(batch=options["batch_size"])
        self.stdout.write(f"Summarised {written} episode(s) of care.")
