"""Note workflows: save a draft, sign (locks, counts a visit), addenda, referral checks."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from intake.notes.models import SessionNote
from intake.notes.services import (
    NoteRuleError,
    add_addendum,
    record_override,
    referral_problem,
    save_draft,
    sign_note,
    visits_used,
)
from tests.factories import make_note, make_referral

TODAY = timezone.localdate
#: A region that needs no sensitive-area consent (the safety gates: tests/notes/test_note_gates.py).
BACK = ["lower_back_l"]


def test_it_signs_a_note_and_counts_it_against_its_referral(alice, therapist):
    referral = make_referral(alice, visits_authorized=2)
    note = make_note(alice, therapist, referral=referral, regions_treated=BACK)
    assert visits_used(referral) == 0
    sign_note(note=note, therapist=therapist)
    note.refresh_from_db()
    assert note.signed_at is not None
    assert visits_used(referral) == 1


def test_it_lets_only_the_author_sign(alice, therapist, therapist2, admin_user):
    note = make_note(alice, therapist)
    for other in (therapist2, admin_user):
        with pytest.raises(PermissionDenied):
            sign_note(note=note, therapist=other)
    note.refresh_from_db()
    assert note.signed_at is None


def test_it_never_signs_twice(alice, therapist):
    note = make_note(alice, therapist, signed=True)
    first = note.signed_at
    with pytest.raises(NoteRuleError, match="already signed"):
        sign_note(note=note, therapist=therapist)
    note.refresh_from_db()
    assert note.signed_at == first


def test_it_refuses_to_save_over_a_signed_note(alice, therapist):
    note = make_note(alice, therapist, signed=True)
    stale = SessionNote.objects.get(pk=note.pk)
    stale.subjective = "rewritten"
    stale.signed_at = None  # even a stale copy that looks like a draft
    with pytest.raises(NoteRuleError, match="signed and locked"):
        save_draft(note=stale, editor=therapist)
    note.refresh_from_db()
    assert note.subjective != "rewritten"
    assert note.signed_at is not None


def test_it_lets_only_the_author_save_a_draft(alice, therapist, therapist2):
    note = make_note(alice, therapist)
    note.subjective = "changed by someone else"
    with pytest.raises(PermissionDenied):
        save_draft(note=note, editor=therapist2)
    assert SessionNote.objects.get(pk=note.pk).subjective != "changed by someone else"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_minutes", 0),
        ("pain_before", 11),
        ("pain_after", 12),
        ("visit_date", timezone.localdate() + dt.timedelta(days=3)),
    ],
)
def test_it_refuses_bad_values_in_a_draft(alice, therapist, field, value):
    note = SessionNote(client=alice, visit_date=TODAY(), duration_minutes=30)
    setattr(note, field, value)
    with pytest.raises(NoteRuleError) as caught:
        save_draft(note=note, editor=therapist)
    assert field in caught.value.message_dict
    assert not SessionNote.objects.exists()


def test_it_has_database_constraints_for_duration_and_pain(alice, therapist):
    for bad in ({"duration_minutes": 0}, {"pain_before": 11}, {"pain_after": 11}):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_note(alice, therapist, **bad)


def test_it_only_allows_addenda_on_signed_notes(alice, therapist, therapist2):
    draft = make_note(alice, therapist)
    with pytest.raises(NoteRuleError, match="signed notes"):
        add_addendum(note=draft, author=therapist, text="late")
    signed = make_note(alice, therapist, signed=True)
    addendum = add_addendum(note=signed, author=therapist2, text="  seen by a colleague  ")
    assert addendum.text == "seen by a colleague"
    assert addendum.author == therapist2
    with pytest.raises(NoteRuleError):
        add_addendum(note=signed, author=therapist, text="   ")


def test_it_refuses_addenda_from_clients(alice, therapist):
    signed = make_note(alice, therapist, signed=True)
    with pytest.raises(PermissionDenied):
        add_addendum(note=signed, author=alice.user, text="I disagree")
    assert not signed.addenda.exists()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({}, ""),
        ({"status": "cancelled"}, "cancelled"),
        ({"status": "expired"}, "expired"),
        ({"status": "completed"}, "completed"),
        ({"direction": "outgoing", "status": "sent"}, "incoming"),
        ({"expires_on": timezone.localdate() - dt.timedelta(days=1)}, "expired on"),
    ],
)
def test_it_explains_why_a_referral_cannot_cover_a_visit(alice, fields, problem):
    referral = make_referral(alice, **fields)
    found = referral_problem(referral, visit_date=TODAY())
    assert (problem in found) if problem else found == ""


def test_it_refuses_a_used_up_referral_unless_an_admin_overrides(alice, therapist, admin_user):
    referral = make_referral(alice, visits_authorized=1)
    make_note(alice, therapist, signed=True, referral=referral)
    note = make_note(alice, therapist, referral=referral, regions_treated=BACK)
    with pytest.raises(NoteRuleError, match="authorized visits"):
        sign_note(note=note, therapist=therapist)
    with pytest.raises(PermissionDenied):
        record_override(note=note, admin=therapist, reason="please")
    with pytest.raises(NoteRuleError):
        record_override(note=note, admin=admin_user, reason="  ")
    record_override(note=note, admin=admin_user, reason="Physician extended by fax")
    note.save()
    sign_note(note=note, therapist=therapist)
    note.refresh_from_db()
    assert note.is_signed
    assert note.referral_override_by == admin_user
    assert visits_used(referral) == 2


def test_it_does_not_count_the_note_itself_when_re_saving(alice, therapist):
    referral = make_referral(alice, visits_authorized=1)
    note = make_note(alice, therapist, referral=referral, regions_treated=BACK)
    note.subjective = "edited"
    save_draft(note=note, editor=therapist)  # 0 used of 1: fine
    sign_note(note=note, therapist=therapist)
    assert visits_used(referral) == 1


def test_it_clears_an_override_when_the_referral_is_removed(alice, therapist, admin_user):
    referral = make_referral(alice, status="cancelled")
    note = make_note(alice, admin_user, referral=referral, regions_treated=BACK)
    record_override(note=note, admin=admin_user, reason="ok")
    note.save()
    note.referral = None
    save_draft(note=note, editor=admin_user)
    note.refresh_from_db()
    assert note.referral_override_by is None and note.referral_override_reason == ""


def test_it_computes_the_psfs_mean(alice, therapist):
    note = make_note(
        alice, therapist, psfs=[{"activity": "a", "score": 3}, {"activity": "b", "score": 6}]
    )
    assert note.psfs_mean == 4.5
    assert make_note(alice, therapist, psfs=[]).psfs_mean is None
