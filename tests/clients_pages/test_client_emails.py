"""Issue 19: the e-mails clients expect (their intake received, a handout given to them, an
invitation), through Django's e-mail backend, after the change commits, with no health details:
only that something is waiting and a link to log in."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from intake import notifications
from intake.handouts.models import Exercise
from intake.handouts.seed import load_library
from intake.notifications import emails
from intake.submissions import services
from tests.factories import make_client, make_handout, make_intake

pytestmark = pytest.mark.django_db

SITE = "https://clinic.example.org"


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.SITE_URL = SITE + "/"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CLINIC_NAME = "Elm & Oak <Massage>"


def everything_in(message) -> str:
    """Subject, text and the HTML's text and links (tags and styles left out), lower-cased."""
    html = "".join(content for content, _ in message.alternatives)
    html = re.sub(r"<(?:a [^>]*?(href=\"[^\"]*\")[^>]*|[^>]*)>", r" \1 ", html)
    return f"{message.subject}\n{message.body}\n{html}".lower()


def assert_no_health_details(message, *details: str) -> None:
    text = everything_in(message)
    for detail in ("alice", "anders", "1975", "555-0101", "flag", "urgent", "physician",
                   "pain", "leg", "back", "calf", "numb", "cancer", "pregnan", *details):  # fmt: skip
        assert detail.lower() not in text, detail


def submit(intake):
    return services.submit_intake(
        intake=intake, signature="Alice Anders", ip=None, user=intake.client.user
    )


# ---------------------------------------------------------------- intake received


def test_it_tells_the_client_their_intake_arrived_after_commit(
    alice, django_capture_on_commit_callbacks
):
    intake = make_intake(alice, submitted=False, main_complaint="Sciatica down my left calf")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(intake)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "Elm & Oak <Massage> received your intake form"
    link = SITE + reverse("my_intake_summary", kwargs={"intake_id": intake.pk})
    assert link in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and f'href="{link}"' in html
    assert "Elm &amp; Oak &lt;Massage&gt;" in html  # escaped in HTML, as typed in the text
    assert "Elm & Oak <Massage> received your intake form" in message.body


def test_the_receipt_holds_no_health_details(alice, django_capture_on_commit_callbacks):
    intake = make_intake(alice, submitted=False, flagged=True, pregnant=True,
                         main_complaint="Sciatica", medications="Warfarin")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        submit(intake)
    (receipt,) = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert_no_health_details(receipt, "sciatica", "warfarin", "blood", "buttock")


def test_it_sends_one_receipt_when_an_intake_is_submitted_twice(
    alice, django_capture_on_commit_callbacks
):
    intake = make_intake(alice, submitted=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(intake)
        submit(intake)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_it_writes_to_the_login_not_an_older_contact_address(
    alice, django_capture_on_commit_callbacks
):
    alice.email = "old-address@example.org"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit(make_intake(alice, submitted=False))
    assert mail.outbox[0].to == ["alice@example.org"]


def test_it_sends_nothing_to_a_client_without_a_login(db, django_capture_on_commit_callbacks):
    """A client the front desk booked (kiosk, paper form) has no page to link to."""
    from intake.invitations.services import create_client

    booked = create_client(first_name="Nina", last_name="Newman", email="nina@example.org",
                           phone="555-0111", date_of_birth=None)  # fmt: skip
    intake = make_intake(booked, submitted=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_intake(intake=intake, signature="Nina Newman", ip=None, user=None)
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_submission(
    alice, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(emails, "send", refuse)
    intake = make_intake(alice, submitted=False)
    with django_capture_on_commit_callbacks(execute=True):
        _, now = submit(intake)
    intake.refresh_from_db()
    assert now and intake.status == "submitted"


def test_the_sender_takes_an_id_and_skips_a_draft(alice):
    """The plain function a task queue would call: an id in, the number sent out."""
    draft = make_intake(alice, submitted=False)
    assert notifications.intake_received(draft.pk) == 0
    assert notifications.intake_received(10**9) == 0
    assert mail.outbox == []


# ---------------------------------------------------------------- handout given


@pytest.fixture
def handout(alice, therapist):
    load_library()
    slugs = list(Exercise.objects.values_list("slug", flat=True)[:3])
    return make_handout(alice, therapist, slugs=slugs, title="Figure-four for sciatica")


def test_it_tells_the_client_a_handout_is_waiting_when_staff_give_it(
    handout, therapist_http, django_capture_on_commit_callbacks
):
    url = reverse("handout_assign", kwargs={"handout_id": handout.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert therapist_http.post(url).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "A document from Elm & Oak <Massage> is waiting for you"
    link = SITE + reverse("client_handout", kwargs={"handout_id": handout.pk})
    assert link in message.body and f'href="{link}"' in message.alternatives[0][0]
    names = [item.exercise.name for item in handout.items.select_related("exercise")]
    assert_no_health_details(message, "figure-four", "sciatica", *names)


def test_it_sends_nothing_for_a_handout_that_could_not_be_given(
    handout, therapist_http, django_capture_on_commit_callbacks
):
    handout.items.all().delete()
    url = reverse("handout_assign", kwargs={"handout_id": handout.pk})
    with django_capture_on_commit_callbacks(execute=True):
        therapist_http.post(url)
    assert mail.outbox == []
    assert notifications.handout_given(handout.pk) == 0  # never given: nothing to tell


def test_it_sends_nothing_when_the_clients_login_is_deactivated(
    handout, therapist_http, django_capture_on_commit_callbacks
):
    handout.client.user.is_active = False
    handout.client.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        therapist_http.post(reverse("handout_assign", kwargs={"handout_id": handout.pk}))
    assert mail.outbox == []


# ---------------------------------------------------------------- the invitation


def test_the_invitation_says_nothing_of_a_record_the_clinic_already_holds(
    admin_user, django_capture_on_commit_callbacks
):
    """The invitation (intake.invitations) goes through the same backend after commit and,
    like the others, names no one and says nothing of health, even for a client with an intake
    already typed in from paper."""
    from intake.invitations.services import create_client, invite

    booked = create_client(first_name="Nina", last_name="Newman", email="nina@example.org",
                           phone="555-0111", date_of_birth=None)  # fmt: skip
    make_intake(booked, flagged=True, main_complaint="Sciatica")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invite(client=booked, by=admin_user)
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["nina@example.org"] and SITE + "/invite/" in message.body
    assert_no_health_details(message, "nina", "newman", "sciatica")


def test_a_client_made_by_the_factory_has_a_login_the_mails_go_to(db):
    """The recipient rule, read directly: the login's address, active logins only."""
    someone = make_client("sam@example.org", "Sam", "Lee")
    assert emails.recipient(someone) == "sam@example.org"
