"""Intake workflows: start or resume a draft, save a step, submit (once), file the referral, tell
staff at once about an urgent intake, and bring stored flag levels up to the current rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import notifications, uploads
from intake.accounts.models import Client, User
from intake.outcomes.clinic import refresh_after_change
from intake.referrals.models import Physician, Referral, ReferralDocument, ReferralTransition
from intake.submissions import screening
from intake.submissions.letters import stored_letters
from intake.submissions.models import (
    EMERGENCY_CONTACT_FIELDS,
    HISTORY_FIELDS,
    SYMPTOM_FIELDS,
    FlagLevel,
    IntakeSubmission,
    SymptomMark,
)
from intake.submissions.selectors import latest_submitted_intake


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str


STEPS: tuple[Step, ...] = (
    Step(1, "about", _("About you")),
    Step(2, "body", _("Where you feel it")),
    Step(3, "symptoms", _("Your symptoms")),
    Step(4, "history", _("Health history")),
    Step(5, "safety", _("Safety questions")),
    Step(6, "referral", _("Physician referral")),
    Step(7, "consent", _("Consent")),
)
LAST_STEP = len(STEPS)
STEP_BY_NUMBER = {step.number: step for step in STEPS}

# Asked afresh on every intake although they sit on carried-over steps: consent to sensitive-area
# work is given for each intake, never carried over ticked; "first time?" is about this episode.
ASKED_AFRESH: tuple[str, ...] = ("consents_to_glute_work", "first_episode")
# Answers carried over from the client's last submitted intake into a new draft. Safety questions,
# consent and the referral are asked afresh each time.
CARRIED_OVER: tuple[str, ...] = tuple(
    field
    for field in (
        *EMERGENCY_CONTACT_FIELDS,
        *SYMPTOM_FIELDS,
        "symptoms_started_month_only",
        "psfs",
        *HISTORY_FIELDS,
    )
    if field not in ASKED_AFRESH
)


@dataclass(frozen=True)
class Guardian:
    """The parent or guardian who consents for a client under the age of majority."""

    name: str
    relationship: str
    signature: str


def needs_guardian(intake: IntakeSubmission) -> bool:
    """True when the client is under ``settings.AGE_OF_MAJORITY`` at the intake date."""
    age = screening.age_at_intake(intake)
    return age is not None and age < settings.AGE_OF_MAJORITY


class AlreadySubmitted(Exception):
    """The intake was submitted meanwhile (another tab, a double click): nothing was changed."""


def start_intake(*, client: Client) -> IntakeSubmission:
    """The client's open draft, or a new one pre-filled from their last submitted intake."""
    draft = client.intakes.filter(status=IntakeSubmission.Status.DRAFT).first()
    if draft is not None:
        return draft
    last = latest_submitted_intake(client=client)
    carried = {field: getattr(last, field) for field in CARRIED_OVER} if last else {}
    try:
        with transaction.atomic():
            intake = IntakeSubmission.objects.create(client=client, **carried)
            if last is not None:
                SymptomMark.objects.bulk_create(
                    SymptomMark(
                        intake=intake,
                        region=mark.region,
                        sensations=list(mark.sensations),
                        intensity=mark.intensity,
                    )
                    for mark in last.marks.all()
                )
    except IntegrityError:  # a second tab created the draft at the same moment
        return client.intakes.get(status=IntakeSubmission.Status.DRAFT)
    return intake


def _update_draft(intake: IntakeSubmission, step: int, fields: tuple[str, ...] = ()) -> None:
    """Write ``fields`` of ``intake`` and advance its step, in one UPDATE that only touches a
    draft: a submitted intake is never changed (AlreadySubmitted). The UPDATE locks the row, so a
    concurrent submit waits for it or makes it match nothing. One statement is atomic by itself,
    without the read and the transaction a SELECT FOR UPDATE would cost (issue 9)."""
    now = timezone.now()
    next_step = min(step + 1, LAST_STEP)
    updated = IntakeSubmission.objects.filter(
        pk=intake.pk, status=IntakeSubmission.Status.DRAFT
    ).update(
        **{name: getattr(intake, name) for name in fields},
        current_step=Greatest("current_step", Value(next_step)),
        updated_at=now,
    )
    if not updated:
        raise AlreadySubmitted
    intake.current_step = max(intake.current_step, next_step)
    intake.updated_at = now


