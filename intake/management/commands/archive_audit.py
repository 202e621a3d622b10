"""Archive past months of the audit trail to JSON-lines files, and remove archived months that are
past the retention period (AUDIT_RETENTION_YEARS, six at least) from the database.

    manage.py archive_audit 2019-01 2019-02          # write audit-2019-01.jsonl, …
    manage.py archive_audit --remove 2019-01         # then remove that month from the database
    manage.py verify_audit --file audit-2019-01.jsonl

The work and its rules are in ``intake.audit.retention``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.audit import retention


def _month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError as error:
        raise CommandError(f"{value!r} is not a month: write YYYY-MM, e.g. 2019-01.") from error


class Command(BaseCommand):
    help = "Archive past months of the audit trail to files; remove archived old months."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("months", nargs="+", help="Months as YYYY-MM, oldest first.")
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Remove these archived months from the database (only past the retention "
            "period, oldest first, once their files verify).",
        )
        parser.add_argument(
            "--directory", type=Path, help="Where to write the files (AUDIT_ARCHIVE_DIR)."
        )

    def handle(self, *args: object, **options: object) -> None:
        months = [_month(value) for value in options["months"]]
        for month in sorted(months):
            try:
                if options["remove"]:
                    removed = retention.purge_month(month)
                    self.stdout.write(f"{month:%Y-%m}: {removed} event(s) removed.")
                else:
                    archive = retention.archive_month(month, directory=options["directory"])
                    self.stdout.write(
                        f"{month:%Y-%m}: {archive.count} event(s) (#{archive.first_id}–"
                        f"#{archive.last_id}) written to {archive.file_name}, "
                        f"SHA-256 {archive.file_sha256}."
                    )
            except retention.RetentionError as error:
                raise CommandError(str(error)) from error
