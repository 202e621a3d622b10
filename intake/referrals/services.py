"""Referral workflows: status transitions (kept as history), outgoing letters from an intake,
physician merges, and the check a session note passes before it counts against a referral.

Allowed transitions (anything else is refused, nothing changes):

- incoming: received → verified → active → completed. A referral can be cancelled from received,
  verified or active, and marked expired from received, verified or active (the paper ran out
  before or during treatment). completed, expired and cancelled are final.
- outgoing: draft → sent → acknowledged → closed; a draft or a sent letter can also be closed
  (abandoned, or the physician never answered). closed is final.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from intake import body_map
from intake.referrals import letters
from intake.referrals.models import Physician, Referral, ReferralTransition
from intake.submissions import screening

S = Referral.Status

TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Referral.Direction.INCOMING: {
        S.RECEIVED: (S.VERIFIED, S.CANCELLED, S.EXPIRED),
        S.VERIFIED: (S.ACTIVE, S.CANCELLED, S.EXPIRED),
        S.ACTIVE: (S.COMPLETED, S.EXPIRED, S.CANCELLED),
        S.COMPLETED: (),
        S.EXPIRED: (),
        S.CANCELLED: (),
    },
    Referral.Direction.OUTGOING: {
        S.DRAFT: (S.SENT, S.CLOSED),
        S.SENT: (S.ACKNOWLEDGED, S.CLOSED),
        S.ACKNOWLEDGED: (S.CLOSED,),
        S.CLOSED: (),
    },
}

INITIAL_STATUS: dict[str, str] = {
    Referral.Direction.INCOMING: S.RECEIVED,
    Referral.Direction.OUTGOING: S.DRAFT,
}

#: Statuses per direction, in lifecycle order (for filters and forms).
STATUSES_BY_DIRECTION: dict[str, tuple[str, ...]] = {
    direction: tuple(moves) for direction, moves in TRANSITIONS.items()
}


def allowed_transitions(referral: Referral) -> tuple[str, ...]:
    """Statuses ``referral`` may move to next."""
    return TRANSITIONS.get(referral.direction, {}).get(referral.status, ())


def _require_admin(user) -> None:  # noqa: ANN001
    if not getattr(user, "is_admin_role", False):
        raise PermissionDenied("Only an admin can change referrals.")


def record_transition(*, referral: Referral, from_status: str, by, note: str = "") -> None:  # noqa: ANN001
    ReferralTransition.objects.create(
        referral=referral, from_status=from_status, to_status=referral.status, by=by, note=note
    )


@transaction.atomic
def transition(*, referral: Referral, to_status: str, by, note: str = "") -> Referral:  # noqa: ANN001
    """Move ``referral`` to ``to_status`` if the lifecycle allows it; record who and when."""
    _require_admin(by)
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    allowed = allowed_transitions(locked)
    if to_status not in allowed:
        current = locked.get_status_display().lower()
        target = dict(S.choices).get(to_status, str(to_status)).lower()
        options = ", ".join(dict(S.choices)[s].lower() for s in allowed) or "none (it is final)"
        raise ValidationError(
            f"A {locked.direction} referral cannot go from {current} to {target}. "
            f"Allowed next: {options}.",
            code="illegal_transition",
        )
    from_status = locked.status
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    record_transition(referral=locked, from_status=from_status, by=by, note=note.strip())
    referral.status, referral.updated_at = locked.status, locked.updated_at
    return locked


@transaction.atomic
def create_referral(*, referral: Referral, by) -> Referral:  # noqa: ANN001
    """Save a new referral (from the form) in its direction's first status, with history."""
    _require_admin(by)
    referral.status = INITIAL_STATUS[referral.direction]
    referral.created_by = by
    referral.save()
    record_transition(referral=referral, from_status="", by=by, note="Created.")
    return referral


# --------------------------------------------------------------------------- outgoing letters


