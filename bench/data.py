"""The small data set the PDF timings and the intake step pages work on: staff, one client with
a flagged intake and a draft in progress, a referral with 20 signed notes, and a handout of six
illustrated exercises. Built in the bench database after a flush (or a test's database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from intake.accounts.models import Client, User
from intake.handouts import services as handout_services
from intake.handouts.models import Exercise, Handout, HandoutItem
from intake.handouts.seed import load_library
from intake.notes.models import SessionNote
from intake.referrals.models import Physician, Referral
from intake.submissions import screening
from intake.submissions.models import IntakeSubmission, SymptomMark

EMAIL_DOMAIN = "bench.invalid"


@dataclass
class BenchData:
    therapist: User
    admin: User
    client_user: User
    client: Client
    intake: IntakeSubmission
    draft: IntakeSubmission
    referral: Referral
    notes: list[SessionNote]
    handout: Handout


def make_user(local: str, role: str, first: str, last: str, **extra: object) -> User:
    user = User(
        email=f"{local}@{EMAIL_DOMAIN}", role=role, first_name=first, last_name=last, **extra
    )
    user.set_unusable_password()
    user.save()
    return user


def make_client(n: int = 0) -> Client:
    """A self-registered client (with a login)."""
    user = make_user(f"client{n}", "client", "Alice", f"Anders{n or ''}")
    return Client.objects.create(
        user=user,
        first_name="Alice",
        last_name=user.last_name,
        email=user.email,
        date_of_birth=dt.date(1975, 6, 15),
        phone="555-0101",
        address="1 Main Street",
    )


def make_submitted_intake(client: Client, *, when: dt.datetime | None = None) -> IntakeSubmission:
    """A submitted intake with a see-a-physician and a caution answer and two marked regions."""
    intake = IntakeSubmission.objects.create(
        client=client,
        status=IntakeSubmission.Status.SUBMITTED,
        submitted_at=when or timezone.now() - dt.timedelta(days=3),
        current_step=7,
        main_complaint="Pain down the back of the left leg",
        cancer_history=True,
        takes_blood_thinners=True,
        current_pain=7,
        consent_given=True,
        consent_signature=client.full_name,
    )
    SymptomMark.objects.create(intake=intake, region="calf_l", sensations=["tingling"], intensity=5)
    SymptomMark.objects.create(intake=intake, region="buttock_l", sensations=["pain"], intensity=6)
    screening.stamp_flag_level(intake)
    intake.save(update_fields=["flag_level", "flag_rules_version"])
    return intake


def make_referral(client: Client, *, admin: User | None = None) -> Referral:
    physician, _ = Physician.objects.get_or_create(
        name="Dr. Paula Grant", defaults={"practice": "Elm Clinic", "fax": "555-0199"}
    )
    today = timezone.localdate()
    return Referral.objects.create(
        client=client,
        physician=physician,
        direction=Referral.Direction.INCOMING,
        status=Referral.Status.ACTIVE,
        referral_date=today - dt.timedelta(days=60),
        reason="Low back pain radiating to the left leg; massage therapy requested.",
        visits_authorized=30,
        expires_on=today + dt.timedelta(days=60),
        created_by=admin,
    )


def make_note(
    client: Client, therapist: User, *, referral: Referral | None, day: int
) -> SessionNote:
    """A complete, typical, signed one-page SOAP note."""
    return SessionNote.objects.create(
        client=client,
        therapist=therapist,
        referral=referral,
        visit_date=timezone.localdate() - dt.timedelta(days=day),
        duration_minutes=60,
        subjective="Pain down the back of the left leg after long sitting; slept better.",
        pain_before=6,
        changes_since_last="Walks 20 minutes a day now.",
        posture="Anterior pelvic tilt, weight shifted to the right.",
        range_of_motion="Hip internal rotation limited on the left.",
        palpation="Tender trigger points in the left gluteus medius; piriformis tight.",
        regions_treated=["buttock_l", "back_thigh_l", "lower_back_l"],
        techniques="Myofascial release, trigger-point work, passive stretch.",
        assessment="Less tenderness after treatment; range improved on the left.",
        plan_next_visit="One week; reassess hip rotation.",
        plan_frequency="Weekly for four weeks",
        plan_home_care="Seated figure-four stretch twice a day; daily walk.",
        pain_after=3,
        psfs=[{"activity": "Sitting 1 hour", "score": 4}, {"activity": "Walking", "score": 6}],
        signed_at=timezone.now() - dt.timedelta(days=day),
    )


def make_handout(client: Client, therapist: User, *, exercises: int = 6) -> Handout:
    """A handout with ``exercises`` illustrated exercises from the seeded library."""
    load_library()
    chosen = list(Exercise.objects.exclude(illustration="").order_by("id")[:exercises])
    if len(chosen) < exercises:
        raise ValueError(f"The exercise library has fewer than {exercises} illustrated exercises.")
    handout = Handout.objects.create(
        client=client,
        therapist=therapist,
        title="Sciatic nerve pain: self-care",
        introduction=(
            "The sciatic nerve runs from the low back down the back of each leg. Tight hip "
            "muscles can press on it or feel like it. Massage helps, and moving often helps."
        ),
        notes="Twice a day, gently. Walk every day.",
        assigned_at=timezone.now(),
    )
    HandoutItem.objects.bulk_create(
        handout_services.item_from_exercise(handout, exercise, position)
        for position, exercise in enumerate(chosen, start=1)
    )
    return handout


def build() -> BenchData:
    therapist = make_user("therapist", "therapist", "Tess", "Healer")
    admin = make_user("admin", "admin", "Ada", "Office", is_staff=True)
    client = make_client()
    intake = make_submitted_intake(client)
    # At its last step with the safety questions answered (the wizard sends a draft back to any
    # it has not answered).
    answered = {q.field: False for q in screening.SAFETY_QUESTIONS if not q.only_if}
    draft = IntakeSubmission.objects.create(client=client, current_step=7, **answered)
    referral = make_referral(client, admin=admin)
    notes = [make_note(client, therapist, referral=referral, day=day) for day in range(20, 0, -1)]
    return BenchData(
        therapist=therapist,
        admin=admin,
        client_user=client.user,
        client=client,
        intake=intake,
        draft=draft,
        referral=referral,
        notes=notes,
        handout=make_handout(client, therapist),
    )
