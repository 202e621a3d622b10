"""Clinic outcomes: the per-episode summary rows and the page's numbers on a hand-built clinic."""

import datetime as dt
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake.notes.services import sign_note
from intake.outcomes import clinic
from intake.outcomes.models import EpisodeOutcome
from tests.factories import (
    make_client,
    make_intake,
    make_note,
    make_physician,
    make_referral,
)

TODAY = timezone.localdate()


def ago(days: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(9)))


def intake(client, days_ago: int, pain: int = 7, regions=("lower_back_l",)):
    return make_intake(client, when=ago(days_ago), current_pain=pain, worst_pain=pain,
                       psfs=[], marks=[(r, ["pain"], 5) for r in regions])  # fmt: skip


def visit(client, therapist, days_ago: int, pain: int, **fields):
    return make_note(client, therapist, signed=True, psfs=[], pain_worst=None,
                     visit_date=TODAY - dt.timedelta(days=days_ago), pain_before=pain,
                     regions_treated=["lower_back_l"], **fields)  # fmt: skip


def outcome(intake_):
    return EpisodeOutcome.objects.get(intake=intake_)


@pytest.fixture
def clinic_data(db, therapist, therapist2):
    """Seven episodes: improved after 2 visits (alice) and after 1 (frank), not improved (bob),
    dropped out (carol: old, no visit; erin's first: a later intake), awaiting (dave, erin's
    second), and one 400 days old (gus) outside the default period."""
    grant, lee = make_physician("Dr. Paula Grant"), make_physician("Dr. Sam Lee")
    people = {name: make_client(f"{name}@example.org", name.title(), "Test")
              for name in ("alice", "bob", "carol", "dave", "erin", "frank", "gus")}  # fmt: skip
    alice, bob, carol = people["alice"], people["bob"], people["carol"]
    intake(alice, 60, pain=7)
    referral = make_referral(alice, grant, referral_date=TODAY - dt.timedelta(days=70),
                             expires_on=TODAY + dt.timedelta(days=30))  # fmt: skip
    visit(alice, therapist, 53, pain=6, referral=referral)
    visit(alice, therapist, 46, pain=4, referral=referral)
    intake(bob, 50, pain=6, regions=("calf_l",))
    visit(bob, therapist2, 43, pain=5)
    intake(carol, 40)
    make_referral(carol, lee, referral_date=TODAY - dt.timedelta(days=45),
                  expires_on=TODAY + dt.timedelta(days=45))  # fmt: skip
    intake(people["dave"], 5)
    intake(people["erin"], 20)
    intake(people["erin"], 10)
    intake(people["frank"], 30, pain=8, regions=("buttock_l", "calf_l"))
    visit(people["frank"], therapist, 27, pain=5)
    intake(people["gus"], 400)
    clinic.refresh_all()
    return people


def test_it_summarises_each_episode(clinic_data, therapist):
    alice = clinic_data["alice"]
    row = outcome(alice.intakes.get())
    assert (row.follow_ups, row.visits_to_improvement, row.therapist) == (2, 2, therapist)
    assert row.referral.physician.name == "Dr. Paula Grant"
    assert row.started_on == TODAY - dt.timedelta(days=60)
    assert clinic.areas_of(outcome(clinic_data["frank"].intakes.get()).areas) == [
        "Hips and buttocks",
        "Legs",
    ]
    first, second = clinic_data["erin"].intakes.order_by("submitted_at")
    assert outcome(first).later_episode and not outcome(second).later_episode


def test_it_counts_improved_dropped_out_and_awaiting(clinic_data):
    total = clinic.clinic_outcomes(today=TODAY).total
    assert (total.episodes, total.followed, total.improved) == (7, 3, 2)
    assert (total.dropped, total.awaiting) == (2, 2)  # carol and erin's first; dave, erin's 2nd
    assert total.median_visits == 1.5  # after 2 visits (alice) and 1 (frank)
    assert (total.improved_percent, total.dropped_percent) == (67, 29)


def test_it_groups_by_physician_therapist_and_area(clinic_data):
    report = clinic.clinic_outcomes(today=TODAY)
    physicians = {g.label: (g.episodes, g.improved, g.dropped) for g in report.physicians}
    assert physicians == {"Dr. Paula Grant": (1, 1, 0), "Dr. Sam Lee": (1, 0, 1),
                          "No referring physician": (5, 1, 1)}  # fmt: skip
    therapists = {g.label: (g.episodes, g.improved, g.median_visits) for g in report.therapists}
    assert therapists == {"Tess Healer": (2, 2, 1.5), "Theo Kneader": (1, 0, None),
                          "No follow-up visit yet": (4, 0, None)}  # fmt: skip
    areas = [(g.label, g.episodes, g.improved) for g in report.areas]
    assert areas == [("Back", 5, 1), ("Hips and buttocks", 1, 1), ("Legs", 2, 1)]


def test_physicians_past_the_busiest_share_one_line_with_an_exact_median(clinic_data, monkeypatch):
    extra = make_physician("Dr. Third")
    frank = clinic_data["frank"]
    make_referral(frank, extra, referral_date=TODAY - dt.timedelta(days=40))
    clinic.refresh_all()
    monkeypatch.setattr(clinic, "TOP", 1)
    physicians = clinic.clinic_outcomes(today=TODAY).physicians
    assert [(g.label, g.episodes, g.improved) for g in physicians] == [
        ("Dr. Paula Grant", 1, 1),
        ("All other physicians (2)", 2, 1),  # Dr. Sam Lee's carol, Dr. Third's frank
        ("No referring physician", 4, 0),
    ]
    assert physicians[1].median_visits == 1.0


