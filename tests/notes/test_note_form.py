"""The SOAP note form, the addendum form and the date-range form."""

import datetime as dt

import pytest
from django.utils import timezone

from intake.notes.forms import AddendumForm, DateRangeForm, SessionNoteForm
from intake.notes.models import SessionNote
from tests.factories import make_referral
from tests.hostile import NUL_STRING


def form_for(client, user, **data):
    values = {
        "visit_date": timezone.localdate().isoformat(),
        "duration_minutes": "60",
        "treated_regions": ["calf_l"],
    }
    values.update(data)
    return SessionNoteForm(
        values, instance=SessionNote(client=client, therapist=user), client=client, user=user
    )


def test_it_accepts_a_minimal_note(alice, therapist):
    form = form_for(alice, therapist)
    assert form.is_valid(), form.errors
    note = form.apply()
    assert note.regions_treated == ["calf_l"]
    assert note.psfs == []


def test_it_rejects_unknown_regions(alice, therapist):
    form = form_for(alice, therapist, treated_regions=["spleen"])
    assert "treated_regions" in form.errors


def test_it_keeps_psfs_rows_with_an_activity_and_needs_one_for_a_score(alice, therapist):
    form = form_for(
        alice,
        therapist,
        psfs_activity_0="Sitting",
        psfs_score_0="4",
        psfs_activity_1="Walking",
        psfs_score_2="7",
    )
    assert not form.is_valid()
    assert form.errors["psfs_activity_2"] == ["Name the activity this score is for."]
    ok = form_for(alice, therapist, psfs_activity_0="Sitting", psfs_score_0="4")
    assert ok.is_valid()
    assert ok.cleaned_data["psfs"] == [{"activity": "Sitting", "score": 4}]


@pytest.mark.parametrize("score", ["-1", "11"])
def test_it_bounds_psfs_scores(alice, therapist, score):
    form = form_for(alice, therapist, psfs_activity_0="Sitting", psfs_score_0=score)
    assert "psfs_score_0" in form.errors


def test_it_offers_only_this_clients_incoming_referrals(alice, bob, therapist):
    mine = make_referral(alice)
    make_referral(alice, outgoing=True, status="sent")
    make_referral(bob)
    form = form_for(alice, therapist)
    assert list(form.fields["referral"].queryset) == [mine]
    label = dict(form.fields["referral"].choices)[mine.pk]
    assert "Dr. Paula Grant" in str(label) and "0 of 6 visits used" in str(label)


def test_it_offers_the_override_to_admins_only(alice, therapist, admin_user):
    assert "referral_override" not in form_for(alice, therapist).fields
    assert "referral_override" in form_for(alice, admin_user).fields


def test_it_prefills_psfs_activities_from_the_intake(alice, therapist):
    form = SessionNoteForm(
        instance=SessionNote(client=alice),
        client=alice,
        user=therapist,
        psfs_activities=["Sitting at work", "Climbing stairs"],
    )
    assert form.initial["psfs_activity_0"] == "Sitting at work"
    assert form.initial["psfs_activity_1"] == "Climbing stairs"
    assert form.initial["psfs_activity_2"] == ""
    assert form.initial["visit_date"] == timezone.localdate()


def test_it_reminds_that_the_assessment_is_not_a_diagnosis(alice, therapist):
    assert "do not diagnose" in form_for(alice, therapist).fields["assessment"].help_text


def test_it_requires_addendum_text():
    assert not AddendumForm({"text": "   "}).is_valid()
    assert AddendumForm({"text": "Late entry"}).is_valid()


def test_it_orders_and_limits_the_date_range():
    assert DateRangeForm({"date_from": "2026-01-01", "date_to": "2026-02-01"}).is_valid()
    backwards = DateRangeForm({"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert "start date is after" in str(backwards.errors)
    too_long = DateRangeForm({"date_from": "2000-01-01", "date_to": "2026-01-01"})
    assert "ten years" in str(too_long.errors)


def test_it_refuses_a_future_visit(alice, therapist):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = form_for(alice, therapist, visit_date=tomorrow.isoformat())
    assert form.errors["visit_date"] == ["The visit date cannot be in the future."]


def test_it_refuses_nul_characters(alice, therapist):
    form = form_for(alice, therapist, subjective=NUL_STRING)
    assert "subjective" in form.errors
