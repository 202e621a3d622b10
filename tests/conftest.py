"""Shared fixtures: two clients of the clinic (`alice`, `bob`: Client records; `client` stays
pytest-django's HTTP client), two therapists, an admin, logged-in HTTP clients (`alice_http`, ...),
and a Playwright page on the system's Chromium. The records come from tests/factories.py; each
capability's fixtures are in tests/fixtures/."""

import os
import time
from collections.abc import Iterator

import pytest
from django.test import Client as DjangoClient

from tests.factories import PASSWORD, make_client, make_user

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "tests.fixtures.submissions",
    "tests.fixtures.notes",
    "tests.fixtures.handouts",
    "tests.fixtures.referrals",
    "tests.fixtures.security",
]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _clinic_language():
    """Each test starts and ends in the clinic's language: a French or Spanish page request
    leaves its language active in the test thread, which later tests would otherwise inherit."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of each test land in a fresh private folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def alice(db):
    return make_client("alice@example.org", "Alice", "Anders", "1975-06-15")


@pytest.fixture
def bob(db):
    return make_client("bob@example.org", "Bob", "Brown", "1988-11-02")


@pytest.fixture
def therapist(db):
    return make_user("tess@example.org")


@pytest.fixture
def therapist2(db):
    return make_user("theo@example.org", first="Theo", last="Kneader")


@pytest.fixture
def admin_user(db):
    return make_user(
        "ada@example.org",
        role="admin",
        first="Ada",
        last="Office",
        is_staff=True,
        is_superuser=True,
    )


# ---------------------------------------------------------------- two-factor sign-in
# Therapists and admins must pass a second factor (intake/accounts/two_factor.py). Every
# force_login in the suite (these fixtures, pytest-django's admin_client, a test's own) gives
# such a person a session that passed it, with a real confirmed authenticator, the way
# django_otp.login marks one; the two-factor tests log in with plain_force_login instead.
_plain_force_login = DjangoClient.force_login


def verified_device(user):
    """``user``'s confirmed authenticator (TOTP), made on first use."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def totp_code(device) -> str:
    """A code ``device`` accepts now and never accepted before (django-otp refuses a replayed
    code): this time step's or the next one's; if both were used, wait for a fresh step."""
    from django_otp.oath import TOTP, hotp

    while True:
        device.refresh_from_db()
        now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
        for step in (now, now + 1):
            if step > device.last_t:
                return str(hotp(device.bin_key, step, device.digits)).zfill(device.digits)
        time.sleep(1)


def plain_force_login(http, user) -> None:
    """Django's own force_login: password only, the second factor not passed."""
    _plain_force_login(http, user, backend="django.contrib.auth.backends.ModelBackend")


def _force_login_past_the_second_factor(self, user, backend=None) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY

    from intake.accounts.two_factor import second_factor_required

    _plain_force_login(self, user, backend)
    if second_factor_required(user):
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    monkeypatch.setattr(DjangoClient, "force_login", _force_login_past_the_second_factor)


def _logged_in(user):
    http = DjangoClient()
    http.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return http


@pytest.fixture
def alice_http(alice):
    return _logged_in(alice.user)


@pytest.fixture
def bob_http(bob):
    return _logged_in(bob.user)


@pytest.fixture
def therapist_http(therapist):
    return _logged_in(therapist)


@pytest.fixture
def admin_http(admin_user):
    return _logged_in(admin_user)


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it).")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login_page(page, live_server, user, password: str = PASSWORD) -> None:
    """Log `user` in through the real login form; staff (who must use two-factor sign-in) then
    type the code of their authenticator (made for them if they have none)."""
    from intake.accounts.two_factor import second_factor_required

    device = verified_device(user) if second_factor_required(user) else None
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if device is not None and "/accounts/two-factor/" in page.url:
        page.get_by_label("Code").fill(totp_code(device))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()


@pytest.fixture(name="login_page")
def login_page_fixture():
    return login_page
