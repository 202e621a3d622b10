"""The proof that several app servers share the work (issue 18).

Two gunicorn servers (A and B, two ports) share one PostgreSQL database (created and dropped
here), Redis (127.0.0.1:6379, database 12 only: flushed before and after) for the cache, the
sessions and the task queue, and an S3-compatible object store (moto in server mode, started
here); a Celery worker sends the e-mails. Each process writes e-mail to its own folder (Django's
file backend), so the test can tell who sent what.

- a client logs in on A and continues the intake on B; uploads the referral letter on A; a
  therapist downloads it on B (from the object store, audited);
- five wrong passwords spread over A and B lock the account on both (django-axes, database);
- 200 intakes are submitted, spread over A and B, and A is killed half-way: every request that
  failed on A is retried on B, no 5xx is left unretried, each intake is stored once, and each
  urgent intake's e-mail reaches each staff member exactly once, sent by the worker;
- the object store stopped: /healthz names the storage, a download answers the 503 page.

PostgreSQL only (it runs in `make test-postgres`); Redis must be up (on this kind of machine it
is started before the session, and `.ci/run` checks it). The figures are printed (`-s`) and
written to the test's folder as figures.json. The processes and the sign-in of staff (one place,
for the two-factor rules) are in harness.py.
"""

from __future__ import annotations

import email
import http.client
import json
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests.cluster.harness import (
    REDIS_URL,
    Cluster,
    answers,
    csrf,
    flush_test_redis,
    s3_client,
    sessions_for,
    wait_until,
)
from tests.security.test_concurrency import admin_connection, free_port, server_url

IS_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
pytestmark = pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL: make test-postgres")

BUCKET = "clinic-cluster-test"
INTAKES = int(os.environ.get("CLUSTER_SUBMISSIONS", "200"))
URGENT_EVERY = 4  # every 4th intake answers "yes" to numbness in the saddle area
LOAD_THREADS = 12
PDF = b"%PDF-1.4\n% the physician's referral letter\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
URGENT_SUBJECT = "An intake needs attention"
PASSWORD = "cluster-Pass-2026"


