"""One factory per model: plain functions that build a complete, typical record, with keyword
traits for the variants tests need (``make_referral(..., outgoing=True)``,
``make_intake(..., flagged=True)``). Any field can be overridden by keyword.

Where the app has a service that builds the record, the factory goes through it, so tests see
what the app stores: a submitted intake is signed by ``submit_intake`` (which computes its flag
level), a handout is started by ``start_handout``. Fixtures in ``tests/conftest.py`` and
``tests/fixtures/`` call these; tests import them from here.

Model imports sit inside the functions: this module is imported before Django is set up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils import timezone

PASSWORD = "pass-Word-123!"

# ---------------------------------------------------------------- accounts


def make_user(email: str, *, role: str = "therapist", first: str = "Tess", last: str = "Healer",
              **fields):  # fmt: skip
    """A user who can log in with ``PASSWORD``; a therapist unless ``role`` says otherwise."""
    from intake.accounts.models import User

    return User.objects.create_user(
        email=email, password=PASSWORD, role=role, first_name=first, last_name=last, **fields
    )


def make_client(email: str, first: str, last: str, dob: str = "1980-02-03", **fields):
    """A client record with its own login (role ``client``)."""
    from intake.accounts.models import Client

    born = dt.date.fromisoformat(dob) if isinstance(dob, str) else dob  # a date, as when read back
    values = {"first_name": first, "last_name": last, "email": email, "date_of_birth": born,
              "phone": "555-0101"}  # fmt: skip
    values.update(fields)
    user = make_user(email, role="client", first=first, last=last)
    return Client.objects.create(user=user, **values)


# ---------------------------------------------------------------- intakes


def make_intake(
    client,
    *,
    submitted: bool = True,
    flagged: bool = False,
    marks: Iterable[tuple[str, list[str], int]] | None = None,
    when: dt.datetime | None = None,
    **answers,
):
    """An intake at its last step, with one marked region (``marks``: region, sensations,
    intensity), signed through ``submit_intake`` unless ``submitted=False`` (a draft).

    ``flagged``: a see-a-physician answer (cancer history), a caution one (blood thinners) and
    two marked leg regions, submitted three days ago. ``when``: the submission time.
    """
    from intake import body_map
    from intake.submissions.models import HISTORY_YES_NO, IntakeSubmission, SymptomMark
    from intake.submissions.screening import SAFETY_QUESTIONS
    from intake.submissions.services import submit_intake

    if flagged:
        answers = {"main_complaint": "Leg pain", "cancer_history": True,
                   "takes_blood_thinners": True, "current_pain": 7, **answers}  # fmt: skip
        marks = marks if marks is not None else [("calf_l", ["tingling"], 5),
                                                 ("buttock_l", ["pain"], 6)]  # fmt: skip
        when = when or timezone.now() - dt.timedelta(days=3)
    answers.setdefault("main_complaint", "Sore lower back")
    for question in SAFETY_QUESTIONS:  # answered "no" unless given: the draft is at its last step
        if not question.only_if:
            answers.setdefault(question.field, False)
    for field in HISTORY_YES_NO:  # so are the health history's yes/no questions (issue 19)
        answers.setdefault(field, False)
    intake = IntakeSubmission.objects.create(client=client, current_step=7, **answers)
    for region, sensations, intensity in (
        marks if marks is not None else [("lower_back_l", ["aching"], 5)]
    ):
        assert region in body_map.REGION_BY_CODE, region
        SymptomMark.objects.create(
            intake=intake, region=region, sensations=sensations, intensity=intensity
        )
    if not submitted:
        return intake
    intake, _ = submit_intake(intake=intake, signature=client.full_name, ip=None, user=client.user)
    if when is not None:
        IntakeSubmission.objects.filter(pk=intake.pk).update(
            submitted_at=when, consent_signed_at=when
        )
        intake.submitted_at = intake.consent_signed_at = when
    return intake


def make_follow_up(intake, by=None, *, outcome: str = "physician", **fields):
    """A safety follow-up of ``intake``, by ``by`` (default: a new admin), contacted just now."""
    from intake.accounts.models import User
    from intake.clients.models import SafetyFollowUp

    if by is None:
        by = User.objects.filter(role="admin").first() or make_user(
            "followup-admin@example.org", role="admin", first="Ada", last="Office"
        )
    values = {"contacted_at": timezone.now(), "method": "phone", "advice": "See your doctor today."}
    values.update(fields)
    return SafetyFollowUp.objects.create(intake=intake, recorded_by=by, outcome=outcome, **values)


# ---------------------------------------------------------------- referrals and physicians


def make_physician(name: str = "Dr. Paula Grant", **fields):
    from intake.referrals.models import Physician

    values = {"practice": "Elm Clinic", "phone": "555-0199", "fax": "555-0198"}
    values.update(fields)
    return Physician.objects.create(name=name, **values)


def make_referral(client, physician=None, *, outgoing: bool = False, **fields):
    """A referral with its first transition recorded, from or to ``physician`` (by default
    Dr. Paula Grant, created once).

    Incoming (default): received, dated 30 days ago, 6 visits, expiring in 30 days.
    ``outgoing=True``: a draft letter dated today, with no visits or expiry.
    """
    from intake.referrals.models import Physician, Referral, ReferralTransition

    if physician is None:
        physician = Physician.objects.filter(name="Dr. Paula Grant").first() or make_physician()
    today = timezone.localdate()
    if outgoing:
        values = {"direction": Referral.Direction.OUTGOING, "status": Referral.Status.DRAFT,
                  "referral_date": today, "reason": "Safety screening answers",
                  "visits_authorized": None, "expires_on": None}  # fmt: skip
    else:
        values = {"direction": Referral.Direction.INCOMING, "status": Referral.Status.RECEIVED,
                  "referral_date": today - dt.timedelta(days=30),
                  "reason": "Low back pain with left leg symptoms", "visits_authorized": 6,
                  "expires_on": today + dt.timedelta(days=30)}  # fmt: skip
    values.update(fields)
    referral = Referral.objects.create(client=client, physician=physician, **values)
    ReferralTransition.objects.create(referral=referral, to_status=referral.status, note="Created.")
    return referral


def bulk_referrals(client, physicians: Sequence, n: int, therapist=None) -> None:
    """``n`` incoming referrals in one query, spread over physicians, statuses and expiry dates
    (for list and dashboard query counts); with ``therapist``, signed notes on three of them."""
    from intake.referrals.models import Referral

    today = timezone.localdate()
    statuses = ["received", "verified", "active", "completed", "expired", "cancelled"]
    Referral.objects.bulk_create(
        Referral(
            client=client,
            physician=physicians[i % len(physicians)],
            direction="incoming",
            status=statuses[i % len(statuses)],
            referral_date=today - dt.timedelta(days=10 + (i * 7) % 300),
            visits_authorized=(i % 5) + 1,
            expires_on=today + dt.timedelta(days=(i % 40) - 5),
            reason=f"Reason {i}",
        )
        for i in range(n)
    )
    if therapist is not None:
        for referral in Referral.objects.filter(client=client)[:3]:
            signed_note_for(referral, therapist)


# ---------------------------------------------------------------- session notes


def make_note(client, therapist, *, signed: bool = False, **fields):
    """A complete, typical SOAP note of yesterday's visit (signed now if ``signed``)."""
    from intake.notes.models import SessionNote

    values = {
        "visit_date": timezone.localdate() - dt.timedelta(days=1),
        "duration_minutes": 60,
        "subjective": "Pain down the back of the left leg after long sitting; slept better.",
        "pain_before": 6,
        "changes_since_last": "Walks 20 minutes a day now.",
        "posture": "Anterior pelvic tilt, weight shifted to the right.",
        "range_of_motion": "Hip internal rotation limited on the left.",
        "palpation": "Tender trigger points in the left gluteus medius; piriformis tight.",
        "regions_treated": ["buttock_l", "back_thigh_l", "lower_back_l"],
        "techniques": "Myofascial release, trigger-point work, passive stretch.",
        "assessment": "Less tenderness after treatment; range improved on the left.",
        "plan_next_visit": "One week; reassess hip rotation.",
        "plan_frequency": "Weekly for four weeks",
        "plan_home_care": "Seated figure-four stretch twice a day; daily walk.",
        "pain_after": 3,
        "psfs": [{"activity": "Sitting 1 hour", "score": 4}, {"activity": "Walking", "score": 6}],
    }
    values.update(fields)
    if signed:
        values.setdefault("signed_at", timezone.now())
    return SessionNote.objects.create(client=client, therapist=therapist, **values)