def save_about(*, intake: IntakeSubmission, form) -> None:
    """Step 1: the client's own details (kept on their Client record) and their emergency
    contact (kept on the intake)."""
    form.save_contact()
    with transaction.atomic():
        _update_draft(intake, 1, EMERGENCY_CONTACT_FIELDS)
        client = form.save(commit=False)
        client.save(update_fields=[*form._meta.fields, "updated_at"])


def save_marks(*, intake: IntakeSubmission, marks: list[dict]) -> None:
    """Step 2: replace the draft's body-map marks."""
    with transaction.atomic():
        _update_draft(intake, 2)
        SymptomMark.objects.filter(intake=intake).delete()
        SymptomMark.objects.bulk_create(SymptomMark(intake=intake, **mark) for mark in marks)


def save_answers(*, intake: IntakeSubmission, form, step: int) -> None:
    """Steps 3-5: answers stored on the intake itself (``form.instance`` is ``intake``); only
    the step's columns are written, with ``answer_changes`` when a screened answer went from
    yes to no (``record_answers_changed_to_no``)."""
    form.save(commit=False)
    fields = tuple(form.intake_fields)
    with transaction.atomic():
        if record_answers_changed_to_no(intake, step, fields):
            fields += ("answer_changes",)
        _update_draft(intake, step, fields)


def record_answers_changed_to_no(intake: IntakeSubmission, step: int, fields) -> bool:
    """Append to ``intake.answer_changes`` (not saved) the screened answers among ``fields``
    that said yes when this step was last saved and say no on ``intake`` now; True when any
    did. Read from the locked row, so two tabs record a change once. Nothing is recorded the
    first time a step is saved: its answers then are blank, or pre-filled from the client's last
    intake (unticking those updates that intake's answer, it does not withdraw one given here).
    Call it inside a transaction, before writing the step's columns."""
    screened = [field for field in fields if field in screening.QUESTION_BY_FIELD]
    if not screened or intake.current_step <= step:
        return False
    stored = (
        IntakeSubmission.objects.select_for_update()
        .filter(pk=intake.pk, status=IntakeSubmission.Status.DRAFT)
        .values("answer_changes", *screened)
        .first()
    )
    changes = screening.changed_to_no(stored, intake, screened) if stored else []
    if changes:
        intake.answer_changes = [*(stored["answer_changes"] or []), *changes]
    return bool(changes)


def save_referral(*, intake: IntakeSubmission, form) -> None:
    """Step 6: keep the referral details on the draft; store new letter files privately (they
    replace the letter kept before; "not referred" drops it)."""
    old_letters = stored_letters(intake.referral_details or {})
    referred = form.cleaned_data["referred"]
    chosen = (form.cleaned_data.get("letter") or []) if referred else []
    stored: list[str] = []
    try:
        letters = []
        for upload, content_type in zip(chosen, form.letter_content_types, strict=True):
            name = uploads.store_upload(upload, content_type=content_type, folder="referrals")
            stored.append(name)
            letters.append(
                {
                    "name": name,
                    "original_name": upload.name[:255],
                    "content_type": content_type,
                    "size": upload.size,
                }
            )
        if referred and not chosen:
            letters = old_letters
        intake.referral_details = form.details(letters)
        _update_draft(intake, 6, ("referral_details",))
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    for old in old_letters:
        if old not in letters:
            name = old.get("name", "")
            transaction.on_commit(lambda name=name: default_storage.delete(name))


