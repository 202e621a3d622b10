"""No lost, no doubled intake submissions.

- Double click and back-and-resubmit of the last step, through Django's test client (any database).
- A real server: gunicorn with several worker processes on a PostgreSQL database that the test
  creates (and drops), 200 clients submitting at the same moment, some of them twice. Every request
  is answered without a 5xx and every intake is stored as submitted exactly once.
  This part needs PostgreSQL: it runs in `make test-postgres` (DATABASE_URL=postgres://…) and is
  skipped on SQLite. When DATABASE_URL points at PostgreSQL, an unreachable server is a failure.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from intake.audit.models import AuditEvent
from intake.referrals.models import Referral
from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import step_data

ROOT = Path(__file__).resolve().parent.parent.parent
SUBMISSIONS = int(os.environ.get("CONCURRENCY_SUBMISSIONS", "200"))
DOUBLE_CLICKERS = SUBMISSIONS // 4


def step_url(intake_id: int, step: int) -> str:
    return reverse("intake_step", kwargs={"intake_id": intake_id, "step": step})


@pytest.fixture
def ready_draft(alice_http) -> IntakeSubmission:
    """Client A's intake with steps 1-6 done (a referral with it), waiting for consent."""
    alice_http.post(reverse("intake_start"))
    intake = IntakeSubmission.objects.get(status="draft")
    for step in range(1, 6):
        assert alice_http.post(step_url(intake.pk, step), step_data(step)).status_code == 302
    referral = {"referred": "yes", "new_name": "Dr. Jane Roe", "referral_date": "2026-01-05"}
    assert alice_http.post(step_url(intake.pk, 6), referral).status_code == 302
    return intake


def assert_submitted_once(intake: IntakeSubmission) -> None:
    assert IntakeSubmission.objects.filter(client=intake.client).count() == 1
    intake.refresh_from_db()
    assert intake.status == "submitted"
    assert AuditEvent.objects.filter(action="sign", object_id=str(intake.pk)).count() == 1
    assert Referral.objects.filter(intake=intake).count() == 1


def test_it_stores_a_double_clicked_submission_once(alice_http, ready_draft):
    url = step_url(ready_draft.pk, 7)
    first = alice_http.post(url, step_data(7))
    second = alice_http.post(url, step_data(7))
    done = reverse("intake_done", kwargs={"intake_id": ready_draft.pk})
    assert first.status_code == 302 and first["Location"] == done
    assert second.status_code == 302
    assert_submitted_once(ready_draft)


def test_it_stores_a_back_and_resubmitted_intake_once(alice_http, ready_draft):
    url = step_url(ready_draft.pk, 7)
    alice_http.post(url, step_data(7))
    back = alice_http.get(url)  # the browser's back button
    assert back.status_code == 302
    assert alice_http.post(url, step_data(7, signature="Alice A.")).status_code == 302
    assert alice_http.post(step_url(ready_draft.pk, 3), step_data(3)).status_code == 302
    assert_submitted_once(ready_draft)
    assert IntakeSubmission.objects.get(pk=ready_draft.pk).consent_signature == "Alice Anders"


# ---------------------------------------------------------------- gunicorn + PostgreSQL

IS_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from intake.accounts.models import Client, User
from intake.submissions.models import IntakeSubmission, SymptomMark
from intake.submissions.screening import SAFETY_QUESTIONS

no_to_every_safety_question = {q.field: False for q in SAFETY_QUESTIONS}  # as step 5 leaves them

count = %(count)d
password = make_password("pass-Word-123!")
out = []
with transaction.atomic():
    users = User.objects.bulk_create(
        User(email=f"load{i}@example.org", password=password, role="client",
             first_name=f"Load{i}", last_name="Tester")
        for i in range(count)
    )
    for user in users:
        client = Client.objects.create(user=user, first_name=user.first_name,
                                       last_name="Tester", date_of_birth="1980-01-01")
        intake = IntakeSubmission.objects.create(
            client=client, current_step=7, main_complaint="Low back pain",
            referral_details={"referred": True, "physician_id": None,
                              "new_physician": {"name": "Dr. Load"},
                              "referral_date": "2026-01-05", "reason": "",
                              "visits_authorized": 4, "expires_on": None, "letter": None},
            **no_to_every_safety_question)
        SymptomMark.objects.create(intake=intake, region="lower_back_l",
                                   sensations=["pain"], intensity=5)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append([intake.pk, session.session_key, client.first_name + " Tester"])
