"""The referrals demo seed: physicians and referrals, idempotent."""

import io

import pytest

from intake.accounts import seed as accounts_seed
from intake.referrals import seed
from intake.referrals.models import Physician, Referral
from intake.submissions import seed as intakes_seed

pytestmark = pytest.mark.django_db


def test_it_seeds_once():
    out = io.StringIO()
    accounts_seed.seed(out)
    intakes_seed.seed(out)
    seed.seed(out)
    counts = (Physician.objects.count(), Referral.objects.count())
    assert counts[0] == 3
    assert Referral.objects.filter(direction="incoming", status="active").count() == 2
    assert Referral.objects.filter(direction="outgoing", status="draft").count() == 1
    seed.seed(out)
    assert (Physician.objects.count(), Referral.objects.count()) == counts


def test_the_whole_demo_seed_links_visits_to_the_seeded_referral():
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    referral = Referral.objects.get(client__user__email="client@demo.clinic")
    assert referral.status == "active"
    assert referral.transitions.count() == 3
    assert referral.visits_used() >= 1
    assert Physician.objects.count() == 3
