"""The pieces of the cluster test (test_cluster.py): the processes it starts (gunicorn, the Celery
worker, moto's S3 server) and how people get signed-in sessions on them."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.security.test_concurrency import free_port

ROOT = Path(__file__).resolve().parents[2]
#: The cluster's Redis: database 12 of the local server, flushed before and after, nothing else.
REDIS_URL = "redis://127.0.0.1:6379/12"

# ---------------------------------------------------------------- processes


def wait_until(check, what: str, timeout: float = 90.0, proc=None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what} exited: " + (log.read_text()[-3000:] if log else ""))
        assert time.monotonic() < deadline, f"{what} not ready in {timeout:.0f} s"
        time.sleep(0.2)


def answers(port: int, path: str = "/healthz/live") -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    finally:
        conn.close()


class Cluster:
    def __init__(self, folder: Path, env: dict[str, str]):
        self.folder = folder
        self.env = env
        self.procs: dict[str, subprocess.Popen] = {}
        self.ports: dict[str, int] = {}
        self.figures: dict[str, object] = {}
        self._last = time.monotonic()

    def timed(self, what: str) -> None:
        """Record the seconds since the previous call as ``what (s)``."""
        now = time.monotonic()
        self.figures[f"{what} (s)"] = round(now - self._last, 1)
        self._last = now

    def start(self, name: str, args: list[str], **env: str) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", *args],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with all its children
        )
        self.procs[name] = proc
        return proc

    def start_server(self, name: str) -> int:
        port = free_port()
        self.ports[name] = port
        args = ["gunicorn", "clinic.wsgi:application", "--workers", "2", "--timeout", "60",
                "--bind", f"127.0.0.1:{port}"]  # fmt: skip
        proc = self.start(name, args, EMAIL_FILE_PATH=str(self.folder / "web-mail"))
        wait_until(lambda: answers(port), f"server {name}", proc=proc, log=self.log(name))
        return port

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def log(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs[name]
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)

    def stop_all(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is None:
                self.kill(name, signal.SIGTERM)

    def manage(self, *args: str) -> str:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        return result.stdout

    def shell(self, code: str) -> object:
        out = self.manage("shell", "-c", code)
        return json.loads(out.split("RESULT-JSON", 1)[1])

    def sql(self, query: str, *params) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"]) as conn:
            return conn.execute(query, params).fetchall()


def flush_test_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()  # database 12 only


def s3_client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", region_name="us-east-1")  # fmt: skip


# The one place that logs people in without a password form: a session written the way the
# servers read it (settings.SESSION_ENGINE, here Redis and the database), with the second
# factor marked as passed where staff need one. Sign-in rules change here only.
SESSIONS = """
import json
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.module_loading import import_string
from intake.accounts.models import User

store = import_string(settings.SESSION_ENGINE + ".SessionStore")
emails = %(emails)r
out = {}
for user in User.objects.filter(email__in=emails):
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if apps.is_installed("django_otp"):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from intake.accounts.two_factor import second_factor_required

        if second_factor_required(user):
            device = TOTPDevice.objects.create(user=user, name="cluster", confirmed=True)
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    out[user.email] = session.session_key
print("RESULT-JSON" + json.dumps(out))
"""


def sessions_for(cluster: Cluster, emails: list[str]) -> dict[str, str]:
    """Session keys of signed-in sessions for ``emails`` (see SESSIONS)."""
    keys = cluster.shell(SESSIONS % {"emails": emails})
    assert sorted(keys) == sorted(emails)
    return keys


def csrf(session: requests.Session, url: str) -> str:
    """GET ``url`` (setting the CSRF cookie) and return the token to post back."""
    response = session.get(url, allow_redirects=False)
    assert response.status_code == 200, (url, response.status_code)
    return session.cookies["csrftoken"]
