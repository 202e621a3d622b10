"""Session-note workflows: save a draft, sign it (locks it for good), add an addendum.

Every function re-checks its rules inside a transaction with the note row locked, so two
requests racing (a save and a sign, two signs) cannot both win.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from intake import body_map
from intake.clients.safety import SafetySummary, safety_summary
from intake.notes.models import Addendum, SessionNote
from intake.outcomes.clinic import refresh_after_change
from intake.referrals.models import Referral
from intake.submissions.screening import FlagLevel

#: Regions whose treatment needs the client's explicit sensitive-area consent (CLINICAL.md:
#: "treatment of sensitive areas (glutes included) needs the client's explicit consent").
SENSITIVE_REGIONS: frozenset[str] = (
    body_map.regions_tagged("buttock")
    | body_map.regions_tagged("groin")
    | body_map.regions_tagged("chest")
)
#: Incoming referral statuses that count as a physician's clearance on file.
CLEARING_STATUSES = frozenset({Referral.Status.VERIFIED, Referral.Status.ACTIVE})


class NoteRuleError(ValidationError):
    """A workflow rule refused the change; the message is for the person who tried."""


def visits_used(referral: Referral, *, exclude_note_id: int | None = None) -> int:
    """Signed notes linked to ``referral``: each counts as one visit."""
    notes = SessionNote.objects.filter(referral=referral, signed_at__isnull=False)
    if exclude_note_id is not None:
        notes = notes.exclude(pk=exclude_note_id)
    return notes.count()


def referral_problem(
    referral: Referral, *, visit_date: dt.date, exclude_note_id: int | None = None
) -> str:
    """Why ``referral`` cannot cover a visit on ``visit_date``; ``""`` when it can.

    The rules live on the referral (``Referral.is_usable_for_visit``). Only signed notes count
    as visits, and a note is checked before it is signed, so it never counts against itself;
    ``exclude_note_id`` guards the case of a signed note anyway.
    """
    if exclude_note_id is not None and referral.visits_authorized is not None:
        referral = copy.copy(referral)  # count without this note, on a copy
        referral.visits_used_count = visits_used(referral, exclude_note_id=exclude_note_id)
    usable, reason = referral.is_usable_for_visit(today=visit_date)
    return "" if usable else reason


def validate_note(note: SessionNote) -> None:
    """The rules a note must meet to be saved or signed (the form checks the same, field by field)."""
    errors: dict[str, str] = {}
    if note.visit_date and note.visit_date > timezone.localdate():
        errors["visit_date"] = "The visit date cannot be in the future."
    if note.duration_minutes is None or note.duration_minutes <= 0:
        errors["duration_minutes"] = "The duration must be a positive number of minutes."
    for field in ("pain_before", "pain_after"):
        value = getattr(note, field)
        if value is not None and not 0 <= value <= 10:
            errors[field] = "Pain is rated from 0 to 10."
    if note.referral_id and note.referral.client_id != note.client_id:
        errors["referral"] = "That referral belongs to another client."
    if errors:
        raise NoteRuleError(errors)


def clears(referral: Referral | None) -> bool:
    """Whether ``referral`` is a physician's clearance on file: incoming, verified or active."""
    return (
        referral is not None
        and referral.direction == Referral.Direction.INCOMING
        and referral.status in CLEARING_STATUSES
    )


def consent_problem(safety: SafetySummary, regions: Iterable[str]) -> str:
    """Why treating ``regions`` needs a stated reason (consent or areas to avoid); ``""`` if not.

    Areas to avoid are free text, which cannot be matched to regions reliably: any region treated
    while the client listed some asks the therapist to confirm with a reason."""
    regions = set(regions)
    sensitive = regions & SENSITIVE_REGIONS
    reasons = []
    if sensitive and not safety.consents_to_glute_work:
        labels = ", ".join(body_map.labels_for(sensitive))
        reasons.append(f"no sensitive-area consent on file ({labels})")
    if regions and safety.avoid_areas:
        reasons.append(f"the client asked to avoid: {safety.avoid_areas}")
    if not reasons:
        return ""
    return f"Give your reason to treat: {'; and '.join(reasons)}."


