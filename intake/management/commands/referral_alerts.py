"""E-mail the admins a digest: referrals expiring soon or nearly used up, and flagged intakes
not yet acted on. Meant for cron; running it again the same day sends nothing new.

Each item is logged in AlertLog (kind, key, day) under a unique constraint, so an item is sent
at most once a day. The e-mail holds ids, names, dates and counts, never the flag reasons or
other answers: staff open the linked page to read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from intake.accounts.models import Role, User
from intake.referrals import dashboard
from intake.referrals.models import AlertLog, Referral
from intake.submissions.models import FlagLevel, IntakeSubmission
from intake.templatetags.referrals_tags import expiry_text

SUBJECT = "Referral alerts for {day}"


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    line: str


def _url(path: str) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}"


def collect(today: dt.date) -> list[Item]:
    """Everything worth an alert today (before de-duplication)."""
    items: list[Item] = []
    for r in dashboard.expiring_soon(today):
        items.append(Item("expiring", str(r.pk),
                          f"Referral #{r.pk} ({r.client.full_name}, {r.physician.name}): "
                          f"{expiry_text(r.expires_in_days(today))} · "
                          f"{_url(r.get_absolute_url())}"))  # fmt: skip
    for r in dashboard.nearly_exhausted(today):
        items.append(Item("low_visits", str(r.pk),
                          f"Referral #{r.pk} ({r.client.full_name}, {r.physician.name}): "
                          f"{r.visits_remaining()} of {r.visits_authorized} visits left · "
                          f"{_url(r.get_absolute_url())}"))  # fmt: skip
    flagged = (
        IntakeSubmission.objects.filter(
            status=IntakeSubmission.Status.SUBMITTED,
            flag_level__in=[FlagLevel.URGENT, FlagLevel.PHYSICIAN],
            flags_acted_on_at__isnull=True,
        )
        .exclude(referrals__direction=Referral.Direction.OUTGOING)
        .select_related("client")
        .order_by("submitted_at", "id")
    )
    for intake in flagged:
        level = FlagLevel(intake.flag_level).label
        path = reverse("intake_summary", kwargs={"intake_id": intake.pk})
        items.append(Item("intake_flags", str(intake.pk),
                          f"Intake #{intake.pk} ({intake.client.full_name}): {level} flag, "
                          f"not yet acted on · {_url(path)}"))  # fmt: skip
    return items


def claim_new(items: list[Item], today: dt.date) -> list[Item]:
    """Log each item for today; return those not logged before (safe against a parallel run)."""
    new = []
    for item in items:
        try:
            with transaction.atomic():
                AlertLog.objects.create(kind=item.kind, key=item.key, day=today)
        except IntegrityError:
            continue
        new.append(item)
    return new


def digest(items: list[Item], today: dt.date) -> str:
    sections = [
        ("expiring", f"Referrals expiring within {dashboard.EXPIRING_DAYS} days"),
        ("low_visits", f"Referrals with {dashboard.LOW_VISITS} visits or fewer left"),
        ("intake_flags", "Intakes with urgent or see-a-physician flags not yet acted on"),
    ]
    parts = [f"Referral alerts for {today:%Y-%m-%d}."]
    for kind, title in sections:
        lines = [item.line for item in items if item.kind == kind]
        if lines:
            parts.append(f"\n{title} ({len(lines)}):\n" + "\n".join(f"- {x}" for x in lines))
    return "\n".join(parts) + "\n"


class Command(BaseCommand):
    help = "E-mail admins a digest of referrals expiring or nearly used up and flagged intakes."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--dry-run", action="store_true", help="Print, send and log nothing.")

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        items = collect(today)
        if options["dry_run"]:
            self.stdout.write(digest(items, today) if items else "Nothing to report.")
            return
        recipients = list(
            User.objects.filter(role=Role.ADMIN, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not recipients:
            self.stderr.write("No active admin with an e-mail address: nothing sent.")
            return
        with transaction.atomic():
            new = claim_new(items, today)
            if new:
                send_mail(SUBJECT.format(day=f"{today:%Y-%m-%d}"), digest(new, today),
                          None, recipients)  # fmt: skip
        self.stdout.write(f"{len(new)} new alert(s) sent to {len(recipients)} admin(s).")
