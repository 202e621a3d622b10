"""Kiosk workflows: open a tablet as a kiosk (a device session of its own) and close it, give a
client an arrival code, pick the arriving client from the front desk or let them identify
themselves (name, date of birth, code), start their intake, and clear everything afterwards."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from intake.accounts.models import Client, User
from intake.kiosk.models import ArrivalCode, Kiosk
from intake.submissions import services as intake_services
from intake.submissions.models import IntakeSubmission

CODE_DIGITS = 6


class Locked(Exception):
    """Too many wrong codes on this kiosk: it refuses codes for a few minutes."""


def hash_code(code: str) -> str:
    """An arrival code as stored: keyed with the site's secret (a 6-digit code alone would be
    found from a plain hash in a moment)."""
    return salted_hmac("intake.kiosk.arrival-code", code.strip()).hexdigest()


def open_kiosks() -> QuerySet[Kiosk]:
    """Kiosks in use: not closed, and opened within a session's lifetime (a kiosk's session ends
    with ``SESSION_COOKIE_AGE``; its row stays until someone closes it)."""
    since = timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return Kiosk.objects.filter(closed_at__isnull=True, opened_at__gt=since)


def open_kiosk(*, name: str, by: User) -> Kiosk:
    return Kiosk.objects.create(name=name, opened_by=by)


def close_kiosk(*, kiosk: Kiosk, by: User) -> None:
    Kiosk.objects.filter(pk=kiosk.pk, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_by=by, client=None, intake=None, client_since=None
    )


@transaction.atomic
def new_arrival_code(*, client: Client, by: User) -> str:
    """A fresh code for ``client`` (their earlier unused ones stop working); returned once."""
    now = timezone.now()
    ArrivalCode.objects.filter(client=client, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    ArrivalCode.objects.create(
        client=client,
        code_hash=hash_code(code),
        created_by=by,
        expires_at=now + dt.timedelta(minutes=settings.ARRIVAL_CODE_MINUTES),
    )
    return code


def _same_name(typed: str, stored: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(stored.split()).casefold()


def identify(*, kiosk: Kiosk, last_name: str, date_of_birth: dt.date, code: str) -> Client | None:
    """The client whose unused, unexpired code, last name and date of birth all match; the
    code is used up. A miss counts against the kiosk: after ``KIOSK_CODE_ATTEMPTS`` misses it
    refuses codes for ``KIOSK_LOCK_MINUTES`` (Locked)."""
    now = timezone.now()
    with transaction.atomic():
        locked = Kiosk.objects.select_for_update().get(pk=kiosk.pk)
        if locked.locked_until and locked.locked_until > now:
            raise Locked
        candidates = ArrivalCode.objects.select_for_update().select_related("client")
        match = next(
            (
                arrival
                for arrival in candidates.filter(
                    code_hash=hash_code(code), used_at__isnull=True, expires_at__gt=now
                )
                if arrival.client.date_of_birth == date_of_birth
                and _same_name(last_name, arrival.client.last_name)
            ),
            None,
        )
        if match is None:
            locked.failed_codes += 1
            if locked.failed_codes >= settings.KIOSK_CODE_ATTEMPTS:
                locked.failed_codes = 0
                locked.locked_until = now + dt.timedelta(minutes=settings.KIOSK_LOCK_MINUTES)
            locked.save(update_fields=["failed_codes", "locked_until"])
            return None
        match.used_at, match.used_on = now, locked
        match.save(update_fields=["used_at", "used_on"])
        locked.failed_codes = 0
        locked.save(update_fields=["failed_codes"])
    assign(kiosk=kiosk, client=match.client)
    return match.client


def assign(*, kiosk: Kiosk, client: Client) -> None:
    """The front desk picked ``client`` for this kiosk (or they identified themselves): the
    kiosk greets them and waits for them to start."""
    Kiosk.objects.filter(pk=kiosk.pk, closed_at__isnull=True).update(
        client=client, intake=None, client_since=timezone.now()
    )
    kiosk.client, kiosk.intake, kiosk.client_id, kiosk.intake_id = client, None, client.pk, None


def begin(*, kiosk: Kiosk) -> IntakeSubmission:
    """The kiosk's client starts: their open draft, or a new one pre-filled from their last
    intake (updating it is the point of a return visit)."""
    intake = intake_services.start_intake(client=kiosk.client)
    Kiosk.objects.filter(pk=kiosk.pk).update(intake=intake)
    kiosk.intake, kiosk.intake_id = intake, intake.pk
    return intake


def clear(*, kiosk: Kiosk) -> bool:
    """Forget the kiosk's client and draft (what they saved stays saved); True if there was one."""
    cleared = Kiosk.objects.filter(pk=kiosk.pk, client__isnull=False).update(
        client=None, intake=None, client_since=None
    )
    kiosk.client = kiosk.intake = kiosk.client_id = kiosk.intake_id = None
    return bool(cleared)
