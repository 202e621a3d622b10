"""Invitation fixtures: a client the front desk booked (no login yet) and a sent invitation with
its link's token, read from the e-mail as the client would."""

import re

import pytest
from django.core import mail

LINK = re.compile(r"http://testserver(/invite/[^/\s]+/)")


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def booked(db):
    """A client the front desk created: a record without a login."""
    import datetime as dt

    from intake.invitations.services import create_client

    return create_client(
        first_name="Nina",
        last_name="Newman",
        email="nina@example.org",
        phone="555-0111",
        date_of_birth=dt.date(1970, 3, 4),
    )


@pytest.fixture
def sent(booked, admin_user, django_capture_on_commit_callbacks):
    """(invitation, link path) for ``booked``."""
    from intake.invitations.services import invite

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(client=booked, by=admin_user)
    return invitation, link_in(mail.outbox[-1])
