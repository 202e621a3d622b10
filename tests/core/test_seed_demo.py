import pytest
from django.core.management import call_command

from intake.accounts.models import Client, User


@pytest.mark.django_db
def test_it_is_idempotent_and_creates_each_role():
    call_command("seed_demo")
    counts = (User.objects.count(), Client.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Client.objects.count()) == counts
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {"client", "therapist", "admin"}
    assert User.objects.filter(role="therapist").count() == 2
    assert User.objects.get(email="admin@demo.clinic").is_staff


@pytest.mark.django_db
def test_the_demo_clinic_outcomes_are_summarised():
    from intake.outcomes.models import EpisodeOutcome

    call_command("seed_demo")
    demo = EpisodeOutcome.objects.get(intake__client__user__email="client@demo.clinic")
    # The demo client's two signed visits: pain 7 -> 5 at the second, a meaningful improvement.
    assert demo.follow_ups == 2 and demo.visits_to_improvement == 2
