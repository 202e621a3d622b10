"""Demo physicians and referrals: an active incoming referral for the demo client (the notes seed
links its visits to it), one nearly expired, and a draft outgoing letter for the flagged intake.
Idempotent: nothing is added twice."""

import datetime
from typing import TextIO

from django.utils import timezone

from intake.accounts.models import Client, User
from intake.referrals import services
from intake.referrals.models import Physician, Referral, ReferralTransition
from intake.submissions.models import FlagLevel, IntakeSubmission

PHYSICIANS = [
    ("Dr. Paula Grant", "Elm Street Family Practice", "555-0300", "555-0301", "CPSO 81234"),
    ("Dr. Omar Reyes", "Riverside Sports Medicine", "555-0310", "555-0311", "CPSO 77310"),
    ("Dr. Helen Cho", "Northside Health Centre", "555-0320", "555-0321", "CPSO 69002"),
]
ADMIN_EMAIL = "admin@demo.clinic"

# (client e-mail, physician index, days ago, status path, visits, expires in days, reason)
INCOMING = [
    ("client@demo.clinic", 0, 40, ["verified", "active"], 8, 50,
     "Lumbar radiculopathy, left. Massage therapy 8 visits."),
    ("jordan@demo.clinic", 1, 80, ["verified", "active"], 6, 9,
     "Hip pain, right. Soft tissue therapy."),
]  # fmt: skip


def seed(stdout: TextIO) -> None:
    """Demo data for this capability (idempotent)."""
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    physicians = []
    for name, practice, phone, fax, licence in PHYSICIANS:
        physician, _ = Physician.objects.get_or_create(
            name=name,
            defaults={"practice": practice, "phone": phone, "fax": fax, "licence_number": licence},
        )
        physicians.append(physician)
    today = timezone.localdate()
    added = 0
    for email, index, days_ago, path, visits, expires_in, reason in INCOMING:
        client = Client.objects.filter(user__email=email).first()
        if client is None or client.referrals.filter(physician=physicians[index]).exists():
            continue
        referral = Referral.objects.create(
            client=client,
            physician=physicians[index],
            direction=Referral.Direction.INCOMING,
            status=Referral.Status.RECEIVED,
            referral_date=today - datetime.timedelta(days=days_ago),
            # the letter reached the clinic a few days after its date (never in the future)
            received_on=today - datetime.timedelta(days=max(days_ago - 3, 0)),
            reason=reason,
            visits_authorized=visits,
            expires_on=today + datetime.timedelta(days=expires_in),
            created_by=admin,
        )
        ReferralTransition.objects.create(referral=referral, to_status=referral.status, by=admin)
        for status in path:
            services.transition(referral=referral, to_status=status, by=admin)
        added += 1
    flagged = (
        IntakeSubmission.objects.filter(
            status=IntakeSubmission.Status.SUBMITTED,
            flag_level__in=[FlagLevel.URGENT, FlagLevel.PHYSICIAN],
        )
        .exclude(referrals__direction=Referral.Direction.OUTGOING)
        .first()
    )
    if flagged is not None and admin is not None:
        services.create_outgoing_from_intake(intake=flagged, physician=physicians[2], by=admin)
        added += 1
    stdout.write(f"  referrals: {len(physicians)} physicians, {added} referrals added")
