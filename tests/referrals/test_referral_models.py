"""Referral model methods: visits used/remaining, expiry, usability, annotated counts, constraints."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from intake.referrals.models import Referral
from tests.factories import make_note, make_referral, signed_note_for

pytestmark = pytest.mark.django_db


def test_it_counts_only_signed_notes_as_visits(incoming, therapist):
    signed_note_for(incoming, therapist)
    signed_note_for(incoming, therapist)
    make_note(incoming.client, therapist, referral=incoming)  # draft: not a visit
    assert incoming.visits_used() == 2
    assert incoming.visits_remaining() == 4


def test_it_annotates_visit_counts_in_one_query(incoming, physician, bob, therapist,
                                                django_assert_num_queries):  # fmt: skip
    other = make_referral(bob, physician, visits_authorized=None)
    signed_note_for(incoming, therapist)
    with django_assert_num_queries(1):
        rows = {r.pk: r for r in Referral.objects.with_visit_counts()}
        assert rows[incoming.pk].visits_used() == 1
        assert rows[incoming.pk].visits_remaining() == 5
        assert rows[incoming.pk].visits_remaining_count == 5
        assert rows[other.pk].visits_used() == 0
        assert rows[other.pk].visits_remaining() is None
        assert rows[other.pk].visits_remaining_count is None


def test_it_never_reports_negative_remaining_visits(alice, physician, therapist):
    referral = make_referral(alice, physician, visits_authorized=1)
    signed_note_for(referral, therapist)
    signed_note_for(referral, therapist, referral_override_reason="insurer agreed")
    assert referral.visits_remaining() == 0


def test_it_counts_days_to_expiry(incoming):
    today = incoming.expires_on - dt.timedelta(days=3)
    assert incoming.expires_in_days(today) == 3
    assert incoming.expires_in_days(incoming.expires_on) == 0
    assert incoming.expires_in_days(incoming.expires_on + dt.timedelta(days=2)) == -2
    incoming.expires_on = None
    assert incoming.expires_in_days() is None


@pytest.mark.parametrize(
    ("changes", "usable", "reason"),
    [
        ({}, True, ""),
        ({"status": "verified"}, True, ""),
        ({"status": "active"}, True, ""),
        ({"status": "completed"}, False, "completed"),
        ({"status": "cancelled"}, False, "cancelled"),
        ({"status": "expired"}, False, "expired"),
        ({"expires_on": "past"}, False, "expired on"),
        ({"visits_authorized": 1, "used": 1}, False, "visits are used"),
    ],
)
def test_it_says_whether_a_visit_can_count(incoming, therapist, changes, usable, reason):
    changes = dict(changes)
    if changes.pop("used", 0):
        signed_note_for(incoming, therapist)
    if changes.get("expires_on") == "past":
        incoming.referral_date = timezone.localdate() - dt.timedelta(days=60)
        changes["expires_on"] = timezone.localdate() - dt.timedelta(days=1)
    for key, value in changes.items():
        setattr(incoming, key, value)
    ok, why = incoming.is_usable_for_visit()
    assert ok is usable
    assert reason in why


def test_it_refuses_visits_on_outgoing_referrals(alice, physician):
    ok, why = make_referral(alice, physician, outgoing=True).is_usable_for_visit()
    assert not ok
    assert "incoming" in why


def test_it_checks_usability_on_a_given_day(incoming):
    assert incoming.is_usable_for_visit(incoming.expires_on)[0]
    assert not incoming.is_usable_for_visit(incoming.expires_on + dt.timedelta(days=1))[0]


def test_the_database_refuses_zero_visits_and_expiry_before_the_date(alice, physician):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_referral(alice, physician, visits_authorized=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_referral(alice, physician, expires_on=timezone.localdate() - dt.timedelta(days=90))
