"""The moment an urgent intake is submitted, every active therapist and admin is e-mailed a link
to its summary, after the transaction commits, with no health details."""

import pytest
from django.core import mail
from django.urls import reverse

from intake.jobs import urgent
from intake.submissions import services
from tests.factories import make_intake, make_user
from tests.fixtures.submissions import step_data
from tests.submissions.test_intake_wizard import complete, start, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_client_receipt(monkeypatch):
    """These tests count the staff's alerts: the client's own receipt of their intake is left
    out (it is tested in tests/clients_pages/test_client_emails.py)."""
    from intake import notifications

    monkeypatch.setattr(notifications, "intake_received_after_commit", lambda intake: None)


@pytest.fixture
def staff(therapist, therapist2, admin_user):
    make_user("gone@example.org", is_active=False)  # left the clinic
    return {therapist.email, therapist2.email, admin_user.email}


def submit_through_the_wizard(http, intake, **safety):
    complete(http, intake, until=6, overrides={5: safety})
    return http.post(step_url(intake, 7), step_data(7))


def test_it_mails_every_active_therapist_and_admin_a_link_after_commit(
    alice_http, staff, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://clinic.example.org/"
    intake = start(alice_http)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_through_the_wizard(alice_http, intake, saddle_numbness="yes")
    assert len(callbacks) == 1 and mail.outbox == []  # nothing before the commit
    callbacks[0]()
    assert {tuple(message.to) for message in mail.outbox} == {(email,) for email in staff}
    link = "https://clinic.example.org" + reverse("intake_summary", kwargs={"intake_id": intake.pk})
    for message in mail.outbox:
        assert message.subject == "An intake needs attention"
        assert link in message.body


def test_the_mail_holds_no_health_details(alice_http, staff, django_capture_on_commit_callbacks):
    intake = start(alice_http)
    with django_capture_on_commit_callbacks(execute=True):
        submit_through_the_wizard(alice_http, intake, bladder_change="yes", bowel_change="yes")
    message = mail.outbox[0]
    text = f"{message.subject}\n{message.body}".lower()
    for detail in ("alice", "anders", "bladder", "bowel", "urgent", "saddle", "pain", "leg",
                   "back", "emergency", "flag", "5550101", "555-0101", "1975"):  # fmt: skip
        assert detail not in text, detail


@pytest.mark.parametrize(
    "safety", [{}, {"cancer_history": "yes", "recent_significant_trauma": "yes"}]
)
def test_it_mails_nobody_about_an_intake_that_is_not_urgent(
    alice_http, staff, safety, django_capture_on_commit_callbacks
):
    intake = start(alice_http)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit_through_the_wizard(alice_http, intake, **safety)
    intake.refresh_from_db()
    assert intake.status == "submitted" and intake.flag_level != "urgent"
    assert callbacks == [] and mail.outbox == []


def test_it_mails_for_urgency_from_the_body_map_and_only_once(
    alice, staff, django_capture_on_commit_callbacks
):
    intake = make_intake(alice, submitted=False,
                         marks=[("calf_l", ["weakness"], 4), ("calf_r", ["weakness"], 4)])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_intake(intake=intake, signature="Alice Anders", ip=None, user=alice.user)
        services.submit_intake(intake=intake, signature="Alice Anders", ip=None, user=alice.user)
    assert len(mail.outbox) == len(staff)


def test_a_failing_mail_server_does_not_undo_the_submission(
    alice, staff, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(urgent, "send_mail", refuse)  # the e-mail is sent by intake.jobs
    intake = make_intake(alice, submitted=False, saddle_numbness=True)
    with django_capture_on_commit_callbacks(execute=True):
        submitted, now = services.submit_intake(intake=intake, signature="A A", ip=None, user=None)
    assert now and submitted.flag_level == "urgent"
    intake.refresh_from_db()
    assert intake.status == "submitted"
