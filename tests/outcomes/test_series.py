"""Outcome series: episodes, the change from baseline and its verdict against the 2-point MCID."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from intake.outcomes.series import Verdict, change, client_episodes, episode_of, verdict
from tests.factories import make_intake, make_note

ACTIVITIES = ["Sitting at my desk", "Climbing stairs", "Gardening"]


def psfs(scores, activities=ACTIVITIES):
    return [{"activity": a, "score": s} for a, s in zip(activities, scores, strict=True)]


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.mark.parametrize(
    ("baseline", "latest", "higher_is_better", "expected"),
    [
        (3.0, 4.9, True, Verdict.NO_CHANGE),  # +1.9
        (3.0, 5.0, True, Verdict.IMPROVED),  # +2.0 counts
        (5.0, 3.0, True, Verdict.WORSE),  # -2.0 counts
        (5.0, 3.1, True, Verdict.NO_CHANGE),  # -1.9
        (7, 5, False, Verdict.IMPROVED),  # pain down 2
        (7, 6, False, Verdict.NO_CHANGE),
        (5, 7, False, Verdict.WORSE),  # pain up 2
        (2.2, 4.1, True, Verdict.NO_CHANGE),  # 1.9 exactly, not 1.8999...
    ],
)
def test_verdict_at_its_boundaries(baseline, latest, higher_is_better, expected):
    assert verdict(baseline, latest, higher_is_better=higher_is_better) == expected


def test_no_verdict_without_two_values():
    assert verdict(None, 3, higher_is_better=True) is None
    assert verdict(3, None, higher_is_better=False) is None
    assert change(2.2, 4.1) == Decimal("1.9")


def test_baseline_is_the_intake_and_drafts_never_count(alice, therapist):
    day = dt.date(2026, 3, 2)
    make_intake(alice, when=at(day), current_pain=7, worst_pain=9, psfs=psfs([3, 4, 2]))
    make_note(alice, therapist, signed=True, visit_date=day + dt.timedelta(days=7),
              pain_before=6, pain_worst=8, psfs=psfs([4, 5, 3]))  # fmt: skip
    make_note(alice, therapist, signed=False, visit_date=day + dt.timedelta(days=14),
              pain_before=1, pain_worst=1, psfs=psfs([9, 9, 9]))  # fmt: skip
    (episode,) = client_episodes(alice)
    assert episode.started_on == day and episode.follow_ups == 1
    assert [p.value for p in episode.pain_now.points] == [7, 6]
    assert episode.pain_now.verdict == Verdict.NO_CHANGE
    assert episode.current_psfs.baseline.value == 3.0 and episode.current_psfs.latest.value == 4.0
    assert episode.current_psfs.activities == tuple(ACTIVITIES)


def test_changed_activities_start_a_new_series_never_averaged(alice, therapist):
    day = dt.date(2026, 3, 2)
    make_intake(alice, when=at(day), current_pain=7, psfs=psfs([2, 2, 2]))
    # The same activities in another order and case: still the same series.
    reordered = [{"activity": "gardening ", "score": 5}, {"activity": "Climbing  stairs", "score": 5},
                 {"activity": "Sitting at my desk", "score": 5}]  # fmt: skip
    make_note(alice, therapist, signed=True, visit_date=day + dt.timedelta(days=7), psfs=reordered)
    other = ["Walking 1 km", "Lifting my child", "Driving"]
    make_note(alice, therapist, signed=True, visit_date=day + dt.timedelta(days=14),
              psfs=psfs([4, 4, 4], other))  # fmt: skip
    make_note(alice, therapist, signed=True, visit_date=day + dt.timedelta(days=21),
              psfs=psfs([5, 5, 5], other))  # fmt: skip
    (episode,) = client_episodes(alice)
    first, second = episode.psfs
    assert first.verdict == Verdict.IMPROVED and [p.value for p in first.points] == [2.0, 5.0]
    assert second.is_new_activities and second.activities == tuple(other)
    assert [p.value for p in second.points] == [4.0, 5.0]
    assert episode.current_psfs is second and second.verdict == Verdict.NO_CHANGE


def test_a_new_intake_starts_a_new_episode(alice, therapist):
    first, second = dt.date(2026, 1, 5), dt.date(2026, 4, 6)
    make_intake(alice, when=at(first), current_pain=8)
    make_intake(alice, when=at(second), current_pain=5)
    make_note(alice, therapist, signed=True, visit_date=first + dt.timedelta(days=3), pain_before=6)
    make_note(alice, therapist, signed=True, visit_date=second, pain_before=3)
    old, new = client_episodes(alice)
    assert [p.value for p in old.pain_now.points] == [8, 6]
    assert [p.value for p in new.pain_now.points] == [5, 3]
    assert new.pain_now.verdict == Verdict.IMPROVED
    assert episode_of([old, new], second - dt.timedelta(days=1)) is old
    assert episode_of([old, new], second) is new


def test_first_improvement_counts_follow_up_visits(alice, therapist):
    day = dt.date(2026, 3, 2)
    make_intake(alice, when=at(day), current_pain=7, worst_pain=9)
    for week, pain in enumerate((7, 6, 5, 4), start=1):
        make_note(alice, therapist, signed=True, visit_date=day + dt.timedelta(weeks=week),
                  pain_before=pain)  # fmt: skip
    (episode,) = client_episodes(alice)
    assert episode.first_improvement() == 3  # 7 -> 5 at the third follow-up


def test_a_measure_never_scored_is_left_out_of_the_summary(alice, therapist):
    make_intake(alice, when=at(dt.date(2026, 3, 2)), current_pain=7, worst_pain=None, psfs=[])
    make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 3, 9), pain_before=5,
              psfs=[])  # fmt: skip
    (episode,) = client_episodes(alice)
    assert [s.measure.key for s in episode.measures] == ["pain_now"]
