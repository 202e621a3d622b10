"""Referral display helpers (visits left, "expires in N days") and home-page panels."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from intake.referrals import dashboard
from intake.referrals.models import Referral

register = template.Library()

PANEL_SIZE = 5


def expiry_text(days: int | None) -> str:
    if days is None:
        return "no expiry date"
    if days == 0:
        return "expires today"
    if days < 0:
        return f"expired {-days} day{'s' if days != -1 else ''} ago"
    return f"expires in {days} day{'s' if days != 1 else ''}"


@register.filter
def expiry_label(referral: Referral, today: dt.date | None = None) -> str:
    """'expires in 3 days', 'expires today', 'expired 2 days ago' or 'no expiry date'."""
    return expiry_text(referral.expires_in_days(today or timezone.localdate()))


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
    remaining = referral.visits_remaining()
    if remaining is None:
        used = referral.visits_used()
        return f"{used} visit{'s' if used != 1 else ''} used (no limit)"
    return f"{remaining} of {referral.visits_authorized} visits left"


@register.inclusion_tag("referrals/panels/admin.html")
def admin_referrals_panel() -> dict:
    today = timezone.localdate()
    return {
        "expiring": list(dashboard.expiring_soon(today)[:PANEL_SIZE]),
        "exhausted": list(dashboard.nearly_exhausted(today)[:PANEL_SIZE]),
        "today": today,
        "expiring_days": dashboard.EXPIRING_DAYS,
        "low_visits": dashboard.LOW_VISITS,
    }


@register.inclusion_tag("referrals/panels/staff.html", takes_context=True)
def staff_referrals_panel(context) -> dict:  # noqa: ANN001
    today = timezone.localdate()
    return {
        "user": context.get("user"),
        "expiring": list(dashboard.expiring_soon(today)[:PANEL_SIZE]),
        "today": today,
        "expiring_days": dashboard.EXPIRING_DAYS,
    }


@register.inclusion_tag("referrals/panels/client.html")
def client_referrals_panel(client) -> dict:  # noqa: ANN001
    referrals = []
    if client is not None:
        referrals = list(
            Referral.objects.filter(client=client, direction=Referral.Direction.INCOMING)
            .with_visit_counts()
            .select_related("physician")
            .order_by("-referral_date", "-id")[:PANEL_SIZE]
        )
    return {"referrals": referrals, "today": timezone.localdate()}