@pytest.fixture
def cluster(tmp_path):
    flush_test_redis()
    name = f"clinic_cluster_{os.getpid()}"
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    s3_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DATABASE_URL=server_url(name),
        TESTING="1",  # plain HTTP, no static manifest, fast password hashing
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="ERROR",
        SITE_URL="https://clinic.example.org",
        REDIS_URL=REDIS_URL,
        CELERY_BROKER_URL=REDIS_URL,
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=f"http://127.0.0.1:{s3_port}",
        S3_ACCESS_KEY_ID="testing",
        S3_SECRET_ACCESS_KEY="testing",
        S3_REGION="us-east-1",
        PRIVATE_MEDIA_ROOT=str(tmp_path / "local-uploads"),  # must stay empty
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "other-mail"),
    )
    env.pop("CHROMIUM_PATH", None)
    c = Cluster(tmp_path, env)
    c.s3 = f"http://127.0.0.1:{s3_port}"
    try:
        moto = c.start("moto", ["moto.server", "-H", "127.0.0.1", "-p", str(s3_port)])
        wait_until(lambda: answers(s3_port, "/moto-api/"), "moto", proc=moto, log=c.log("moto"))
        s3_client(c.s3).create_bucket(Bucket=BUCKET)
        c.timed("Redis flushed, database created, moto started")
        c.manage("migrate", "--noinput", "-v", "0")
        c.timed("migrate")
        worker_args = ["celery", "-A", "clinic", "worker", "--pool", "solo", "--loglevel",
                       "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
        c.start("worker", worker_args, EMAIL_FILE_PATH=str(tmp_path / "worker-mail"))
        c.start_server("A")
        c.start_server("B")
        c.timed("worker and servers started")
        yield c
    finally:
        c.stop_all()
        with admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        flush_test_redis()


# ---------------------------------------------------------------- people and sessions

SETUP = """
import json
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from intake.accounts.models import Client, User
from intake.submissions.models import IntakeSubmission, SymptomMark
from intake.submissions.screening import SAFETY_QUESTIONS

count, every = %(count)d, %(every)d
hashed = make_password(%(password)r)
# Every yes/no question of the form answered "no" (the health history's and the safety step's).
no_to_everything = {f.name: False for f in IntakeSubmission._meta.concrete_fields
                    if f.get_internal_type() == "BooleanField" and f.null}
no_to_everything.update({q.field: False for q in SAFETY_QUESTIONS if not q.only_if})
out = {"intakes": []}
with transaction.atomic():
    for email, role in (("tess@cluster.test", "therapist"), ("ada@cluster.test", "admin")):
        User.objects.create(email=email, password=hashed, role=role, first_name="Staff")
    for email in ("walker@cluster.test", "locked@cluster.test"):
        user = User.objects.create(email=email, password=hashed, role="client", first_name="W")
        Client.objects.create(user=user, first_name="Walker", last_name="Tester",
                              date_of_birth="1980-01-01")
    for i in range(count):
        user = User.objects.create(email=f"load{i}@cluster.test", password=hashed,
                                   role="client", first_name=f"Load{i}")
        client = Client.objects.create(user=user, first_name=f"Load{i}", last_name="Tester",
                                       date_of_birth="1980-01-01")
        intake = IntakeSubmission.objects.create(
            client=client, current_step=7, main_complaint="Low back pain",
            **{**no_to_everything, "saddle_numbness": i %% every == 0})
        SymptomMark.objects.create(intake=intake, region="lower_back_l", sensations=["pain"],
                                   intensity=5)
        out["intakes"].append([intake.pk, i %% every == 0])
print("RESULT-JSON" + json.dumps(out))
"""
# ---------------------------------------------------------------- the scenarios


def walk_through_the_intake_on_both_servers(c: Cluster) -> None:
    """Log in on A, go on on B, upload on A, submit on B; a therapist downloads on B."""
    from tests.fixtures.submissions import step_data

    browser = requests.Session()
    token = csrf(browser, c.url("A", "/accounts/login/"))
    login = {"username": "walker@cluster.test", "password": PASSWORD,
             "csrfmiddlewaretoken": token}  # fmt: skip
    response = browser.post(c.url("A", "/accounts/login/"), login, allow_redirects=False)
    assert response.status_code == 302 and "sessionid" in browser.cookies, response.status_code
    token = browser.cookies["csrftoken"]
    response = browser.post(c.url("A", "/intake/"), {"csrfmiddlewaretoken": token},
                            allow_redirects=False)  # fmt: skip
    assert response.status_code == 302, response.status_code
    intake_id = int(re.search(r"/intake/(\d+)/step/1/", response.headers["Location"]).group(1))

    def step(server: str, number: int, data: dict, files=None) -> None:
        url = c.url(server, f"/intake/{intake_id}/step/{number}/")
        assert browser.get(url, allow_redirects=False).status_code == 200, (server, number)
        data = {**data, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
        answer = browser.post(url, data, files=files, allow_redirects=False)
        assert answer.status_code == 302, (server, number, answer.status_code, answer.text[:500])

    for number in range(1, 6):  # the session made on A is known on B
        step("B", number, step_data(number))
    referral = {"referred": "yes", "new_name": "Dr. Jane Roe", "referral_date": "2026-01-05"}
    step("A", 6, referral, files={"letter": ("letter.pdf", PDF, "application/pdf")})
    step("B", 7, step_data(7, signature="Walker Tester"))
    ((status,),) = c.sql("SELECT status FROM intake_intakesubmission WHERE id = %s", intake_id)
    assert status == "submitted"

    (document_id,), *more = c.sql(
        "SELECT d.id FROM intake_referraldocument d JOIN intake_referral r "
        "ON r.id = d.referral_id WHERE r.intake_id = %s",
        intake_id,
    )
    assert not more
    keys = [o["Key"] for o in s3_client(c.s3).list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert len(keys) == 1 and keys[0].startswith("referrals/") and keys[0].endswith(".pdf")
    local = Path(c.env["PRIVATE_MEDIA_ROOT"])
    assert not local.exists() or not any(p.is_file() for p in local.rglob("*"))

    therapist = requests.Session()
    therapist.cookies.set("sessionid", sessions_for(c, ["tess@cluster.test"])["tess@cluster.test"])
    download = therapist.get(c.url("B", f"/intake/documents/{document_id}/"),
                             allow_redirects=False)  # fmt: skip
    assert download.status_code == 200, download.status_code
    assert download.content == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    ((audited,),) = c.sql(
        "SELECT count(*) FROM intake_auditevent WHERE action = 'download' AND object_id = %s",
        str(document_id),
    )
    assert audited == 1
    c.document_id = document_id
    c.therapist = therapist


def lock_out_across_servers(c: Cluster) -> None:
    """Five wrong passwords, on A and B in turn: the right one is then refused on both."""
    browser = requests.Session()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        server = "AB"[attempt % 2]
        token = csrf(browser, c.url(server, "/accounts/login/"))
        wrong = {"username": "locked@cluster.test", "password": "wrong-password-1",
                 "csrfmiddlewaretoken": token}  # fmt: skip
        browser.post(c.url(server, "/accounts/login/"), wrong, allow_redirects=False)
    for server in "AB":
        token = browser.cookies["csrftoken"]
        right = {"username": "locked@cluster.test", "password": PASSWORD,
                 "csrfmiddlewaretoken": token}  # fmt: skip
        response = browser.post(c.url(server, "/accounts/login/"), right, allow_redirects=False)
        assert response.status_code != 302 and "sessionid" not in browser.cookies, server


def submit(c: Cluster, server: str, intake_id: int, session_key: str) -> tuple[int, str]:
    token = "x" * 32  # an unmasked CSRF secret, sent as cookie and field
    conn = http.client.HTTPConnection("127.0.0.1", c.ports[server], timeout=60)
    try:
        conn.request(
            "POST",
            f"/intake/{intake_id}/step/7/",
            body=f"agree=on&signature=Load+Tester&csrfmiddlewaretoken={token}",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={session_key}; csrftoken={token}",
                "Host": "127.0.0.1",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


def run_the_load(c: Cluster, intakes: list[tuple[int, str]]) -> dict:
    """Submit each intake on A or B in turn; kill A once half have been answered. A request
    that fails on A (refused, cut off, or a 5xx) is sent again to B, as a load balancer would."""
    tally = {"A": 0, "B": 0, "retried on B": 0, "5xx not retried": 0, "bad answers": []}
    lock, answered, half = threading.Lock(), [0], len(intakes) // 2
    a_killed = threading.Event()

    def one(index: int, intake_id: int, key: str) -> None:
        server = "AB"[index % 2]
        try:
            status, location = submit(c, server, intake_id, key)
            failed = status >= 500
        except OSError:  # refused, reset, cut off mid-answer
            status, location, failed = 0, "", True
        if failed and server == "A":
            with lock:
                tally["retried on B"] += 1
            server = "B"
            status, location = submit(c, "B", intake_id, key)
        with lock:
            tally[server] += 1
            if status >= 500:
                tally["5xx not retried"] += 1
            elif status != 302 or location not in (f"/intake/{intake_id}/done/",
                                                   f"/me/intakes/{intake_id}/"):  # fmt: skip
                tally["bad answers"].append((intake_id, status, location))
            answered[0] += 1
            if answered[0] == half:
                threading.Thread(target=kill_a).start()

    def kill_a() -> None:
        c.kill("A")
        a_killed.set()

    with ThreadPoolExecutor(max_workers=LOAD_THREADS) as pool:
        futures = [pool.submit(one, i, intake_id, key)
                   for i, (intake_id, key) in enumerate(intakes)]  # fmt: skip
        for future in futures:
            future.result(timeout=120)
    assert a_killed.wait(30)
    return tally


def urgent_mails(folder: Path) -> list[tuple[int, str]]:
    """(intake id, recipient) of every urgent-intake e-mail written to ``folder``."""
    found = []
    for path in sorted(folder.glob("*.log")) if folder.is_dir() else []:
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.strip())
            if message["Subject"] != URGENT_SUBJECT:
                continue
            body = message.get_payload(decode=True).decode()
            intake_id = int(re.search(r"/staff/intakes/(\d+)/", body).group(1))
            found.append((intake_id, message["To"]))
    return found


def test_two_servers_share_sessions_files_lockouts_and_work_without_losing_any(cluster):
    c = cluster
    for server in "AB":
        health = requests.get(c.url(server, "/healthz")).json()
        assert health == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}

    setup = c.shell(SETUP % {"count": INTAKES, "every": URGENT_EVERY, "password": PASSWORD})
    c.timed("people and intakes made")
    walk_through_the_intake_on_both_servers(c)
    c.timed("intake walked over A and B, letter downloaded")
    lock_out_across_servers(c)
    c.timed("lockout over A and B")

    ids = [intake_id for intake_id, _ in setup["intakes"]]
    urgent = {intake_id for intake_id, is_urgent in setup["intakes"] if is_urgent}
    keys = sessions_for(c, [f"load{i}@cluster.test" for i in range(INTAKES)])
    intakes = [(intake_id, keys[f"load{i}@cluster.test"]) for i, intake_id in enumerate(ids)]
    c.timed("sessions made")
    tally = run_the_load(c, intakes)
    c.timed("load")
    assert c.procs["A"].poll() is not None  # A is gone
    assert tally["5xx not retried"] == 0 and tally["bad answers"] == [], tally
    assert tally["A"] + tally["B"] == INTAKES and tally["retried on B"] > 0, tally

    # Each intake stored once: submitted, signed once, nothing doubled.
    rows = c.sql(
        "SELECT i.id, i.status, i.flag_level, (SELECT count(*) FROM intake_auditevent a "
        "WHERE a.action = 'sign' AND a.object_id = i.id::text) FROM intake_intakesubmission i "
        "JOIN intake_client cl ON cl.id = i.client_id JOIN intake_user u ON u.id = cl.user_id "
        "WHERE u.email LIKE 'load%%'"
    )
    assert sorted(r[0] for r in rows) == sorted(ids)
    assert {status for _, status, _, _ in rows} == {"submitted"}
    # Never signed twice. (An intake whose server died after its submission committed and
    # before the view wrote the "sign" audit event, in a second transaction, has none: counted.)
    assert max(signed for *_, signed in rows) == 1
    unaudited = sum(1 for *_, signed in rows if signed == 0)
    assert {r[0] for r in rows if r[2] == "urgent"} == urgent

    # Each urgent intake's e-mail reaches each staff member once, sent by the worker.
    staff = {"tess@cluster.test", "ada@cluster.test"}
    all_urgent = {i for (i,) in c.sql("SELECT id FROM intake_intakesubmission "
                                      "WHERE flag_level = 'urgent'")}  # fmt: skip
    assert urgent <= all_urgent  # (the walk's intake answered no to the safety questions)
    expected = sorted((intake_id, to) for intake_id in all_urgent for to in staff)
    wait_until(lambda: len(urgent_mails(c.folder / "worker-mail")) >= len(expected),
               "the worker's e-mails", timeout=240)  # fmt: skip
    c.timed("e-mails sent after the load")
    time.sleep(2)  # anything sent twice would show now
    sent = sorted(urgent_mails(c.folder / "worker-mail"))
    assert sent == expected
    assert urgent_mails(c.folder / "web-mail") == []  # not one sent by a web server
    ((recorded,),) = c.sql("SELECT count(*) FROM intake_urgentintakeemail")
    assert recorded == len(expected)

    # The object store stops: B says which part is down and answers the download with 503.
    c.kill("moto")
    response = requests.get(c.url("B", "/healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "cache": "ok",
                               "storage": "down"}  # fmt: skip
    download = c.therapist.get(c.url("B", f"/intake/documents/{c.document_id}/"))
    assert download.status_code == 503 and "Briefly unavailable" in download.text
    assert "Traceback" not in download.text

    c.timed("object store stopped, 503 checked")
    figures = {
        **c.figures,
        "total (s)": round(sum(v for k, v in c.figures.items() if k.endswith("(s)")), 1),
        "intakes": INTAKES,
        "urgent": len(urgent),
        "answered by A": tally["A"],
        "answered by B": tally["B"],
        "failed on A, retried on B": tally["retried on B"],
        "5xx not retried": tally["5xx not retried"],
        "submitted without their sign audit event (server killed in between)": unaudited,
        "urgent e-mails sent by the worker": len(sent),
    }
    (c.folder / "figures.json").write_text(json.dumps(figures, indent=2))
    print("\nCluster figures:", json.dumps(figures))
