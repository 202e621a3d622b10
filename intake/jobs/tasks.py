"""Celery tasks. Each is safe to run twice (a redelivered message, a retry, the beat's sweep):
what it sends is recorded in the same transaction as the send."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import Retry
from celery.result import EagerResult
from django.utils import timezone
from kombu.exceptions import OperationalError

from intake.audit import digest
from intake.jobs import urgent
from intake.referrals import alerts

logger = logging.getLogger(__name__)

#: A mail server that refuses, times out or is unreachable: smtplib's errors are OSErrors.
MAIL_ERRORS = (OSError,)
RETRY = {
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": 15,  # 15 s, 30 s, 60 s, … (with jitter), at most 10 minutes apart
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(**RETRY)
def email_urgent_intake(intake_id: int) -> int:
    """E-mail staff a link to an urgent intake (each of them once)."""
    return urgent.send_urgent_emails(intake_id)


@shared_task
def send_pending_urgent_emails() -> int:
    """The beat's sweep: queue the e-mail of every recent urgent intake not sent to all staff."""
    pending = urgent.unsent_intake_ids()
    for intake_id in pending:
        email_urgent_intake.delay(intake_id)
    return len(pending)


@shared_task(**RETRY)
def send_referral_alerts() -> int:
    """The admins' daily digest (as ``manage.py referral_alerts``); new items only."""
    recipients = alerts.admin_recipients()
    if not recipients:
        logger.warning("Referral alerts: no active admin with an e-mail address")
        return 0
    return alerts.send_digest(today=timezone.localdate(), recipients=recipients)


@shared_task(**RETRY)
def send_audit_digest() -> int:
    """The daily e-mail of the audit chain's head to the clinic owner (as ``manage.py
    audit_digest``); a repeat only repeats the same head."""
    return digest.send_digest()


def queue_urgent_intake_email(intake_id: int) -> int:
    """Queue the urgent-intake e-mail; if the broker cannot be reached, send it from this
    process instead (still once). Returns how many were sent here (0 when a worker will)."""
    try:
        result = email_urgent_intake.delay(intake_id)
    except OperationalError:
        logger.warning("Task broker unreachable: sending the urgent-intake e-mail in-process")
        return urgent.send_urgent_emails(intake_id)
    except Retry as retry:  # no broker (eager): nothing would retry it, so say what failed
        raise (retry.exc or retry) from None
    return result.get() if isinstance(result, EagerResult) else 0
