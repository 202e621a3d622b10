"""Demo intakes: a submitted sciatic-pattern intake, a flagged one, and a draft. Idempotent."""

import datetime
from typing import TextIO

from django.utils import timezone

from intake.accounts.models import Client
from intake.submissions import screening
from intake.submissions.consent_form import CONSENT_TEXT
from intake.submissions.models import IntakeSubmission, SymptomMark

DEMO = {
    "client@demo.clinic": {
        "submitted": True,
        "days_ago": 22,  # the day before the first demo visit: the baseline of its outcomes
        "answers": {
            "main_complaint": (
                "Pain and tingling from my left buttock down the back of the leg, "
                "worse after a day at my desk."
            ),
            "onset": "gradual",
            "worse_with": ["sitting", "bending"],
            "better_with": ["walking", "stretching"],
            "worst_pain": 9,
            "current_pain": 7,
            "psfs": [
                {"activity": "Sitting through a work meeting", "score": 3},
                {"activity": "Putting on socks", "score": 4},
                {"activity": "Walking the dog for 30 minutes", "score": 5},
            ],
            "medications": "Ibuprofen as needed",
            "allergies": "Almond oil",
            "consents_to_glute_work": True,
        },
        "marks": [
            ("buttock_l", ["pain", "aching"], 6),
            ("back_thigh_l", ["pain", "tingling"], 5),
            ("calf_l", ["tingling"], 3),
            ("sole_l", ["numbness"], 2),
        ],
    },
    "jordan@demo.clinic": {
        "submitted": True,
        "days_ago": 0,
        "answers": {
            "main_complaint": "Low back pain that wakes me at night.",
            "onset": "other",
            "worst_pain": 8,
            "current_pain": 6,
            "takes_blood_thinners": True,
            "medications": "Apixaban 5 mg twice daily",
            "night_pain_not_eased_by_rest": True,
        },
        "marks": [("lower_back_l", ["aching"], 6), ("lower_back_r", ["aching"], 6)],
    },
    "morgan@demo.clinic": {
        "submitted": False,
        "answers": {"main_complaint": "Stiff neck and shoulders.", "current_step": 3},
        "marks": [("neck_r", ["aching"], 4), ("shoulder_r", ["pain"], 5)],
    },
}


def seed(stdout: TextIO) -> None:
    created = 0
    for email, spec in DEMO.items():
        client = Client.objects.filter(user__email=email).first()
        if client is None or client.intakes.exists():
            continue
        now = timezone.now() - datetime.timedelta(days=spec.get("days_ago", 0))
        intake = IntakeSubmission.objects.create(client=client, **spec["answers"])
        SymptomMark.objects.bulk_create(
            SymptomMark(intake=intake, region=region, sensations=feels, intensity=strength)
            for region, feels, strength in spec["marks"]
        )
        if spec["submitted"]:
            intake.status = IntakeSubmission.Status.SUBMITTED
            intake.submitted_at = now
            intake.current_step = 7
            intake.consent_given = True
            intake.consent_signature = client.full_name
            intake.consent_signed_at = now
            screening.stamp_flag_level(intake)
            intake.save()
        created += 1
    stdout.write(f"  intakes: {created} created (consent text: {len(CONSENT_TEXT)} chars)\n")