print("SETUP-JSON" + json.dumps(out))
"""

VERIFY_SQL = {
    "submitted": "SELECT count(*) FROM intake_intakesubmission WHERE status = 'submitted'",
    "drafts": "SELECT count(*) FROM intake_intakesubmission WHERE status = 'draft'",
    "intakes": "SELECT count(*) FROM intake_intakesubmission",
    "signed_once": (
        "SELECT count(*) FROM (SELECT object_id FROM intake_auditevent WHERE action = 'sign' "
        "GROUP BY object_id HAVING count(*) = 1) AS once"
    ),
    "sign_events": "SELECT count(*) FROM intake_auditevent WHERE action = 'sign'",
    "referrals": "SELECT count(*) FROM intake_referral",
    "referrals_per_intake_max": (
        "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM intake_referral "
        "GROUP BY intake_id) AS per"
    ),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_url(database: str) -> str:
    """DATABASE_URL of the test run, pointing at another database on the same server."""
    conf = settings.DATABASES["default"]
    user = urllib.parse.quote(conf.get("USER") or "")
    password = urllib.parse.quote(conf.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = conf.get("HOST") or "127.0.0.1"
    port = conf.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{database}"


def admin_connection():
    import psycopg

    conf = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=conf.get("USER") or None,
        password=conf.get("PASSWORD") or None,
        host=conf.get("HOST") or "127.0.0.1",
        port=conf.get("PORT") or 5432,
        autocommit=True,
    )


@pytest.fixture
def load_database():
    """A fresh database for the server under load, migrated with manage.py; dropped afterwards."""
    name = f"clinic_concurrency_{os.getpid()}_{secrets.token_hex(3)}"
    with admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = server_url(name)
    try:
        yield url
    finally:
        with admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(url: str, media: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DATABASE_URL=url,
        TESTING="1",  # development defaults: plain HTTP, no manifest for static files
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        PRIVATE_MEDIA_ROOT=str(media),
        DJANGO_SETTINGS_MODULE="clinic.settings",
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


NO_MIGRATIONS = """
import django
django.setup()
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
"""


def build_schema(env: dict[str, str]) -> None:
    """`manage.py migrate` once the project has migrations; until then, the models as they are
    (like the test run's --nomigrations)."""
    if any((ROOT / "intake" / "migrations").glob("0*.py")):
        manage(env, "migrate", "--noinput", "-v", "0")
        return
    result = subprocess.run(
        [sys.executable, "-c", NO_MIGRATIONS], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture
def gunicorn(load_database, tmp_path):
    env = server_env(load_database, tmp_path / "media")
    build_schema(env)
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "clinic.wsgi:application",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "1024",
            "--timeout",
            "60",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not start in 30 s"
            time.sleep(0.2)
        yield {"port": port, "env": env, "log": tmp_path / "gunicorn.log"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def submit(port: int, intake_id: int, session_key: str, signature: str, start: threading.Barrier):
    token = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
    body = urllib.parse.urlencode(
        {"agree": "on", "signature": signature, "csrfmiddlewaretoken": token}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"sessionid={session_key}; csrftoken={token}",
        "Host": "127.0.0.1",
    }
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start.wait(timeout=60)
    try:
        conn.request("POST", f"/intake/{intake_id}/step/7/", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


@pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL: runs in `make test-postgres`")
def test_it_stores_200_simultaneous_submissions_exactly_once(gunicorn):
    output = manage(gunicorn["env"], "shell", "-c", SETUP % {"count": SUBMISSIONS})
    drafts = json.loads(output.split("SETUP-JSON", 1)[1])
    assert len(drafts) == SUBMISSIONS
    # A quarter of the clients double-click: their submission is sent twice at the same moment.
    requests = drafts + drafts[:DOUBLE_CLICKERS]
    start = threading.Barrier(len(requests))
    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        futures = [
            pool.submit(submit, gunicorn["port"], intake_id, key, name, start)
            for intake_id, key, name in requests
        ]
        results = [future.result(timeout=120) for future in futures]

    statuses = sorted({status for status, _ in results})
    assert all(status < 500 for status, _ in results), (
        statuses,
        gunicorn["log"].read_text()[-3000:],
    )
    # Each answer is the redirect to the done page (or, for the second click, to the summary).
    for (intake_id, _, _), (status, location) in zip(requests, results, strict=True):
        assert status == 302, (intake_id, status)
        assert location in (f"/intake/{intake_id}/done/", f"/me/intakes/{intake_id}/"), location

    import psycopg

    with psycopg.connect(gunicorn["env"]["DATABASE_URL"]) as conn:
        counts = {key: conn.execute(sql).fetchone()[0] for key, sql in VERIFY_SQL.items()}
    assert counts == {
        "submitted": SUBMISSIONS,
        "drafts": 0,
        "intakes": SUBMISSIONS,
        "signed_once": SUBMISSIONS,
        "sign_events": SUBMISSIONS,
        "referrals": SUBMISSIONS,
        "referrals_per_intake_max": 1,
    }
