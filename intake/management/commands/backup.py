from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from intake.backups import create_backup


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz, owner-readable only) with a consistent database dump and "
        "every uploaded file. Default path: backups/clinic-<time>.tar.gz"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="Where to write the archive.")

    def handle(self, *args, path: str | None = None, **options) -> None:
        target = Path(path or f"backups/clinic-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = create_backup(target)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {target} ({manifest.vendor} database as {manifest.dump}, "
                f"{manifest.files} uploaded file{'s' if manifest.files != 1 else ''})."
            )
        )
