"""The notes demo seed: three visits for the demo client, two signed, safe to run twice."""

import io

import pytest
from django.core.management import call_command

from intake.notes import seed
from intake.notes.models import SessionNote


@pytest.mark.django_db
def test_it_seeds_three_visits_once():
    call_command("seed_demo", stdout=io.StringIO())
    notes = SessionNote.objects.filter(client__user__email=seed.CLIENT_EMAIL)
    assert notes.count() == 3
    assert notes.filter(signed_at__isnull=False).count() == 2
    assert all(note.psfs_mean is not None for note in notes)
    out = io.StringIO()
    seed.seed(out)
    assert "already there" in out.getvalue()
    assert notes.count() == 3


@pytest.mark.django_db
def test_it_skips_without_the_demo_people():
    out = io.StringIO()
    seed.seed(out)
    assert "skipped" in out.getvalue()
    assert not SessionNote.objects.exists()
