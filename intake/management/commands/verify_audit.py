"""Walk the audit trail's hash chain and report the first break (exit status 1), in the database
or in archive files written by ``archive_audit``.

    manage.py verify_audit                       # the database's chain
    manage.py verify_audit --file 2020-01.jsonl  # archive files (in order), then nothing else
    manage.py verify_audit --head 4711:ab12…     # also: event 4711 still has the e-mailed hash
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.audit import chain, retention


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and report the first break."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            action="append",
            type=Path,
            default=[],
            help="An archive file (JSON lines) to verify instead of the database; repeat for "
            "consecutive months, oldest first.",
        )
        parser.add_argument(
            "--head",
            help="ID:HASH from an audit digest e-mail: the event must still be in the chain "
            "with that hash (finds events removed from the end).",
        )

    def handle(self, *args: object, **options: object) -> None:
        files: list[Path] = options["file"]
        if files:
            missing = [str(path) for path in files if not path.is_file()]
            if missing:
                raise CommandError(f"No such file: {', '.join(missing)}.")
            try:
                result = retention.verify_files(files)
            except retention.RetentionError as error:
                raise CommandError(f"Audit trail BROKEN: {error}") from error
            where = ", ".join(str(path) for path in files)
        else:
            result = chain.verify(chain.database_rows(), start=chain.database_start())
            where = "the database"
        if not result.ok:
            raise CommandError(
                f"Audit trail BROKEN in {where} at {result.broken} "
                f"({result.checked} event(s) before it verified)."
            )
        for problem in retention.changed_since_written(files):
            raise CommandError(f"Audit trail BROKEN: {problem}")
        if options["head"]:
            self._check_head(options["head"])
        span = f"#{result.first_id}–#{result.last_id}" if result.checked else "no events"
        self.stdout.write(
            f"Audit trail intact in {where}: {result.checked} event(s) ({span}), "
            f"head {result.head}."
        )

    def _check_head(self, value: str) -> None:
        event_id, _, expected = value.partition(":")
        if not event_id.isdigit() or len(expected) != 64:
            raise CommandError("--head takes ID:HASH as the digest e-mail prints it.")
        from intake.audit.models import AuditEvent

        stored = AuditEvent.objects.filter(pk=int(event_id)).values_list("hash", flat=True).first()
        if stored is None and retention.is_archived(int(event_id)):
            raise CommandError(
                f"Event #{event_id} was archived and removed: verify its archive file with --file."
            )
        if stored is None:
            raise CommandError(
                f"Audit trail BROKEN: event #{event_id}, the head of an earlier digest, is gone."
            )
        if stored != expected:
            raise CommandError(
                f"Audit trail BROKEN: event #{event_id} no longer has the digest's hash "
                "(the chain was rewritten from there on)."
            )