def signed_note_for(referral, therapist, **fields):
    """Shorthand for a signed note of ``referral``'s client counted against ``referral``."""
    return make_note(referral.client, therapist, signed=True, referral=referral, **fields)


# ---------------------------------------------------------------- handouts


def make_handout(client, therapist, *, template=None, slugs=(), assigned: bool = False, **fields):
    """A handout started by ``start_handout`` from ``template`` or the exercises ``slugs``
    (the library must be loaded), assigned now if ``assigned``."""
    from intake.handouts.models import Exercise
    from intake.handouts.services import start_handout

    exercises = [Exercise.objects.get(slug=slug) for slug in slugs]
    handout = start_handout(
        client=client, therapist=therapist, template=template, exercises=exercises
    )
    for name, value in fields.items():
        setattr(handout, name, value)
    if assigned:
        handout.assigned_at = timezone.now()
    handout.save()
    # Fresh from the database (factory-made clients hold their date of birth as a string).
    return type(handout).objects.select_related("client", "therapist").get(pk=handout.pk)


# ---------------------------------------------------------------- audit


def make_audit_events(n: int, *, user, client=None, action: str = "view", ip: str = "10.0.0.1"):
    """``n`` audit events in one query: ``user`` viewed ``client``'s record (or ``n`` records)."""
    from intake.audit.models import AuditEvent

    return AuditEvent.objects.bulk_create(
        AuditEvent(
            user=user,
            role=user.role,
            action=action,
            object_type="client",
            object_id=str(client.pk if client else i),
            client=client,
            ip=ip,
        )
        for i in range(n)
    )
