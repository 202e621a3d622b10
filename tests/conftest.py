"""Shared fixtures: two clients of the clinic (`alice`, `bob`: Client records; `client` stays
pytest-django's HTTP client), two therapists, an admin, logged-in HTTP clients (`alice_http`, ...),
and a Playwright page on the system's Chromium. The records come from tests/factories.py; each
capability's fixtures are in tests/fixtures/."""

import os
from collections.abc import Iterator

import pytest

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


def _logged_in(user):
    from django.test import Client as HttpClient

    http = HttpClient()
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
    """Log `user` in through the real login form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@pytest.fixture(name="login_page")
def login_page_fixture():
    return login_page
