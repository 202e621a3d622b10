"""`manage.py recompute_flags` and migration 0004's data step: every submitted intake whose flag
level was computed with older rules is recomputed, in batches, once."""

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from intake.submissions import screening
from intake.submissions.models import IntakeSubmission
from tests.factories import make_intake

pytestmark = pytest.mark.django_db


def stale(intake, level="none", version=1):
    """As if stored by older rules: another level, an older version."""
    IntakeSubmission.objects.filter(pk=intake.pk).update(
        flag_level=level, flag_rules_version=version
    )


@pytest.fixture
def intakes(alice, bob):
    """Three intakes stored by older rules (two of them at a level the rules now disagree
    with), one already current, and a draft."""
    weak = make_intake(alice, marks=[("calf_l", ["weakness"], 4), ("calf_r", ["weakness"], 4)])
    stale(weak, "physician")  # version 1 called this "see a physician"; now urgent
    fever = make_intake(bob, fever_with_back_pain=True)
    stale(fever, "physician")  # a retired question: still physician, only the version moves
    knees = make_intake(bob, marks=[("front_knee_l", ["pain"], 3), ("calf_l", ["weakness"], 2)])
    stale(knees, "none", version=0)
    current = make_intake(alice, pregnant=True)
    draft = make_intake(alice, submitted=False, saddle_numbness=True)
    return {"weak": weak, "fever": fever, "knees": knees, "current": current, "draft": draft}


def stored(intake):
    intake.refresh_from_db()
    return intake.flag_level, intake.flag_rules_version


def test_it_recomputes_older_intakes_and_says_how_many_changed(intakes):
    out = StringIO()
    call_command("recompute_flags", "--batch-size", "2", stdout=out)
    assert out.getvalue().strip() == (
        f"2 intake(s) changed level, of 3 recomputed to rules version {screening.RULES_VERSION}."
    )
    version = screening.RULES_VERSION
    assert stored(intakes["weak"]) == ("urgent", version)
    assert stored(intakes["fever"]) == ("physician", version)
    assert stored(intakes["knees"]) == ("physician", version)  # weakness in one leg
    assert stored(intakes["current"]) == ("caution", version)
    assert stored(intakes["draft"]) == ("none", 0)  # drafts have no stored level


def test_running_it_again_changes_nothing(intakes, django_assert_max_num_queries):
    call_command("recompute_flags", stdout=StringIO())
    out = StringIO()
    with django_assert_max_num_queries(1):
        call_command("recompute_flags", stdout=out)
    assert out.getvalue().startswith("0 intake(s) changed level, of 0 recomputed")


@pytest.mark.parametrize("size", [1, 2, 500])
def test_it_reads_in_batches_of_a_few_queries_each(intakes, size, django_assert_max_num_queries):
    from intake.submissions.services import recompute_flag_levels

    batches = -(-3 // size)  # three stale intakes
    # Per batch: intakes with their clients, their marks, their clinic answers, the update (in
    # a savepoint pair); then the empty read that ends the loop.
    with django_assert_max_num_queries(batches * 6 + 1):
        assert recompute_flag_levels(batch_size=size) == (3, 2)


def test_it_refuses_a_batch_size_below_one():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("recompute_flags", "--batch-size", "0")


def test_the_migration_runs_the_same_recomputation(intakes, capsys):
    migration = importlib.import_module("intake.migrations.0004_screening_rules")
    migration.recompute_flag_levels(apps, schema_editor=None)
    assert (
        "Recomputed the flag level of 3 submitted intake(s): 2 changed." in capsys.readouterr().out
    )
    assert stored(intakes["weak"]) == ("urgent", screening.RULES_VERSION)


def test_a_new_submission_stores_the_current_version(alice):
    intake = make_intake(alice, takes_blood_thinners=True)
    assert stored(intake) == ("caution", screening.RULES_VERSION)
