"""Recompute the stored flag level of every submitted intake computed with older screening rules.

Run it after deploying a change to ``intake/submissions/screening.py`` that raised
``RULES_VERSION`` (migrations that add a rule run it themselves). Safe to run again: an intake
already at the current version is left alone.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.submissions import screening, services


class Command(BaseCommand):
    help = "Recompute the flag level of submitted intakes computed with older screening rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Intakes read and written at a time."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        checked, changed = services.recompute_flag_levels(batch_size=options["batch_size"])
        self.stdout.write(
            f"{changed} intake(s) changed level, of {checked} recomputed "
            f"to rules version {screening.RULES_VERSION}."
        )
