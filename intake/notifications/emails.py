"""The client e-mails: who receives one, what it links to, and how it is rendered and sent.

See the package's docstring for what an e-mail may say (nothing about the client's health)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from intake.accounts.models import Client
from intake.handouts.models import Handout
from intake.languages import client_language
from intake.referrals.alerts import absolute_url
from intake.submissions.models import IntakeSubmission

INTAKE_RECEIVED = "intake_received"
HANDOUT_GIVEN = "handout_given"


def recipient(client: Client) -> str:
    """The address to write to: the client's login, which opens the linked page (the e-mail's
    point); ``""`` for a client without a login (they are told in person, at the clinic)."""
    user = client.user
    if user is None or not user.is_active:
        return ""
    return user.email or client.email


def send(kind: str, *, to: str, link: str, language: str) -> int:
    """Render ``templates/emails/<kind>_subject.txt``, ``<kind>.txt`` and ``<kind>.html`` in
    ``language`` and send them to ``to``; returns how many were sent (0 or 1). The templates are
    given the clinic's name and contact details and the link, nothing about the client."""
    context = {
        "clinic": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_PHONE,
        "clinic_email": settings.CLINIC_EMAIL,
        "link": link,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
        text = render_to_string(f"emails/{kind}.txt", context)
        html = render_to_string(f"emails/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(html, "text/html")
    return message.send()


def intake_received(intake_id: int) -> int:
    """Tell the client their intake reached the clinic, with a link to its summary."""
    intake = (
        IntakeSubmission.objects.select_related("client__user")
        .filter(pk=intake_id, status=IntakeSubmission.Status.SUBMITTED)
        .first()
    )
    to = recipient(intake.client) if intake is not None else ""
    if not to:
        return 0
    link = absolute_url(reverse("my_intake_summary", kwargs={"intake_id": intake.pk}))
    return send(INTAKE_RECEIVED, to=to, link=link, language=client_language(intake.client))


def handout_given(handout_id: int) -> int:
    """Tell the client a home-care handout is waiting for them, with a link to it."""
    handout = (
        Handout.objects.select_related("client__user")
        .filter(pk=handout_id, assigned_at__isnull=False)
        .first()
    )
    to = recipient(handout.client) if handout is not None else ""
    if not to:
        return 0
    link = absolute_url(reverse("client_handout", kwargs={"handout_id": handout.pk}))
    return send(HANDOUT_GIVEN, to=to, link=link, language=client_language(handout.client))


def intake_received_after_commit(intake: IntakeSubmission) -> None:
    """Send :func:`intake_received` once the current transaction commits (robust: a mail
    server's error is logged, the submission stands)."""
    intake_id = intake.pk
    transaction.on_commit(lambda: intake_received(intake_id), robust=True)


def handout_given_after_commit(handout: Handout) -> None:
    """Send :func:`handout_given` once the current transaction commits (robust, as above)."""
    handout_id = handout.pk
    transaction.on_commit(lambda: handout_given(handout_id), robust=True)