def safety_gate_errors(
    *,
    safety: SafetySummary,
    treatment_given: bool,
    advice_given: str,
    regions: Iterable[str],
    referral: Referral | None,
    clearance_reason: str,
    consent_reason: str,
) -> dict[str, str]:
    """The one place of the rules the client's flags on the visit date set for a note (issue 13),
    as ``{field: message}``; empty when the note may be signed. The note form and ``sign_note``
    both call it.

    - urgent: only a "no treatment given, client advised" record, with no region treated;
    - see a physician: a clearance (a linked incoming referral, verified or active, or a reason);
    - a sensitive region without consent, or any region while areas to avoid are listed: a reason.
    """
    regions = list(regions)
    errors: dict[str, str] = {}
    if not treatment_given:
        if not (advice_given or "").strip():
            errors["advice_given"] = "Record the advice given to the client."
        if regions:
            errors["treated_regions"] = "No treatment was given: untick the regions treated."
        return errors
    if safety.is_urgent:
        errors["treatment_given"] = (
            "The client has an urgent flag: no treatment note can be signed. Tick "
            "'No treatment given, client advised' and record the advice given."
        )
        return errors
    physician = any(flag.level == FlagLevel.PHYSICIAN for flag in safety.flags)
    if physician and not clears(referral) and not (clearance_reason or "").strip():
        errors["clearance_reason"] = (
            "The client has a see-a-physician flag: link a verified or active referral, "
            "or give your reason to treat without it."
        )
    problem = consent_problem(safety, regions)
    if problem and not (consent_reason or "").strip():
        errors["consent_reason"] = problem
    return errors


def note_gate_errors(note: SessionNote, *, safety: SafetySummary | None = None) -> dict[str, str]:
    """:func:`safety_gate_errors` for a saved note (the flags of its visit date unless given)."""
    if safety is None:
        safety = safety_summary(client=note.client, on=note.visit_date)
    return safety_gate_errors(
        safety=safety,
        treatment_given=note.treatment_given,
        advice_given=note.advice_given,
        regions=note.regions_treated or (),
        referral=note.referral if note.referral_id else None,
        clearance_reason=note.clearance_reason,
        consent_reason=note.consent_reason,
    )


def check_safety_gates(note: SessionNote, *, safety: SafetySummary | None = None) -> None:
    """Raise :class:`NoteRuleError` when ``note`` breaks a safety gate (flags of its visit date)."""
    errors = note_gate_errors(note, safety=safety)
    if errors:
        raise NoteRuleError(errors)


def _check_referral(note: SessionNote) -> None:
    if not note.referral_id or note.referral_override_by_id:
        return
    problem = referral_problem(note.referral, visit_date=note.visit_date, exclude_note_id=note.pk)
    if problem:
        raise NoteRuleError(
            {"referral": f"{problem} Choose another referral, none, or ask an admin to override."}
        )


def record_override(*, note: SessionNote, admin, reason: str) -> None:
    """Mark that an admin linked the note to a referral that would otherwise be refused."""
    if not admin.is_admin_role:
        raise PermissionDenied("Only an admin can override a referral check.")
    if not reason.strip():
        raise NoteRuleError({"referral_override_reason": "Give the reason for the override."})
    note.referral_override_by = admin
    note.referral_override_reason = reason.strip()
    note.referral_override_at = timezone.now()


@transaction.atomic
def save_draft(*, note: SessionNote, editor) -> SessionNote:
    """Create or update a draft note written by ``editor`` (who becomes/ must be its author)."""
    if note.pk is None:
        note.therapist = editor
    else:
        current = SessionNote.objects.select_for_update().get(pk=note.pk)
        if current.is_signed:
            raise NoteRuleError("This note is signed and locked; add an addendum instead.")
        if current.therapist_id != editor.pk:
            raise PermissionDenied("Only the author can edit a draft note.")
        note.therapist_id = current.therapist_id
        note.signed_at = None
    if not note.referral_id:
        note.referral_override_by = None
        note.referral_override_reason = ""
        note.referral_override_at = None
    validate_note(note)
    _check_referral(note)
    note.save()
    return note


@transaction.atomic
def sign_note(*, note: SessionNote, therapist) -> SessionNote:
    """Sign ``note`` as its author. A signed note is locked forever and counts as one visit."""
    locked = SessionNote.objects.select_for_update().get(pk=note.pk)
    if locked.therapist_id != therapist.pk:
        raise PermissionDenied("Only the author can sign a note.")
    if locked.is_signed:
        raise NoteRuleError("This note is already signed.")
    validate_note(locked)
    if locked.referral_id:
        # Lock the referral too, so two notes cannot both take its last visit.
        locked.referral = Referral.objects.select_for_update().get(pk=locked.referral_id)
        _check_referral(locked)
    check_safety_gates(locked)
    locked.signed_at = timezone.now()
    locked.save(update_fields=["signed_at", "updated_at"])
    note.signed_at = locked.signed_at
    refresh_after_change(client_id=locked.client_id)  # the clinic outcomes summary
    return locked


@transaction.atomic
def add_addendum(*, note: SessionNote, author, text: str) -> Addendum:
    """Append a correction or late entry to a signed note; the note itself never changes."""
    locked = SessionNote.objects.select_for_update().get(pk=note.pk)
    if not getattr(author, "is_clinic_staff", False):
        raise PermissionDenied("Only clinic staff can add an addendum.")
    if not locked.is_signed:
        raise NoteRuleError("Addenda are for signed notes; edit the draft instead.")
    text = (text or "").strip()
    if not text:
        raise NoteRuleError({"text": "Write the addendum text."})
    return Addendum.objects.create(note=locked, author=author, text=text)
