"""Demo session notes: three weekly visits for the demo client, two signed and the last a draft.

Idempotent: does nothing when the demo client already has notes. Runs after the referral seed,
and links the notes to the client's first usable incoming referral if there is one.
"""

import datetime
from typing import TextIO

from django.utils import timezone

from intake.accounts.models import Client, User
from intake.notes.models import SessionNote
from intake.notes.services import referral_problem

CLIENT_EMAIL = "client@demo.clinic"
THERAPIST_EMAIL = "therapist@demo.clinic"

VISITS = [
    # (weeks ago, pain before, pain after, PSFS scores, signed, subjective, assessment)
    (
        3,
        7,
        4,
        [3, 5, 6],
        True,
        "Pain and tingling from the left buttock down the back of the thigh after desk days.",
        "Marked tenderness over the left hip rotators eased with treatment; hip rotation improved.",
    ),
    (
        2,
        5,
        3,
        [5, 6, 7],
        True,
        "Better since last week; tingling only after long meetings. Doing the stretch daily.",
        "Less tissue tension; client reports easier sitting. Continue the same plan.",
    ),
    (
        1,
        4,
        2,
        [6, 7, 8],
        False,
        "Walking the dog without pain now. Some stiffness in the morning.",
        "Good response; fewer trigger points. Consider spacing visits out.",
    ),
]
ACTIVITIES = [
    "Sitting through a work meeting",
    "Putting on socks",
    "Walking the dog for 30 minutes",
]


def seed(stdout: TextIO) -> None:
    client = Client.objects.filter(user__email=CLIENT_EMAIL).first()
    therapist = User.objects.filter(email=THERAPIST_EMAIL).first()
    if client is None or therapist is None:
        stdout.write("  notes: skipped (demo client or therapist missing)\n")
        return
    if SessionNote.objects.filter(client=client).exists():
        stdout.write("  notes: already there\n")
        return
    today = timezone.localdate()
    referral = next(
        (
            r
            for r in client.referrals.filter(direction="incoming").order_by("referral_date")
            if not referral_problem(r, visit_date=today - datetime.timedelta(weeks=3))
            and not referral_problem(r, visit_date=today)
            and (r.visits_authorized is None or r.visits_authorized >= 3)
        ),
        None,
    )
    for weeks, before, after, scores, signed, subjective, assessment in VISITS:
        SessionNote.objects.create(
            client=client,
            therapist=therapist,
            referral=referral,
            visit_date=today - datetime.timedelta(weeks=weeks),
            duration_minutes=60,
            subjective=subjective,
            pain_before=before,
            pain_worst=min(10, before + 2),
            changes_since_last="" if weeks == 3 else "Stretching daily; walking most days.",
            posture="Weight shifted to the right when standing; slight anterior pelvic tilt.",
            range_of_motion="Hip internal rotation limited on the left.",
            palpation="Trigger points in the left gluteus medius; piriformis tight.",
            regions_treated=["buttock_l", "hip_l", "back_thigh_l", "lower_back_l"],
            techniques="Myofascial release, trigger-point work, passive hip-rotator stretch.",
            assessment=assessment,
            plan_next_visit="One week; reassess hip rotation and sitting tolerance.",
            plan_frequency="Weekly",
            plan_home_care="Seated figure-four stretch twice a day, pelvic tilts, daily walk.",
            pain_after=after,
            psfs=[{"activity": a, "score": s} for a, s in zip(ACTIVITIES, scores, strict=True)],
            signed_at=timezone.now() - datetime.timedelta(weeks=weeks) if signed else None,
        )
    stdout.write(f"  notes: {len(VISITS)} session notes for {client.full_name}\n")