def test_the_period_counts_episodes_by_the_day_they_started(clinic_data):
    assert clinic.clinic_outcomes(period="3m", today=TODAY).total.episodes == 7
    assert clinic.clinic_outcomes(period="12m", today=TODAY).total.episodes == 7
    everything = clinic.clinic_outcomes(period="all", today=TODAY).total
    assert (everything.episodes, everything.dropped) == (8, 3)  # gus: 400 days, no visit


def test_an_episode_drops_out_only_after_the_set_days(clinic_data):
    carol_day = TODAY - dt.timedelta(days=40)
    just_before = carol_day + dt.timedelta(days=clinic.DROPOUT_DAYS)
    assert clinic.clinic_outcomes(today=just_before).total.dropped == 1  # erin's first only
    assert clinic.clinic_outcomes(today=just_before + dt.timedelta(days=1)).total.dropped == 2


@pytest.mark.parametrize(
    ("visits", "median"), [([], None), ([3], 3.0), ([1, 4], 2.5), ([1, 2, 9], 2.0)]
)
def test_the_median_counts_improved_episodes_only(visits, median):
    group = clinic.Group("g")
    for n in visits:
        group.add({"episodes": 1, "followed": 1, "dropped": 0, "visits": n})
    group.add({"episodes": 2, "followed": 2, "dropped": 0, "visits": None})  # not improved
    assert group.median_visits == median


def test_the_referring_physician_is_the_notes_then_the_intakes_then_the_current_one():
    day = dt.date(2026, 5, 10)

    class Intake:
        pk = 1

    def ref(id_, intake_id=None, dated=day, expires=None, status="active"):
        return {"id": id_, "intake_id": intake_id, "referral_date": dated, "expires_on": expires,
                "status": status}  # fmt: skip

    class Note:
        def __init__(self, referral_id):
            self.referral_id = referral_id

    older, filed = ref(1, dated=day - dt.timedelta(days=9)), ref(2, intake_id=1)
    assert clinic._referral_for(Intake, day, [Note(1), Note(2), Note(1)], [older, filed]) == 1
    assert clinic._referral_for(Intake, day, [Note(99)], [older, filed]) == 2  # 99: not incoming
    assert clinic._referral_for(Intake, day, [], [older, ref(3, dated=day - dt.timedelta(1))]) == 3
    expired = ref(4, expires=day - dt.timedelta(days=1))
    later = ref(5, dated=day + dt.timedelta(days=1))
    assert (
        clinic._referral_for(Intake, day, [], [expired, later, ref(6, status="cancelled")]) is None
    )


def test_submitting_an_intake_refreshes_its_client(alice):
    first = make_intake(alice)
    assert outcome(first).follow_ups == 0 and not outcome(first).later_episode
    second = make_intake(alice)
    assert outcome(first).later_episode and not outcome(second).later_episode


def test_signing_a_note_refreshes_its_client(alice, therapist):
    first = intake(alice, 10, pain=8)
    note = make_note(alice, therapist, psfs=[], pain_before=5, regions_treated=["lower_back_l"])
    sign_note(note=note, therapist=therapist)
    row = outcome(first)
    assert (row.follow_ups, row.visits_to_improvement, row.therapist) == (1, 1, therapist)


def test_a_failing_refresh_does_not_undo_the_signature(alice, therapist, monkeypatch, caplog):
    intake(alice, 10)
    note = make_note(alice, therapist, psfs=[], regions_treated=["lower_back_l"])

    def fail(*args, **kwargs):
        raise RuntimeError("summary broken")

    monkeypatch.setattr(clinic, "refresh_clients", fail)
    with caplog.at_level(logging.ERROR, logger="intake.outcomes.clinic"):
        sign_note(note=note, therapist=therapist)
    note.refresh_from_db()
    assert note.is_signed
    assert f"client #{alice.pk}" in caplog.text and "Alice" not in caplog.text


def test_a_refresh_costs_the_same_queries_for_one_client_or_many(therapist):
    def build(n: int) -> list[int]:
        ids = []
        for i in range(n):
            person = make_client(f"p{n}-{i}@example.org", "P", f"Person{i}")
            intake(person, 30)
            intake(person, 20)
            visit(person, therapist, 10, pain=3, referral=make_referral(person))
            ids.append(person.pk)
        return ids

    counts = []
    for ids in (build(1), build(5)):
        with CaptureQueriesContext(connection) as captured:
            written = clinic.refresh_clients(ids)
        counts.append(len(captured))
        assert written == 2 * len(ids)
    assert counts[0] == counts[1]


def test_refreshing_again_replaces_rows_and_the_command_reports(clinic_data, capsys):
    before = EpisodeOutcome.objects.count()
    call_command("recompute_outcomes", "--batch-size", "2")
    assert EpisodeOutcome.objects.count() == before == 8
    assert "Summarised 8 episode(s) of care." in capsys.readouterr().out


def test_the_command_refuses_a_batch_below_one(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("recompute_outcomes", "--batch-size", "0")


def test_migration_0008_backfills_the_summary(clinic_data, capsys):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("intake.migrations.0008_episode_outcomes")
    EpisodeOutcome.objects.all().delete()
    migration.backfill(apps, schema_editor=None)
    assert "Summarised the outcomes of 8 episode(s) of care." in capsys.readouterr().out
    assert clinic.clinic_outcomes(today=TODAY).total.improved == 2
