"""The daily audit digest: the chain's head (event id and hash), how many events there are, and
whether the chain verifies, e-mailed to ``AUDIT_DIGEST_RECIPIENTS`` (the clinic owner). Kept in
someone's mailbox, the head makes a later rewrite of the database visible:
``manage.py verify_audit --head ID:HASH`` fails once that event is gone or changed.

The e-mail names no client and no health answer: counts, ids and hashes only. Run it once a day
(``manage.py audit_digest`` from cron, or ``send_digest`` from a scheduler).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from intake.audit import chain
from intake.audit.models import AuditEvent

SUBJECT = "Audit trail digest, {day:%d %b %Y}: {state}"


def digest_context(now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    result = chain.verify(chain.database_rows(), start=chain.database_start())
    head = AuditEvent.objects.order_by("-id").values("id", "hash", "at").first()
    return {
        "now": now,
        "result": result,
        "head": head,
        "total": AuditEvent.objects.count(),
        "last_day": AuditEvent.objects.filter(at__gte=now - datetime.timedelta(days=1)).count(),
        "site_url": settings.SITE_URL,
    }


def send_digest(
    *, now: datetime.datetime | None = None, recipients: list[str] | None = None
) -> int:
    """Send the digest; return the number of recipients (0 when none is configured)."""
    recipients = settings.AUDIT_DIGEST_RECIPIENTS if recipients is None else recipients
    if not recipients:
        return 0
    context = digest_context(now)
    state = "intact" if context["result"].ok else "BROKEN"
    subject = SUBJECT.format(day=timezone.localtime(context["now"]), state=state)
    body = render_to_string("audit/digest_email.txt", context)
    send_mail(subject, body, None, list(recipients))
    return len(recipients)
