"""The admins' daily alert digest: referrals expiring soon or nearly used up, and flagged intakes
not yet acted on. The ``referral_alerts`` command (for cron) runs it; running it again the same
day sends nothing new.

Each item is logged in AlertLog (kind, key, day) under a unique constraint, so an item is sent
at most once a day. The e-mail holds ids, names, dates and counts, never the flag reasons or
other answers: staff open the linked page (an absolute link, from ``settings.SITE_URL``) to read
them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from intake.accounts.models import Role, User
from intake.clients.safety import awaiting_follow_up
from intake.referrals import dashboard
from intake.referrals.models import AlertLog, Referral
from intake.submissions.models import FlagLevel, IntakeSubmission

SUBJECT = "Referral alerts for {day:%Y-%m-%d}"
SECTIONS = (
    ("expiring", f"Referrals expiring within {dashboard.EXPIRING_DAYS} days"),
    ("low_visits", f"Referrals with {dashboard.LOW_VISITS} visits or fewer left"),
    ("intake_flags", "Intakes with urgent or see-a-physician flags and no safety follow-up yet"),
)


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    line: str


def absolute_url(path: str) -> str:
    """``path`` on the site's public address, for links read outside the site (e-mail)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _referral_line(referral: Referral, status: str) -> str:
    return (
        f"Referral #{referral.pk} ({referral.client.full_name}, {referral.physician.name}): "
        f"{status} · {absolute_url(referral.get_absolute_url())}"
    )


def _flagged_intakes() -> list[IntakeSubmission]:
    """Submitted intakes with an urgent or see-a-physician flag and no safety follow-up that
    reached the client (a letter to a physician is not one)."""
    return list(
        awaiting_follow_up(
            IntakeSubmission.objects.filter(status=IntakeSubmission.Status.SUBMITTED)
        )
        .select_related("client")
        .order_by("submitted_at", "id")
    )


def collect(today: dt.date) -> list[Item]:
    """Everything worth an alert today (before de-duplication)."""
    items = [
        Item("expiring", str(r.pk), _referral_line(r, r.expiry_label(today)))
        for r in dashboard.expiring_soon(today)
    ]
    items += [
        Item("low_visits", str(r.pk), _referral_line(r, r.visits_label()))
        for r in dashboard.nearly_exhausted(today)
    ]
    for intake in _flagged_intakes():
        level = FlagLevel(intake.flag_level).label
        path = reverse("intake_summary", kwargs={"intake_id": intake.pk})
        line = (
            f"Intake #{intake.pk} ({intake.client.full_name}): {level} flag, "
            f"no safety follow-up yet · {absolute_url(path)}"
        )
        items.append(Item("intake_flags", str(intake.pk), line))
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
    """The e-mail's text: one section per kind of alert, empty sections left out."""
    parts = [f"Referral alerts for {today:%Y-%m-%d}."]
    for kind, title in SECTIONS:
        lines = [item.line for item in items if item.kind == kind]
        if lines:
            parts.append(f"\n{title} ({len(lines)}):\n" + "\n".join(f"- {x}" for x in lines))
    return "\n".join(parts) + "\n"


def admin_recipients() -> list[str]:
    """The e-mail addresses of the active admins."""
    return list(
        User.objects.filter(role=Role.ADMIN, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def send_digest(*, today: dt.date, recipients: list[str]) -> int:
    """Mail ``recipients`` the items not yet sent today; return how many were new.

    The log rows and the e-mail go together: if sending fails, nothing is logged as sent.
    """
    with transaction.atomic():
        new = claim_new(collect(today), today)
        if new:
            send_mail(SUBJECT.format(day=today), digest(new, today), None, recipients)
    return len(new)
