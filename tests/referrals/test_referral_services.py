"""Referral workflows: lifecycle transitions, outgoing letters, physician merge, note-link check."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.notes.services import referral_problem
from intake.referrals import services
from intake.referrals.models import Physician, Referral
from intake.submissions.models import FlagLevel, IntakeSubmission
from tests.factories import make_intake, make_physician, make_referral, signed_note_for

pytestmark = pytest.mark.django_db


def test_it_walks_an_incoming_referral_through_its_lifecycle(incoming, admin_user):
    for status in ("verified", "active", "completed"):
        services.transition(referral=incoming, to_status=status, by=admin_user, note="ok")
    incoming.refresh_from_db()
    assert incoming.status == "completed"
    history = [(t.from_status, t.to_status, t.by_id) for t in incoming.transitions.all()]
    assert history[1:] == [
        ("received", "verified", admin_user.pk),
        ("verified", "active", admin_user.pk),
        ("active", "completed", admin_user.pk),
    ]


def test_it_walks_an_outgoing_referral_through_its_lifecycle(outgoing, admin_user):
    for status in ("sent", "acknowledged", "closed"):
        services.transition(referral=outgoing, to_status=status, by=admin_user)
    outgoing.refresh_from_db()
    assert outgoing.status == "closed"
    assert outgoing.transitions.count() == 4  # created, then three moves


@pytest.mark.parametrize(
    ("status", "target"),
    [
        ("received", "active"),  # skips verification
        ("received", "completed"),
        ("completed", "active"),  # final
        ("cancelled", "verified"),
        ("expired", "active"),
        ("received", "sent"),  # an outgoing status
        ("received", "nonsense"),
    ],
)
def test_it_refuses_illegal_incoming_transitions(incoming, admin_user, status, target):
    Referral.objects.filter(pk=incoming.pk).update(status=status)
    incoming.refresh_from_db()
    before = incoming.transitions.count()
    with pytest.raises(ValidationError, match="cannot go from"):
        services.transition(referral=incoming, to_status=target, by=admin_user)
    incoming.refresh_from_db()
    assert incoming.status == status
    assert incoming.transitions.count() == before


@pytest.mark.parametrize(("status", "target"), [("draft", "acknowledged"), ("closed", "sent"),
                                                ("draft", "verified")])  # fmt: skip
def test_it_refuses_illegal_outgoing_transitions(outgoing, admin_user, status, target):
    Referral.objects.filter(pk=outgoing.pk).update(status=status)
    with pytest.raises(ValidationError):
        services.transition(referral=outgoing, to_status=target, by=admin_user)
    assert Referral.objects.get(pk=outgoing.pk).status == status


def test_it_lets_only_admins_change_status(incoming, therapist):
    with pytest.raises(PermissionDenied):
        services.transition(referral=incoming, to_status="verified", by=therapist)
    assert Referral.objects.get(pk=incoming.pk).status == "received"


def test_it_can_cancel_or_expire_before_activation(incoming, alice, physician, admin_user):
    services.transition(referral=incoming, to_status="cancelled", by=admin_user)
    other = make_referral(alice, physician, status="verified")
    services.transition(referral=other, to_status="expired", by=admin_user)
    assert Referral.objects.get(pk=other.pk).status == "expired"


def test_it_prefills_an_outgoing_letter_from_the_intake(alice, physician, admin_user):
    intake = make_intake(alice, flagged=True)
    assert intake.flag_level == FlagLevel.PHYSICIAN  # computed on submission
    referral = services.create_outgoing_from_intake(
        intake=intake, physician=physician, by=admin_user
    )
    assert referral.direction == "outgoing"
    assert referral.status == "draft"
    assert referral.intake == intake
    assert "Dear Dr Grant" in referral.letter_text
    assert "cancer" in referral.letter_text.lower()  # the flag's reason
    assert "Calf" in referral.letter_text or "calf" in referral.letter_text
    assert "do not diagnose" in referral.letter_text
    assert referral.transitions.get().to_status == "draft"
    # A letter says nothing of what the client was told: only a safety follow-up takes the
    # intake off the "needs attention" queue.
    from intake.clients.safety import awaiting_follow_up

    assert awaiting_follow_up(IntakeSubmission.objects.filter(pk=intake.pk)).exists()


def test_it_merges_a_duplicate_physician(alice, bob, admin_user):
    survivor = make_physician("Dr. Paula Grant", fax="")
    duplicate = make_physician("Dr Paula Grant", fax="555-7777", email="pg@example.org")
    moved = make_referral(alice, duplicate)
    kept = make_referral(bob, survivor)
    services.merge_physicians(survivor=survivor, duplicate=duplicate, by=admin_user)
    assert not Physician.objects.filter(pk=duplicate.pk).exists()
    assert set(survivor.referrals.values_list("pk", flat=True)) == {moved.pk, kept.pk}
    survivor.refresh_from_db()
    assert survivor.fax == "555-7777"  # blank filled from the duplicate
    assert survivor.phone == "555-0199"  # kept
    assert AuditEvent.objects.filter(action="change", object_id=str(survivor.pk)).exists()


def test_it_refuses_to_merge_a_physician_into_itself(physician, incoming, admin_user):
    with pytest.raises(ValidationError, match="itself"):
        services.merge_physicians(survivor=physician, duplicate=physician, by=admin_user)
    assert Physician.objects.filter(pk=physician.pk).exists()
    assert Referral.objects.get(pk=incoming.pk).physician_id == physician.pk


def test_it_accepts_a_note_on_a_usable_referral(incoming):
    assert referral_problem(incoming, visit_date=timezone.localdate()) == ""


def test_it_refuses_a_note_on_an_exhausted_referral(alice, physician, therapist):
    referral = make_referral(alice, physician, visits_authorized=1)
    signed_note_for(referral, therapist)
    referral = Referral.objects.with_visit_counts().get(pk=referral.pk)
    assert "visits are used" in referral_problem(referral, visit_date=timezone.localdate())


def test_it_checks_expiry_on_the_visit_date(incoming):
    late = incoming.expires_on + dt.timedelta(days=1)
    assert referral_problem(incoming, visit_date=incoming.expires_on) == ""
    assert "expired" in referral_problem(incoming, visit_date=late)
    assert late > timezone.localdate()
