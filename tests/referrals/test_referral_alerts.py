"""The referral_alerts command: one digest a day to admins, nothing new on a second run."""

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from intake.referrals import services
from intake.referrals.models import AlertLog
from tests.factories import make_intake, make_referral, signed_note_for

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> str:
    out = io.StringIO()
    call_command("referral_alerts", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def situation(alice, bob, physician, therapist):
    today = timezone.localdate()
    expiring = make_referral(alice, physician, status="active",
                             expires_on=today + dt.timedelta(days=10))  # fmt: skip
    low = make_referral(bob, physician, status="verified", visits_authorized=3)
    signed_note_for(low, therapist)
    # Not alerted: far expiry and plenty of visits; completed; already expired.
    make_referral(alice, physician, status="active", expires_on=today + dt.timedelta(days=60))
    make_referral(alice, physician, status="completed", expires_on=today + dt.timedelta(days=3))
    urgent = make_intake(bob, saddle_numbness=True)
    make_intake(alice, takes_blood_thinners=True)  # caution only: no alert
    return {"expiring": expiring, "low": low, "urgent": urgent}


def test_it_mails_admins_a_digest(situation, admin_user, therapist):
    output = run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin_user.email]
    body = message.body
    assert f"Referral #{situation['expiring'].pk} (Alice Anders" in body
    assert "expires in 10 days" in body
    assert f"Referral #{situation['low'].pk} (Bob Brown" in body
    assert "2 of 3 visits left" in body
    assert f"Intake #{situation['urgent'].pk} (Bob Brown): Urgent flag" in body
    assert body.count("Referral #") == 2
    assert body.count("Intake #") == 1
    assert "saddle" not in body.lower()  # no answers or reasons in e-mail
    assert "3 new alert(s)" in output


def test_running_twice_the_same_day_sends_nothing_new(situation, admin_user):
    run()
    assert "0 new alert(s)" in run()
    assert len(mail.outbox) == 1
    assert AlertLog.objects.count() == 3


def test_a_new_problem_the_same_day_is_sent_alone(situation, admin_user, alice, physician):
    run()
    today = timezone.localdate()
    later = make_referral(alice, physician, expires_on=today + dt.timedelta(days=1))
    run()
    assert len(mail.outbox) == 2
    assert f"Referral #{later.pk}" in mail.outbox[1].body
    assert f"Referral #{situation['expiring'].pk}" not in mail.outbox[1].body


def test_it_alerts_again_on_the_next_day(situation, admin_user):
    run()
    AlertLog.objects.update(day=timezone.localdate() - dt.timedelta(days=1))
    run()
    assert len(mail.outbox) == 2


def test_a_letter_alone_does_not_silence_the_alert(situation, physician, admin_user):
    services.create_outgoing_from_intake(intake=situation["urgent"], physician=physician,
                                         by=admin_user)  # fmt: skip
    run()
    assert f"Intake #{situation['urgent'].pk} " in mail.outbox[0].body


def test_an_intake_followed_up_is_not_alerted(situation, admin_user):
    from tests.factories import make_follow_up

    make_follow_up(situation["urgent"], admin_user, outcome="not_reached")
    run()
    assert f"Intake #{situation['urgent'].pk} " in mail.outbox[0].body
    mail.outbox.clear()
    AlertLog.objects.all().delete()  # as on the next day
    make_follow_up(situation["urgent"], admin_user, outcome="emergency")
    run()
    assert "Intake #" not in mail.outbox[0].body


def test_it_sends_nothing_when_all_is_well(admin_user):
    assert "0 new alert(s)" in run()
    assert mail.outbox == []


def test_dry_run_sends_and_logs_nothing(situation, admin_user):
    output = run("--dry-run")
    assert "Referral #" in output
    assert mail.outbox == []
    assert not AlertLog.objects.exists()


def test_it_needs_an_admin_to_mail(situation):
    assert "No active admin" in run()
    assert not AlertLog.objects.exists()


def test_its_links_are_absolute_on_the_site_url(situation, admin_user, settings):
    settings.SITE_URL = "https://clinic.example.org/"
    run()
    body = mail.outbox[0].body
    referral_url = f"https://clinic.example.org/staff/referrals/{situation['expiring'].pk}/"
    assert referral_url in body
    assert f"https://clinic.example.org/staff/intakes/{situation['urgent'].pk}/" in body
    assert " · /" not in body  # no relative link left


def site_url_setting(**env_over: str) -> str:
    """SITE_URL as clinic/settings.py reads it from a fresh environment."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"DEBUG": "1", **env_over}
    code = "import clinic.settings as s; print(s.SITE_URL)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.strip()


def test_the_site_url_comes_from_the_environment_with_a_development_default():
    assert site_url_setting() == "http://127.0.0.1:8000"
    assert site_url_setting(SITE_URL="https://clinic.example.org") == "https://clinic.example.org"
