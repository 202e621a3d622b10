"""The daily audit digest (``manage.py audit_digest``): the chain head to the clinic owner, with no
client's name or health answer in it."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from intake.audit import digest
from intake.audit.models import AuditEvent
from tests.audit.test_verify_audit import tamper


@pytest.fixture
def owner(settings):
    settings.AUDIT_DIGEST_RECIPIENTS = ["owner@example.org"]


def test_it_mails_the_chain_head_to_the_owner(owner, make_events, therapist, alice):
    make_events(3, user=therapist, client=alice)
    head = AuditEvent.objects.order_by("-id").first()
    out = io.StringIO()
    call_command("audit_digest", stdout=out)
    assert "sent to 1 recipient" in out.getvalue()
    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "intact" in message.subject
    assert f"verify_audit --head {head.pk}:{head.hash}" in message.body
    assert "Events in the database: 3" in message.body


def test_it_names_no_client_and_no_answer(owner, therapist, alice, make_events):
    from intake import audit

    make_events(1, user=therapist, client=alice)
    audit.record(None, "view", client=alice, user=therapist, detail="chart")
    digest.send_digest()
    body = mail.outbox[0].body + mail.outbox[0].subject
    for private in (alice.first_name, alice.last_name, alice.email, "1975"):
        assert private not in body


def test_it_says_when_the_chain_is_broken(owner, make_events, therapist, alice):
    events = make_events(3, user=therapist, client=alice)
    tamper("UPDATE intake_auditevent SET detail = 'x' WHERE id = %s", [events[1].pk])
    digest.send_digest()
    (message,) = mail.outbox
    assert "BROKEN" in message.subject
    assert f"BROKEN at event #{events[1].pk}" in message.body


def test_it_sends_nothing_without_recipients(settings, db):
    settings.AUDIT_DIGEST_RECIPIENTS = []
    err = io.StringIO()
    call_command("audit_digest", stderr=err)
    assert mail.outbox == []
    assert "AUDIT_DIGEST_RECIPIENTS is empty" in err.getvalue()


def test_it_prints_without_sending_on_a_dry_run(owner, db):
    out = io.StringIO()
    call_command("audit_digest", "--dry-run", stdout=out)
    assert "No events yet." in out.getvalue()
    assert mail.outbox == []
