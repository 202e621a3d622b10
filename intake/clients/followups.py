"""Recording a safety follow-up: what the clinic told a client whose intake raised urgent or
see-a-physician flags, and what came of it (``SafetyFollowUp``).

A follow-up that reached the client takes the intake off the "needs attention" queue and the
daily digest (:func:`intake.clients.safety.awaiting_follow_up`); "could not reach" keeps it there.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from intake import audit
from intake.clients.models import SafetyFollowUp
from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission

#: A clock a few minutes fast on the phone that typed the time is not "in the future".
CLOCK_SKEW = dt.timedelta(minutes=5)
#: Outcomes that need a word more than the choice: what the client said, or why the answer was wrong.
DETAILS_REQUIRED = (SafetyFollowUp.Outcome.DECLINED, SafetyFollowUp.Outcome.ANSWER_WRONG)


#: A starting point for "advice given", in the record's voice, by the intake's level; the rules'
#: own advice for particular answers (a warm swollen calf...) follows it as the client read it.
LEVEL_ADVICE = {
    FlagLevel.URGENT: (
        "Advised to go to an emergency department today, or call the local emergency number, "
        "and to tell them about these answers. No massage until a doctor has seen them."
    ),
    FlagLevel.PHYSICIAN: (
        "Advised to see their physician before any massage treatment, and to bring back the "
        "physician's clearance or a referral."
    ),
}


def suggested_advice(intake: IntakeSubmission) -> str:
    """What the form's "advice given" starts with for this intake (the therapist edits it)."""
    flags = screening.flags_for(intake, marks=list(intake.marks.all()))
    parts = [LEVEL_ADVICE.get(screening.highest_level(flags), "")]
    parts += [f"Also told: {advice}" for advice in screening.client_advice(flags)]
    return "\n\n".join(part for part in parts if part)


def validate(
    *, intake: IntakeSubmission, contacted_at: dt.datetime, outcome: str, details: str
) -> dict[str, str]:
    """Field errors for a follow-up of ``intake`` (empty when it can be recorded)."""
    errors = {}
    if contacted_at > timezone.now() + CLOCK_SKEW:
        errors["contacted_at"] = "The contact time is in the future: give when it happened."
    elif contacted_at < intake.created_at - CLOCK_SKEW:
        errors["contacted_at"] = "The contact time is before the client started this intake."
    if outcome in DETAILS_REQUIRED and not details.strip():
        errors["details"] = "Say a little more for this outcome: what the client said or decided."
    return errors


@transaction.atomic
def record_follow_up(
    *,
    intake: IntakeSubmission,
    by,  # noqa: ANN001 (a staff User)
    contacted_at: dt.datetime,
    method: str,
    advice: str,
    outcome: str,
    details: str = "",
    request=None,  # noqa: ANN001 (for the audit event's address)
) -> SafetyFollowUp:
    """Store one follow-up of ``intake`` by ``by`` (a therapist or an admin) and audit it."""
    if not getattr(by, "is_clinic_staff", False):
        raise PermissionDenied("Only therapists and admins record safety follow-ups.")
    errors = validate(intake=intake, contacted_at=contacted_at, outcome=outcome, details=details)
    if not advice.strip():
        errors["advice"] = "Write the advice the client was given."
    if errors:
        raise ValidationError(errors)
    follow_up = SafetyFollowUp.objects.create(
        intake=intake,
        recorded_by=by,
        contacted_at=contacted_at,
        method=method,
        advice=advice.strip(),
        outcome=outcome,
        details=details.strip(),
    )
    audit.record_on(request, audit.Action.CREATE, follow_up, user=by)
    return follow_up
