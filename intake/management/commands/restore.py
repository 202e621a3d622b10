from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Replace the database's contents and the uploaded files with a backup archive's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, path: str, interactive: bool = True, **options) -> None:
        archive = Path(path)
        if not archive.is_file():
            raise CommandError(f"No backup at {archive}.")
        if interactive:
            answer = input(
                "This replaces ALL current data and uploaded files with the backup's. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest.created_at} "
                f"({manifest.files} uploaded file{'s' if manifest.files != 1 else ''})."
            )
        )
