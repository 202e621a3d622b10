"""Referral display filters: visits left, "expires in N days" and its colour.

Pure presentation: the wording is the referral's own (``Referral.visits_label``,
``Referral.expiry_label``, also read by the alert e-mail); nothing here queries beyond what the
referral itself does when its visit count was not annotated.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from intake.referrals import dashboard
from intake.referrals.models import Referral

register = template.Library()


@register.filter
def expiry_label(referral: Referral, today: dt.date | None = None) -> str:
    """'expires in 3 days', 'expires today', 'expired 2 days ago' or 'no expiry date'."""
    return referral.expiry_label(today or timezone.localdate())


@register.filter
def expiry_css(referral: Referral, today: dt.date | None = None) -> str:
    """A Bootstrap text class: red when expired, amber within 14 days."""
    days = referral.expires_in_days(today or timezone.localdate())
    if days is None:
        return "text-body-secondary"
    if days < 0:
        return "text-danger"
    return "text-warning-emphasis" if days <= dashboard.EXPIRING_DAYS else ""


@register.filter
def visits_label(referral: Referral) -> str:
    """'3 of 6 visits left' or '2 visits used (no limit)'."""
    return referral.visits_label()
