"""E-mail the audit chain's head to AUDIT_DIGEST_RECIPIENTS (cron, once a day); the work is in
``intake.audit.digest``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.template.loader import render_to_string

from intake.audit import digest


class Command(BaseCommand):
    help = "E-mail the audit trail's chain head (and whether it verifies) to the clinic owner."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the e-mail; send nothing."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["dry_run"]:
            self.stdout.write(render_to_string("audit/digest_email.txt", digest.digest_context()))
            return
        sent = digest.send_digest()
        if not sent:
            self.stderr.write("AUDIT_DIGEST_RECIPIENTS is empty: nothing sent.")
            return
        self.stdout.write(f"Audit digest sent to {sent} recipient(s).")
