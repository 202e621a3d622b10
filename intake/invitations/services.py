"""Invitation workflows: create a client at the front desk, invite them (a single-use link by
e-mail), resend, revoke, open and accept (set a password: the login is linked to the client's
record), and the invitations a client asks for by signing up with an e-mail the clinic has."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from intake.accounts.models import Client, Role, User
from intake.invitations.models import Invitation
from intake.languages import client_language
from intake.referrals.alerts import absolute_url
from intake.submissions.models import IntakeSubmission

State = Invitation.State


class NotUsable(Exception):
    """The invitation was used, revoked or has expired meanwhile: nothing was changed."""


def hash_token(token: str) -> str:
    """What is stored of a link's token: its SHA-256 (the token has 256 random bits, so no
    key or salt is needed to make the hash useless to someone who reads the table)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.INVITATION_EXPIRY_DAYS)


def find(token: str) -> Invitation | None:
    """The invitation a link's token names, whatever its state; None for a token never issued."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("client").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def create_client(
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    date_of_birth: dt.date,
    language: str = "",
) -> Client:
    """A client booked by the front desk: a record without a login (the invitation adds one).
    ``language``: the one they read in, when the front desk knows it (invitation e-mails use it)."""
    return Client.objects.create(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        date_of_birth=date_of_birth,
        language=language,
    )


def invite(*, client: Client, by: User | None, email: str = "") -> Invitation:
    """Send ``client`` an intake invitation (to ``email``, else the client's own). Any open
    invitation of theirs is revoked first: only the newest link works."""
    token, token_hash = _new_token()
    now = timezone.now()
    with transaction.atomic():
        Client.objects.select_for_update().filter(pk=client.pk).first()  # one invite at a time
        Invitation.objects.filter(
            client=client, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now, revoked_by=by)
        invitation = Invitation.objects.create(
            client=client,
            email=(email or client.email).strip().lower(),
            token_hash=token_hash,
            created_by=by,
            expires_at=_expiry(),
            sent_at=now,
            times_sent=1,
        )
        transaction.on_commit(lambda: send_invitation(invitation, token))
    return invitation


def resend(*, invitation: Invitation) -> Invitation:
    """A fresh link (the old one stops working) with a fresh expiry, e-mailed again."""
    token, token_hash = _new_token()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.used_at or locked.revoked_at:
            raise NotUsable
        locked.token_hash = token_hash
        locked.expires_at = _expiry()
        locked.sent_at = timezone.now()
        locked.times_sent += 1
        locked.save(update_fields=["token_hash", "expires_at", "sent_at", "times_sent"])
        transaction.on_commit(lambda: send_invitation(locked, token))
    return locked


def revoke(*, invitation: Invitation, by: User) -> bool:
    """Stop the link working; False when it was already used or revoked."""
    return bool(
        Invitation.objects.filter(
            pk=invitation.pk, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now(), revoked_by=by)
    )


def mark_opened(invitation: Invitation) -> None:
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=invitation.opened_at
        )


def login_taken(invitation: Invitation) -> bool:
    """Someone already has a login with the address the invitation went to."""
    return User.objects.filter(email__iexact=invitation.email).exists()


@transaction.atomic
def accept(*, invitation: Invitation, password: str) -> User:
    """Use the link: a login for the invited client, with the address the link was sent to
    (opening the link proves it is theirs), linked to their record. Once only."""
    locked = Invitation.objects.select_for_update().select_related("client").get(pk=invitation.pk)
    client = Client.objects.select_for_update().get(pk=locked.client_id)
    if not locked.is_usable or client.user_id is not None or login_taken(locked):
        raise NotUsable
    user = User.objects.create_user(
        email=locked.email,
        password=password,
        first_name=client.first_name,
        last_name=client.last_name,
        role=Role.CLIENT,
    )
    client.user = user
    client.email = client.email or locked.email
    client.save(update_fields=["user", "email", "updated_at"])
    locked.used_at = timezone.now()
    locked.opened_at = locked.opened_at or locked.used_at
    locked.save(update_fields=["used_at", "opened_at"])
    return user


def unlinked_clients(email: str) -> list[Client]:
    """Clients the clinic created with this e-mail who have no login yet."""
    return list(Client.objects.filter(email__iexact=email.strip(), user__isnull=True)[:5])


def invite_on_signup(*, email: str) -> int:
    """Someone signs up with an address the clinic already has for clients without a login:
    instead of a second record, each such client is sent an invitation (to that address, which
    proves it is theirs). Returns how many were sent."""
    clients = unlinked_clients(email)
    for client in clients:
        invite(client=client, by=None, email=email)
    return len(clients)


def with_progress(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """Annotate whether the client started (``intake_started``) or submitted
    (``intake_submitted``) an intake since the invitation was created: one query for a list."""
    since = IntakeSubmission.objects.filter(
        client=OuterRef("client_id"), created_at__gte=OuterRef("created_at")
    )
    return invitations.annotate(
        intake_started=Exists(since),
        intake_submitted=Exists(since.filter(status=IntakeSubmission.Status.SUBMITTED)),
    )


def state_of(invitation: Invitation) -> str:
    """Its state for staff, from an invitation annotated by ``with_progress``: what the client
    has got to comes first (a submitted intake is the point of it all)."""
    if getattr(invitation, "intake_submitted", False):
        return State.SUBMITTED
    if getattr(invitation, "intake_started", False):
        return State.STARTED
    if invitation.revoked_at:
        return State.REVOKED
    if invitation.used_at or invitation.opened_at:
        return State.OPENED
    if invitation.is_expired:
        return State.EXPIRED
    return State.SENT


SUBJECT = _("Your intake form for %(clinic)s")
BODY = _(
    "Hello,\n\n"
    "%(clinic)s invites you to fill in your intake form before your visit.\n\n"
    "Open this link to choose a password and start: %(url)s\n\n"
    "The link works once, until %(expires)s. If it has expired, ask us for a new one, or log in "
    "if you already have an account.\n\n"
    "If you did not expect this e-mail, you can ignore it.\n"
)


def send_invitation(invitation: Invitation, token: str) -> int:
    """E-mail the link, in the client's language. No name, no health detail: only that the
    clinic invites them."""
    url = absolute_url(reverse("invitation_open", kwargs={"token": token}))
    with translation.override(client_language(invitation.client)):
        expires = formats.date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT")
        values = {"clinic": settings.CLINIC_NAME, "url": url, "expires": expires}
        subject, body = SUBJECT % values, BODY % values
    return send_mail(subject, body, None, [invitation.email])