def symptom_summary(marks) -> list[str]:  # noqa: ANN001
    """One plain line per symptom mark: region, sensations and intensity."""
    labels = dict(body_map.region_choices())
    lines = []
    for mark in marks:
        sensations = ", ".join(mark.sensations or []) or "symptoms"
        lines.append(f"{labels.get(mark.region, mark.region)}: {sensations} ({mark.intensity}/10)")
    return lines


def letter_text_for_intake(intake, *, physician: Physician, marks=None) -> str:  # noqa: ANN001
    """The pre-filled body of an outgoing referral letter: greeting, flags and symptoms, no
    diagnosis; no closing (the PDF prints it after the flags, before the signature)."""
    marks = list(intake.marks.all()) if marks is None else list(marks)
    flags = screening.flags_for(intake, marks=marks)
    client = intake.client
    lines = [
        letters.greeting(physician.name),
        "",
        f"We are writing about our client {client.full_name}, who completed our intake "
        f"questionnaire on {(intake.submitted_at or timezone.now()):%d %b %Y}. Some of their "
        "answers call for a physician's assessment before massage therapy, so we are asking "
        "you to see them. We do not diagnose; we report what the client told us.",
        "",
    ]
    if flags:
        lines.append("Answers that raised a safety flag:")
        lines += [f"- {flag.label}: {flag.reason}" for flag in flags]
        lines.append("")
    if intake.main_complaint:
        lines += [f"In the client's words: {intake.main_complaint}", ""]
    summary = symptom_summary(marks)
    if summary:
        lines.append("Where the client reports symptoms (see the body map):")
        lines += [f"- {line}" for line in summary]
        lines.append("")
    lines.append(
        "We will not treat until we hear from you, and we would welcome any guidance on "
        "precautions if massage therapy is appropriate."
    )
    # The PDF adds the safety screening answers, then the closing and the signature.
    return "\n".join(lines)


@transaction.atomic
def create_outgoing_from_intake(*, intake, physician: Physician, by) -> Referral:  # noqa: ANN001
    """A draft outgoing referral for ``intake``'s client, its letter pre-filled. It does not take
    the intake off the "needs attention" queue: only a safety follow-up does."""
    _require_admin(by)
    referral = Referral(
        client=intake.client,
        physician=physician,
        intake=intake,
        direction=Referral.Direction.OUTGOING,
        referral_date=timezone.localdate(),
        reason="Safety screening answers call for a physician's assessment.",
        letter_text=letter_text_for_intake(intake, physician=physician),
    )
    create_referral(referral=referral, by=by)
    return referral


# --------------------------------------------------------------------------- physicians

_MERGE_FILL = ("practice", "phone", "fax", "email", "address", "licence_number")


@transaction.atomic
def merge_physicians(*, survivor: Physician, duplicate: Physician, by) -> Physician:  # noqa: ANN001
    """Move every referral of ``duplicate`` to ``survivor``, fill the survivor's blank contact
    fields from the duplicate, then delete the duplicate."""
    _require_admin(by)
    if survivor.pk == duplicate.pk:
        raise ValidationError("A physician cannot be merged into itself.", code="self_merge")
    from intake import audit
    from intake.submissions.models import IntakeSubmission

    Referral.objects.filter(physician=duplicate).update(physician=survivor)
    # Draft intakes that picked the duplicate keep pointing at a physician that exists.
    for intake in IntakeSubmission.objects.filter(
        status=IntakeSubmission.Status.DRAFT, referral_details__physician_id=duplicate.pk
    ):
        intake.referral_details = {**intake.referral_details, "physician_id": survivor.pk}
        intake.save(update_fields=["referral_details"])
    changed = [f for f in _MERGE_FILL if not getattr(survivor, f) and getattr(duplicate, f)]
    for field in changed:
        setattr(survivor, field, getattr(duplicate, field))
    if changed:
        survivor.save(update_fields=changed)
    duplicate_id = duplicate.pk
    duplicate.delete()
    audit.record(None, audit.Action.CHANGE, obj=survivor, user=by,
                 detail=f"merged physician #{duplicate_id} into this one")  # fmt: skip
    return survivor
