"""The demo intakes: created once, with flags computed by the screening rules."""

import io

import pytest
from django.core.management import call_command

from intake.submissions.models import IntakeSubmission


@pytest.mark.django_db
def test_it_seeds_demo_intakes_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert IntakeSubmission.objects.count() == 3
    jordan = IntakeSubmission.objects.get(client__user__email="jordan@demo.clinic")
    assert jordan.status == "submitted" and jordan.flag_level == "physician"
    casey = IntakeSubmission.objects.get(client__user__email="client@demo.clinic")
    assert casey.flag_level == "caution" and casey.marks.count() == 4
    morgan = IntakeSubmission.objects.get(client__user__email="morgan@demo.clinic")
    assert morgan.status == "draft" and morgan.current_step == 3
