"""Background work (intake.jobs): the urgent-intake e-mail reaches each staff member once,
whatever fails and however often it is tried; the daily referral alerts run as a task."""

from __future__ import annotations

import threading
import time

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from clinic.celery import app
from intake.jobs import tasks, urgent
from intake.jobs.models import UrgentIntakeEmail
from intake.submissions import services
from tests.factories import make_intake, make_referral, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(therapist, therapist2, admin_user):
    make_user("gone@example.org", is_active=False)  # left the clinic: never e-mailed
    return sorted([therapist.email, therapist2.email, admin_user.email])


def submit_urgent(client, capture):
    intake = make_intake(client, submitted=False, saddle_numbness=True)
    with capture(execute=True):
        services.submit_intake(intake=intake, signature="A A", ip=None, user=client.user)
    return intake


def recipients() -> list[str]:
    """Who received the urgent-intake e-mail (the client's own receipt is another e-mail)."""
    return sorted(
        to
        for message in mail.outbox
        if message.subject == services.URGENT_SUBJECT
        for to in message.to
    )


def test_without_a_broker_the_task_runs_at_once_in_the_process():
    assert settings.CELERY_BROKER_URL == "" and app.conf.task_always_eager


def test_submitting_an_urgent_intake_mails_each_staff_member_once(
    alice, staff, django_capture_on_commit_callbacks
):
    intake = submit_urgent(alice, django_capture_on_commit_callbacks)
    assert recipients() == staff
    assert UrgentIntakeEmail.objects.filter(intake=intake).count() == len(staff)


def test_running_the_task_again_sends_nothing(alice, staff, django_capture_on_commit_callbacks):
    intake = submit_urgent(alice, django_capture_on_commit_callbacks)
    assert tasks.email_urgent_intake.delay(intake.pk).get() == 0
    assert urgent.send_urgent_emails(intake.pk) == 0
    assert recipients() == staff


def test_a_mail_server_error_is_retried_and_sends_nobody_twice(alice, staff, monkeypatch):
    """The server takes the first message, then refuses: the retry sends only the rest."""
    intake = make_intake(alice, saddle_numbness=True)  # on_commit not run: nothing sent yet
    real_send = urgent.send_mail
    calls = []

    def flaky(subject, body, sender, to):
        calls.append(to[0])
        if len(calls) == 2:
            raise ConnectionRefusedError("mail server down")
        return real_send(subject, body, sender, to)

    monkeypatch.setattr(urgent, "send_mail", flaky)
    with pytest.raises(Retry):  # a worker would run it again after the backoff
        tasks.email_urgent_intake.apply(args=[intake.pk], throw=True)
    first, refused = calls
    assert recipients() == [first]
    # The refused one was rolled back: only the first is recorded as sent.
    assert UrgentIntakeEmail.objects.filter(intake=intake).count() == 1
    tasks.email_urgent_intake.apply(args=[intake.pk], throw=True)  # the retry
    assert recipients() == staff
    assert calls[2] == refused and sorted(calls[2:]) == sorted(set(staff) - {first})


def test_the_task_retries_mail_errors_with_a_growing_wait():
    task = tasks.email_urgent_intake
    assert task.autoretry_for == (OSError,) and task.max_retries == 10
    assert task.retry_backoff == 15 and task.retry_backoff_max == 600


def test_a_failing_mail_server_keeps_the_intake_and_the_sweep_sends_later(
    alice, staff, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(urgent, "send_mail", refuse)
    intake = submit_urgent(alice, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == "submitted" and intake.flag_level == "urgent"
    assert not UrgentIntakeEmail.objects.exists() and recipients() == []
    assert urgent.unsent_intake_ids() == [intake.pk]

    monkeypatch.undo()  # the mail server is back: beat's sweep runs
    assert tasks.send_pending_urgent_emails.delay().get() == 1
    assert recipients() == staff
    assert urgent.unsent_intake_ids() == []
    assert tasks.send_pending_urgent_emails.delay().get() == 0
    assert recipients() == staff


def test_the_sweep_leaves_old_and_non_urgent_intakes_alone(alice, bob, staff):
    make_intake(alice, saddle_numbness=True, when=timezone.now() - urgent.SWEEP_WINDOW * 2)
    make_intake(bob, cancer_history=True)  # see a physician: no immediate e-mail
    assert urgent.unsent_intake_ids() == []


def test_an_unreachable_broker_sends_from_the_process_instead(alice, staff, monkeypatch):
    intake = make_intake(alice, saddle_numbness=True)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to the broker")

    monkeypatch.setattr(tasks.email_urgent_intake, "delay", broker_down)
    assert services.notify_urgent_intake(intake.pk) == len(staff)
    assert recipients() == staff


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="SQLite's shared in-memory test database locks whole tables across threads: "
    "runs in `make test-postgres`",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_e_mail_once(alice, staff, monkeypatch):
    """Two deliveries of the same task at the same moment (a redelivered message)."""
    intake = make_intake(alice, saddle_numbness=True)
    UrgentIntakeEmail.objects.all().delete()  # as if the e-mails were still to be sent
    mail.outbox.clear()
    real_send = urgent.send_mail

    def slow(*args, **kwargs):
        time.sleep(0.05)  # a mail server taking its time: the other worker arrives meanwhile
        return real_send(*args, **kwargs)

    monkeypatch.setattr(urgent, "send_mail", slow)
    results, start = [], threading.Barrier(2)

    def worker():
        from django.db import connection

        start.wait()
        try:
            results.append(urgent.send_urgent_emails(intake.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) in ([0, 3], [1, 2])  # however they interleave, 3 in all
    assert recipients() == staff


def test_the_daily_referral_alerts_task_mails_the_digest_once(alice, physician, admin_user):
    today = timezone.localdate()
    make_referral(alice, physician, status="active", expires_on=today + timezone.timedelta(days=3))
    assert tasks.send_referral_alerts.delay().get() == 1
    assert tasks.send_referral_alerts.delay().get() == 0
    assert [message.to for message in mail.outbox] == [[admin_user.email]]


def test_the_beat_schedule_names_registered_tasks():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    assert schedule["referral-alerts"]["schedule"].hour == {settings.REFERRAL_ALERTS_HOUR}
    assert schedule["audit-digest"]["schedule"].hour == {settings.AUDIT_DIGEST_HOUR}


def test_the_audit_digest_task_e_mails_the_chains_head(settings, admin_user):
    from intake import audit

    settings.AUDIT_DIGEST_RECIPIENTS = ["owner@example.org"]
    audit.record(None, audit.Action.LOGIN, user=admin_user)
    assert tasks.send_audit_digest.delay().get() == 1
    assert mail.outbox[-1].to == ["owner@example.org"]
    settings.AUDIT_DIGEST_RECIPIENTS = []
    assert tasks.send_audit_digest.delay().get() == 0