def submit_intake(
    *,
    intake: IntakeSubmission,
    signature: str,
    ip: str | None,
    user,
    guardian: Guardian | None = None,
    entered_by: User | None = None,
) -> tuple[IntakeSubmission, bool]:
    """Sign and lock the intake, store its flag level (with the rules version), file its
    referral, and (after commit) e-mail staff when it is urgent. Idempotent: returns (intake,
    submitted_now)."""
    with transaction.atomic():
        locked = IntakeSubmission.objects.select_for_update().get(pk=intake.pk)
        if locked.status == IntakeSubmission.Status.SUBMITTED:
            return locked, False
        now = timezone.now()
        locked.consent_given = True
        locked.consent_signature = signature
        locked.consent_signed_at = now
        locked.consent_ip = ip
        if guardian is not None:
            locked.guardian_name = guardian.name
            locked.guardian_relationship = guardian.relationship
            locked.guardian_signature = guardian.signature
        if entered_by is not None:  # staff typed the answers in for the client
            locked.entered_by = entered_by
        locked.status = IntakeSubmission.Status.SUBMITTED
        locked.submitted_at = now
        screening.stamp_flag_level(locked)
        locked.save()
        _file_referral(locked, user)
        refresh_after_change(client_id=locked.client_id)  # the clinic outcomes summary
        notifications.intake_received_after_commit(locked)  # the client's receipt (issue 19)
        if locked.flag_level == FlagLevel.URGENT:
            intake_id = locked.pk
            transaction.on_commit(lambda: notify_urgent_intake(intake_id), robust=True)
    return locked, True


URGENT_SUBJECT = "An intake needs attention"
URGENT_BODY = (
    "An intake submitted just now needs attention today.\n\n"
    "Open it here (log in first): {url}\n\n"
    "This e-mail holds no health details on purpose: read them on the intake summary.\n"
)


def notify_urgent_intake(intake_id: int) -> int:
    """E-mail every active therapist and admin a link to the intake's summary, and nothing else
    about it: no name, no answer, no flag reason. Queued for a worker (Celery), each recipient
    once however often it is tried (``intake.jobs.urgent``); returns how many were sent in this
    process (all of them without a broker, 0 when a worker sends them)."""
    from intake.jobs.tasks import queue_urgent_intake_email

    return queue_urgent_intake_email(intake_id)


def recompute_flag_levels(
    *, model: type[IntakeSubmission] = IntakeSubmission, batch_size: int = 500
) -> tuple[int, int]:
    """Recompute, with the current rules, the flag level of every submitted intake stored with
    an older ``RULES_VERSION``, in batches of ``batch_size``; returns (checked, changed).
    Running it again changes nothing. ``model`` may be a migration's historical model."""
    stale = (
        model.objects.filter(status="submitted", flag_rules_version__lt=screening.RULES_VERSION)
        .select_related("client")
        .prefetch_related("marks")
        .order_by("pk")
    )
    if hasattr(model, "clinic_answers"):  # a migration's older model has no clinic answers
        stale = stale.prefetch_related(screening.CLINIC_ANSWERS)
    checked = changed = last_pk = 0
    while batch := list(stale.filter(pk__gt=last_pk)[:batch_size]):
        for intake in batch:
            changed += screening.stamp_flag_level(intake, marks=intake.marks.all())
        with transaction.atomic():
            model.objects.bulk_update(batch, ["flag_level", "flag_rules_version"])
        checked += len(batch)
        last_pk = batch[-1].pk
    return checked, changed


def _file_referral(intake: IntakeSubmission, user) -> Referral | None:
    details = intake.referral_details or {}
    if not details.get("referred"):
        return None
    physician = None
    if details.get("physician_id"):
        physician = Physician.objects.filter(pk=details["physician_id"]).first()
    if physician is None:
        new = details.get("new_physician") or {}
        physician = Physician.objects.create(
            name=new.get("name") or "Unknown physician",
            practice=new.get("practice", ""),
            phone=new.get("phone", ""),
            fax=new.get("fax", ""),
            email=new.get("email", ""),
        )
    referral = Referral.objects.create(
        client=intake.client,
        physician=physician,
        intake=intake,
        direction=Referral.Direction.INCOMING,
        status=Referral.Status.RECEIVED,
        referral_date=datetime.date.fromisoformat(details["referral_date"]),
        reason=details.get("reason", ""),
        visits_authorized=details.get("visits_authorized"),
        expires_on=(
            datetime.date.fromisoformat(details["expires_on"])
            if details.get("expires_on")
            else None
        ),
        created_by=user,
    )
    ReferralTransition.objects.create(
        referral=referral,
        from_status="",
        to_status=Referral.Status.RECEIVED,
        by=user,
        note="Added by the client with their intake.",
    )
    for letter in stored_letters(details):  # one letter may be several files (pages)
        ReferralDocument.objects.create(
            referral=referral,
            file=letter["name"],
            original_name=letter["original_name"],
            content_type=letter["content_type"],
            size=letter["size"],
            uploaded_by=user,
        )
    return referral
