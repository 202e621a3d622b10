"""Authentication: lockout after 5 failures (account + IP), session lifetimes, fresh session on
login, server-side logout, password validators."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from intake.accounts.middleware import LAST_SEEN, STARTED
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
MINUTE = 60


def login(http: HttpClient, email: str, password: str = PASSWORD, ip: str = "198.51.100.1"):
    return http.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail(http: HttpClient, email: str, times: int, ip: str = "198.51.100.1") -> None:
    for _ in range(times):
        response = login(http, email, "wrong-password", ip)
        assert response.status_code in (200, 429)


# ------------------------------------------------------------------ lockout


def test_it_still_lets_the_right_password_in_after_four_failures(therapist):
    http = HttpClient()
    fail(http, therapist.email, 4)
    response = login(http, therapist.email)
    assert response.status_code == 302
    assert http.session["_auth_user_id"] == str(therapist.pk)


def test_it_locks_the_account_and_ip_after_five_failures(therapist):
    http = HttpClient()
    fail(http, therapist.email, 5)
    response = login(http, therapist.email)
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in http.session


def test_it_does_not_lock_the_same_account_from_another_ip(therapist):
    fail(HttpClient(), therapist.email, 5, ip="198.51.100.1")
    response = login(HttpClient(), therapist.email, ip="203.0.113.9")
    assert response.status_code == 302


def test_it_does_not_lock_another_account_from_the_same_ip(therapist, therapist2):
    fail(HttpClient(), therapist.email, 5)
    assert login(HttpClient(), therapist2.email).status_code == 302


def test_it_unlocks_after_the_cool_off(therapist, settings):
    http = HttpClient()
    fail(http, therapist.email, 5)
    assert login(http, therapist.email).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert login(http, therapist.email).status_code == 302


def test_it_audits_every_failure(therapist):
    from intake.audit.models import AuditEvent

    fail(HttpClient(), therapist.email, 3)
    assert AuditEvent.objects.filter(action="login-failed").count() == 3


# ------------------------------------------------------------------ session lifetimes


def age_session(http: HttpClient, *, idle: int = 0, age: int = 0) -> None:
    """Pretend the last request was `idle` seconds ago and login `age` seconds ago."""
    now = int(time.time())
    session = http.session
    session[LAST_SEEN] = now - idle
    session[STARTED] = now - max(age, idle)
    session.save()


def is_signed_in(http: HttpClient, url: str) -> bool:
    response = http.get(url)
    if response.status_code == 302:
        assert response.url.startswith(LOGIN)
        return False
    assert response.status_code == 200
    return True


@pytest.mark.parametrize(
    ("who", "home", "idle_minutes", "signed_in"),
    [
        ("therapist_http", "/staff/", 14, True),
        ("therapist_http", "/staff/", 16, False),
        ("admin_http", "/staff/office/", 16, False),
        ("alice_http", "/me/", 16, True),
        ("alice_http", "/me/", 29, True),
        ("alice_http", "/me/", 31, False),
    ],
)
def test_it_ends_idle_sessions(request, who, home, idle_minutes, signed_in):
    http = request.getfixturevalue(who)
    assert is_signed_in(http, home)
    age_session(http, idle=idle_minutes * MINUTE)
    assert is_signed_in(http, home) is signed_in


def test_it_ends_a_staff_session_after_twelve_hours_even_when_active(therapist_http):
    assert is_signed_in(therapist_http, "/staff/")
    age_session(therapist_http, idle=MINUTE, age=12 * 60 * MINUTE - MINUTE)
    assert is_signed_in(therapist_http, "/staff/")
    age_session(therapist_http, idle=MINUTE, age=12 * 60 * MINUTE + 1)
    assert not is_signed_in(therapist_http, "/staff/")


def test_it_deletes_the_expired_session_server_side(therapist_http):
    assert is_signed_in(therapist_http, "/staff/")
    old_key = therapist_http.session.session_key
    age_session(therapist_http, idle=16 * MINUTE)
    therapist_http.get("/staff/")
    assert not Session.objects.filter(session_key=old_key).exists()


def test_it_keeps_an_active_session_alive(therapist_http):
    assert is_signed_in(therapist_http, "/staff/")
    age_session(therapist_http, idle=10 * MINUTE, age=10 * MINUTE)
    assert is_signed_in(therapist_http, "/staff/")  # refreshes last-seen
    session = therapist_http.session
    assert int(time.time()) - session[LAST_SEEN] < MINUTE
    session[STARTED] = session[LAST_SEEN] - 20 * MINUTE  # still idle-fresh
    session.save()
    assert is_signed_in(therapist_http, "/staff/")


# ------------------------------------------------------------------ login and logout


def test_it_issues_a_new_session_key_on_login(alice):
    http = HttpClient()
    session = http.session
    session["pre-login"] = "x"
    session.save()
    old_key = session.session_key
    assert login(http, alice.user.email).status_code == 302
    new_key = http.session.session_key
    assert new_key and new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_it_ends_the_session_on_the_server_at_logout(therapist):
    http = HttpClient()
    assert login(http, therapist.email).status_code == 302
    key = http.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert http.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = HttpClient()
    replay.cookies["sessionid"] = key
    assert replay.get("/staff/").status_code == 302


def test_it_sets_a_session_cookie_that_scripts_cannot_read(therapist):
    http = HttpClient()
    login(http, therapist.email)
    cookie = http.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


# ------------------------------------------------------------------ passwords


@pytest.mark.parametrize("weak", ["short1!", "password123", "1234567890123", "alice@example.org"])
def test_it_rejects_weak_passwords(weak, alice):
    with pytest.raises(ValidationError):
        validate_password(weak, user=alice.user)


def test_it_accepts_a_strong_password(alice):
    validate_password("correct-Horse-battery-9", user=alice.user)


def test_it_rejects_a_weak_password_at_signup(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Pat",
            "last_name": "Lee",
            "email": "pat@example.org",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    from intake.accounts.models import User

    assert not User.objects.filter(email="pat@example.org").exists()


def test_it_counts_failures_whatever_the_case_of_the_email(therapist):
    http = HttpClient()
    for variant in [
        "TESS@example.org",
        "tess@EXAMPLE.org",
        " Tess@example.org",
        "tess@example.ORG",
    ]:
        login(http, variant, "wrong-password")
    login(http, therapist.email, "wrong-password")
    assert login(http, therapist.email).status_code == 429


# ------------------------------------------------------------------ client address


def test_it_ignores_forwarded_addresses_unless_behind_a_proxy(therapist):
    from intake.audit.models import AuditEvent

    for i in range(5):  # a forged header per attempt must not dodge the lockout
        HttpClient().post(
            LOGIN,
            {"username": therapist.email, "password": "wrong"},
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    assert login(HttpClient(), therapist.email).status_code == 429
    assert set(AuditEvent.objects.values_list("ip", flat=True)) == {"198.51.100.1"}


def test_it_takes_the_proxy_appended_address_behind_a_proxy(therapist, settings):
    from intake.audit.models import AuditEvent

    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        HttpClient().post(
            LOGIN,
            {"username": therapist.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
            **proxy,
        )
    locked = HttpClient().post(
        LOGIN,
        {"username": therapist.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert locked.status_code == 429
    other_client = HttpClient().post(
        LOGIN,
        {"username": therapist.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
        **proxy,
    )
    assert other_client.status_code == 302
    assert set(AuditEvent.objects.values_list("ip", flat=True)) == {"198.51.100.7", "198.51.100.8"}


def test_it_stores_no_address_it_cannot_parse(rf, settings):
    from intake.audit import client_ip

    settings.BEHIND_PROXY = True
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.2"
    assert client_ip(rf.get("/", REMOTE_ADDR="not-an-ip")) is None


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_it_never_redirects_off_site_after_login(alice, therapist, next_url):
    response = HttpClient().post(
        LOGIN, {"username": alice.user.email, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    # Staff go on to the second factor, which is handed only the safe default
    response = HttpClient().post(
        LOGIN, {"username": therapist.email, "password": PASSWORD, "next": next_url}
    )
    assert response["Location"] == "/accounts/two-factor/enrol/?next=%2F"


def test_it_follows_a_local_next_after_login(alice, therapist):
    data = {"username": alice.user.email, "password": PASSWORD, "next": "/me/intakes/"}
    assert HttpClient().post(LOGIN, data)["Location"] == "/me/intakes/"
    response = HttpClient().post(
        LOGIN, {"username": therapist.email, "password": PASSWORD, "next": "/staff/intakes/"}
    )
    assert response["Location"] == "/accounts/two-factor/enrol/?next=%2Fstaff%2Fintakes%2F"
