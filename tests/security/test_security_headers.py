"""Browser-facing protections: CSP without inline script, HSTS, secure cookies, framing and
referrer policies; and `manage.py check --deploy` is clean with production values."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))}
    for name in ("TESTING", "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        env.pop(name, None)
    env.update(
        DEBUG="0",
        TESTING="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="clinic.example.org",
        DJANGO_SETTINGS_MODULE="clinic.settings",
    )
    env.update(extra)
    return env


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_it_sends_a_content_security_policy_without_inline_script(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_it_renders_pages_with_no_inline_script_or_handler(therapist_http):
    body = therapist_http.get("/staff/").content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", body, flags=re.I)
    assert scripts and all("src=" in attrs for attrs in scripts)
    assert not re.search(r"\son[a-z]+\s*=", body, flags=re.I)


def test_it_forbids_framing_sniffing_and_cross_site_referrers(client, db):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_it_sends_hsts_over_https_with_production_values(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_it_marks_cookies_secure_and_httponly_with_production_values(client, settings, therapist):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get("/accounts/login/", secure=True)
    assert client.cookies["csrftoken"]["secure"]
    response = client.post(
        "/accounts/login/",
        {"username": therapist.email, "password": "pass-Word-123!"},
        secure=True,
        REMOTE_ADDR="192.0.2.1",
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_it_turns_every_transport_protection_on_in_production():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('DEBUG', 'SECURE_SSL_REDIRECT', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=production_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
    }


@pytest.mark.parametrize(
    "extra", [{}, {"DATABASE_URL": "postgres://clinic@db.example:5432/clinic"}]
)
def test_it_passes_the_deployment_checklist_with_production_values(extra):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_forbids_caching_pages_of_signed_in_people(therapist_http, client):
    response = therapist_http.get("/staff/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    public = client.get("/")  # the public landing page may be cached
    assert "no-store" not in public.get("Cache-Control", "")


def test_it_keeps_a_views_own_cache_control(admin_http):
    response = admin_http.get("/staff/audit/export.csv")
    assert response["Cache-Control"] == "no-store"
