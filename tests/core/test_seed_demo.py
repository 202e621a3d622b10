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
