"""Two-factor sign-in with django-otp: an authenticator app (TOTP) and one-time recovery codes.

Therapists and admins must use it (clients too when ``REQUIRE_2FA_FOR_CLIENTS``). After the
password, ``SecondFactorMiddleware`` lets a session that has not passed the second factor reach
only the code page, the enrolment page and log-out: someone with a confirmed device is asked for
a code; someone without one (staff from before two-factor sign-in) enrols first.

A session has passed when it holds django-otp's device key (``django_otp.login``). The middleware
trusts the key without reading the device on every request; everything that removes a device
(``reset_devices``) or adds one (``complete_enrolment``) ends the person's other sessions by
raising ``User.sessions_epoch``, so no session outlives the device it was verified with.

Codes are checked by django-otp: a TOTP code is accepted once (the device remembers the last time
step used), a recovery code is deleted when used, and each device slows down guessing on its own
(its throttle doubles the wait after every wrong code, until a right one). A wrong code also
counts as a failed log-in for django-axes, so the lockout covers the second factor too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.accounts.models import User

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
#: Pages a signed-in person who has not passed the second factor may open.
OPEN_PAGES = frozenset({"two_factor_verify", "two_factor_enrol", "logout"})
TOTP_CODE = re.compile(r"[0-9]{6}")


def second_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_clinic_staff or (settings.REQUIRE_2FA_FOR_CLIENTS and user.is_client)


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user: User) -> TOTPDevice:
    """The device being enrolled: the unconfirmed one already made, or a new one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class QrCode:
    """A QR code as dark runs (x, y, width) on a square of ``size`` modules, quiet zone included:
    the template draws each run as an SVG rect."""

    size: int
    runs: list[tuple[int, int, int]]


def qr_code(text: str, border: int = 4) -> QrCode:
    matrix = segno.make(text, error="m", micro=False).matrix
    runs: list[tuple[int, int, int]] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((start + border, y + border, x - start))
            else:
                x += 1
    return QrCode(size=len(matrix) + 2 * border, runs=runs)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app without a camera."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with fresh ones; return them (shown once, never again:
    only django-otp's stored copies remain, each deleted when used)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def end_other_sessions(request: HttpRequest, user: User) -> None:
    """End every session of ``user`` except this request's."""
    user.sessions_epoch += 1
    user.save(update_fields=["sessions_epoch"])
    update_session_auth_hash(request, user)


def complete_enrolment(
    *, request: HttpRequest, device: TOTPDevice, code: str
) -> tuple[list[str] | None, str]:
    """Confirm ``device`` with a first code from the app: mark this session verified, end the
    person's other sessions (made before enrolment), and return new recovery codes; or ``None``
    and why not (a wrong code is kept as the device's failure, so it is not in a transaction)."""
    code = code.strip().replace(" ", "")
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return None, "Too many wrong codes: wait a few seconds, then type the app's next code."
    if not TOTP_CODE.fullmatch(code) or not device.verify_token(code):
        return None, (
            "That code is not right. Check that the phone's clock is set automatically, "
            "and type the code the app shows now."
        )
    return _confirm(request=request, device=device), ""


@transaction.atomic
def _confirm(*, request: HttpRequest, device: TOTPDevice) -> list[str]:
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    end_other_sessions(request, user)
    otp_login(request, device)
    return codes


@transaction.atomic
def check_code(user: User, code: str) -> tuple[object | None, str]:
    """The device that accepts ``code`` (a TOTP code or a recovery code), or ``None`` and why not.
    Each device throttles itself (a throttled device refuses even a right code) and records its
    failures: nothing here raises, so they are kept."""
    code = code.strip().replace(" ", "").replace("-", "").lower()
    if TOTP_CODE.fullmatch(code):
        devices = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
        wrong = "That code is wrong, or was used already. Wait for the app's next code."
    else:
        devices = list(StaticDevice.objects.select_for_update().filter(user=user))
        wrong = "That recovery code is wrong, or was used already."
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed:
            wait = (data or {}).get("locked_until")
            when = f" until {wait:%H:%M:%S} UTC" if wait else ""
            return None, f"Too many wrong codes: this device is paused{when}. Try again then."
        if device.verify_token(code):
            return device, ""
    return None, wrong


@transaction.atomic
def reset_devices(*, target: User) -> int:
    """Remove ``target``'s authenticator and recovery codes and end their sessions: their next
    log-in enrols again. Returns the number of devices removed."""
    removed = TOTPDevice.objects.filter(user=target).delete()[0]
    removed += StaticDevice.objects.filter(user=target).delete()[0]
    target.sessions_epoch += 1
    target.save(update_fields=["sessions_epoch"])
    return removed


def next_step_url(user: User, next_url: str = "") -> str:
    """Where a signed-in person who has not passed the second factor goes: the code page, or
    enrolment when they have no authenticator yet."""
    name = "two_factor_verify" if confirmed_totp(user) else "two_factor_enrol"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _page_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).url_name or ""
    except Resolver404:
        return ""


class SecondFactorMiddleware:
    """A person who must use two-factor sign-in reaches nothing but the code, enrolment and
    log-out pages until this session passed it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and second_factor_required(user)
            and not is_verified(request)
            and not request.path_info.startswith(settings.STATIC_URL)
            and _page_name(request) not in OPEN_PAGES
        ):
            next_url = request.get_full_path() if request.method == "GET" else ""
            return redirect(next_step_url(user, next_url))
        return self.get_response(request)
