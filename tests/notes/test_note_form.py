"""The SOAP note form, the addendum form and the date-range form."""

import datetime as dt

import pytest
from django.utils import timezone

from intake.notes.forms import AddendumForm, DateRangeForm, SessionNoteForm
from intake.notes.models import SessionNote
from tests.factories import make_intake, make_referral
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


THREE = {"psfs_activity_0": "Sitting", "psfs_activity_1": "Walking", "psfs_activity_2": "Stairs"}


def test_it_needs_an_activity_for_a_score(alice, therapist):
    form = form_for(alice, therapist, **THREE, psfs_score_0="4", psfs_score_1="5",
                    psfs_score_2="6", psfs_score_3="7")  # fmt: skip
    assert not form.is_valid()
    assert form.errors["psfs_activity_3"] == ["Name the activity this score is for."]


def test_it_keeps_three_to_five_scored_activities(alice, therapist):
    scores = {"psfs_score_0": "4", "psfs_score_1": "6", "psfs_score_2": "5"}
    ok = form_for(alice, therapist, **THREE, **scores, psfs_activity_3="Driving",
                  psfs_score_3="2", psfs_activity_4="Lifting", psfs_score_4="3")  # fmt: skip
    assert ok.is_valid(), ok.errors
    assert [row["activity"] for row in ok.cleaned_data["psfs"]] == [
        "Sitting", "Walking", "Stairs", "Driving", "Lifting"]  # fmt: skip


def test_a_blank_score_is_an_error_naming_the_activity(alice, therapist):
    # Before: accepted, and the mean of 2 and 4 (3.0) became the mean of 4 alone (4.0).
    form = form_for(alice, therapist, **THREE, psfs_score_0="2", psfs_score_2="4")
    assert not form.is_valid()
    (message,) = form.errors["psfs_score_1"]
    assert "“Walking”" in message and "every activity is scored" in message
    assert form["psfs_activity_1"].value() == "Walking"  # nothing lost


def test_fewer_than_three_activities_is_an_error(alice, therapist):
    form = form_for(alice, therapist, psfs_activity_0="Sitting", psfs_score_0="4",
                    psfs_activity_1="Walking", psfs_score_1="6")  # fmt: skip
    assert not form.is_valid()
    assert "Name 3 to 5 activities (you named 2)" in form.errors["psfs_activity_2"][0]


def test_the_series_activities_may_go_unscored_when_the_scale_was_not_taken(alice, therapist):
    values = {"visit_date": timezone.localdate().isoformat(), "duration_minutes": "60", **THREE}
    form = SessionNoteForm(values, instance=SessionNote(client=alice, therapist=therapist),
                           client=alice, user=therapist,
                           psfs_activities=["sitting", "Walking", "Stairs"])  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["psfs"] == []
    # Other activities than the series' must be scored: they start a new series.
    other = form_for(alice, therapist, **THREE)
    assert not other.is_valid() and "psfs_score_0" in other.errors


def test_a_visit_before_the_first_intake_is_an_error(alice, therapist):
    when = timezone.now() - dt.timedelta(days=10)
    make_intake(alice, when=when)
    early = (timezone.localdate(when) - dt.timedelta(days=1)).isoformat()
    form = form_for(alice, therapist, visit_date=early)
    assert not form.is_valid()
    assert "before the client's first intake" in form.errors["visit_date"][0]
    assert form_for(alice, therapist, visit_date=timezone.localdate(when).isoformat()).is_valid()


def test_pain_scores_are_bounded(alice, therapist):
    form = form_for(alice, therapist, pain_worst="11", pain_before="-1")
    assert form.errors["pain_worst"] == ["Pain is rated from 0 to 10."]
    assert form.errors["pain_before"] == ["Pain is rated from 0 to 10."]


@pytest.mark.parametrize("score", ["-1", "11"])
def test_it_bounds_psfs_scores(alice, therapist, score):
    form = form_for(alice, therapist, **THREE, psfs_score_0=score, psfs_score_1="1",
                    psfs_score_2="1")  # fmt: skip
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
