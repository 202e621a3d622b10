"""E-mail the admins a digest of referrals expiring or nearly used up and flagged intakes.

Meant for cron, once a day; the work is in ``intake.referrals.alerts``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from intake.referrals import alerts


class Command(BaseCommand):
    help = "E-mail admins a digest of referrals expiring or nearly used up and flagged intakes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print, send and log nothing.")

    def handle(self, *args: object, **options: object) -> None:
        today = timezone.localdate()
        if options["dry_run"]:
            items = alerts.collect(today)
            self.stdout.write(alerts.digest(items, today) if items else "Nothing to report.")
            return
        recipients = alerts.admin_recipients()
        if not recipients:
            self.stderr.write("No active admin with an e-mail address: nothing sent.")
            return
        sent = alerts.send_digest(today=today, recipients=recipients)
        self.stdout.write(f"{sent} new alert(s) sent to {len(recipients)} admin(s).")
