"""The referrals demo seed: physicians and referrals, idempotent."""

import io

import pytest

from intake.accounts import seed as accounts_seed
from intake.intakes import seed as intakes_seed
from intake.models import Physician, Referral
from intake.referrals import seed

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
