"""The urgent-intake e-mail: every active therapist and admin gets a link to the intake's summary
and nothing else about it (no name, no answer, no flag reason), once.

"Once" holds across retries, workers and the sweep: each send happens inside a transaction that
first inserts the recipient's ``UrgentIntakeEmail`` row (unique per intake and recipient). A
second attempt for the same pair waits on that row, then finds it and skips; a failed send rolls
the row back, so the next attempt sends it. The one window left is a process killed after the
mail server accepted the message and before the commit: that e-mail would be sent again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from intake.accounts.models import Role, User
from intake.jobs.models import UrgentIntakeEmail
from intake.referrals.alerts import absolute_url
from intake.submissions.models import FlagLevel, IntakeSubmission

logger = logging.getLogger(__name__)

#: How far back the sweep looks for urgent intakes whose e-mails were not all sent.
SWEEP_WINDOW = dt.timedelta(hours=24)


def recipients() -> list[tuple[int, str]]:
    """(user id, e-mail) of every active therapist and admin with an address."""
    return list(
        User.objects.filter(role__in=[Role.THERAPIST, Role.ADMIN], is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", "email")
    )


def send_urgent_emails(intake_id: int) -> int:
    """Send the e-mail to each staff member who has not had it for this intake; return how
    many were sent now. A mail server error propagates (the task retries)."""
    from intake.submissions.services import URGENT_BODY, URGENT_SUBJECT

    if not IntakeSubmission.objects.filter(pk=intake_id).exists():
        return 0
    url = absolute_url(reverse("intake_summary", kwargs={"intake_id": intake_id}))
    body = URGENT_BODY.format(url=url)
    sent = 0
    for user_id, email in recipients():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    UrgentIntakeEmail.objects.create(
                        intake_id=intake_id, recipient_id=user_id, sent_at=timezone.now()
                    )
            except IntegrityError:
                continue  # already sent
            send_mail(URGENT_SUBJECT, body, None, [email])
        sent += 1
    return sent


def unsent_intake_ids(now: dt.datetime | None = None) -> list[int]:
    """Urgent intakes submitted within ``SWEEP_WINDOW`` with fewer e-mails sent than there are
    staff to tell (their task was never queued, or gave up)."""
    now = now or timezone.now()
    staff = len(recipients())
    if not staff:
        return []
    return list(
        IntakeSubmission.objects.filter(
            status=IntakeSubmission.Status.SUBMITTED,
            flag_level=FlagLevel.URGENT,
            submitted_at__gte=now - SWEEP_WINDOW,
        )
        .annotate(sent=Count("urgent_emails", filter=Q(urgent_emails__recipient__is_active=True)))
        .filter(sent__lt=staff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
