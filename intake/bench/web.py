"""HTTP under a real server: gunicorn (2 sync workers) on 127.0.0.1 with production settings
against the bench database, driven by the load client (``intake.bench.load``) in a second
process. Each page's throughput is reported as a ratio of the trivial view's (``/ping``)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client as HttpClient
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import get_random_string

from intake.accounts.models import User
from intake.bench.data import STEP, STEP_POST, BenchData
from intake.bench.report import Row

SECTION = "HTTP"
BASE_DIR = Path(settings.BASE_DIR)
#: Production settings, except that this server speaks plain HTTP on the loopback interface.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "TESTING": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}


@dataclass
class Target:
    name: str
    path: str | None  # None: the page is not built yet
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    expect: tuple[int, ...] = (200,)
    min_ratio: float | None = None
    note: str = ""

    def spec(self) -> dict[str, object]:
        return {
            "name": self.name,
            "method": self.method,
            "path": self.path,
            "headers": self.headers,
            "body": self.body,
            "expect": list(self.expect),
        }


def server_env(database_url: str) -> dict[str, str]:
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": database_url}
    env["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
    return env


def collectstatic(env: dict[str, str]) -> None:
    """Production serves static files through whitenoise from the collected, hashed copies."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, startup_s: float = 30) -> Iterator[int]:
    """Run gunicorn until the block ends; yields its port."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "clinic.wsgi:application",
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "--timeout", "120", "--log-level", "warning", "--error-logfile", log.name,
        ],
        cwd=BASE_DIR,
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + startup_s
        while not _healthy(f"http://127.0.0.1:{port}/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "gunicorn did not start; its log:\n" + Path(log.name).read_text()[-3000:]
                )
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        os.unlink(log.name)


def session_cookie(user: User) -> str:
    """A real session in the bench database, as after a login."""
    http = HttpClient()
    http.force_login(user)
    return http.cookies[settings.SESSION_COOKIE_NAME].value


def _reverse(names: tuple[str, ...], **kwargs: object) -> str | None:
    for name in names:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def targets(data: BenchData) -> list[Target]:
    csrf = get_random_string(32)
    client_cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session_cookie(data.client_user)}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf}"
    )
    step = reverse("intake_step", kwargs={"intake_id": data.draft.pk, "step": STEP})
    staff_cookie = f"{settings.SESSION_COOKIE_NAME}={session_cookie(data.admin)}"
    therapist_cookie = f"{settings.SESSION_COOKIE_NAME}={session_cookie(data.therapist)}"
    note = data.notes[-1]
    return [
        Target("/healthz", "/healthz", note="one database round trip"),
        Target(PING, "/ping"),
        Target(f"intake step {STEP} GET", step, headers={"Cookie": client_cookie}, min_ratio=0.12),
        Target(
            f"intake step {STEP} POST",
            step,
            method="POST",
            headers={
                "Cookie": client_cookie,
                "X-CSRFToken": csrf,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=urlencode(STEP_POST, doseq=True),
            expect=(302,),
            min_ratio=0.20,
        ),
        Target(
            "staff referral list",
            _reverse(("referral_list",)),
            headers={"Cookie": staff_cookie},
            note="referral_list",
        ),
        Target(
            "note PDF download",
            _reverse(("note_pdf", "session_note_pdf"), note_id=note.pk),
            headers={"Cookie": therapist_cookie},
            note="note_pdf",
        ),
    ]


def load(
    port: int, built: list[Target], *, requests: int, concurrency: int, rounds: int = 4
) -> list[dict]:
    """Run the load client in its own process and return its per-target results."""
    spec = {
        "host": "127.0.0.1",
        "port": port,
        "requests": requests,
        "concurrency": concurrency,
        "rounds": rounds,
        "targets": [target.spec() for target in built],
    }
    done = subprocess.run(
        [sys.executable, "-m", "intake.bench.load"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        check=True,
    )
    return json.loads(done.stdout)


PING = "/ping (trivial view)"


def ratio_to_floor(result: dict, floor: dict | None) -> float | None:
    """Throughput as a share of the trivial view's: the median of the per-round ratios (the
    rounds took turns, so each ratio compares two moments close in time)."""
    if not floor:
        return None
    pairs = zip(result.get("round_rps") or [], floor.get("round_rps") or [], strict=False)
    ratios = [mine / base for mine, base in pairs if base]
    if ratios:
        return statistics.median(ratios)
    return result["rps"] / floor["rps"] if floor.get("rps") else None


def rows(all_targets: list[Target], results: list[dict]) -> list[Row]:
    by_name = {result["name"]: result for result in results}
    floor = by_name.get(PING)
    out = []
    for target in all_targets:
        target_text = f"≥ {target.min_ratio:.0%} of /ping req/s" if target.min_ratio else ""
        result = by_name.get(target.name)
        if result is None:
            out.append(Row.not_built(SECTION, target.name, target=target_text, note=target.note))
            continue
        ratio = ratio_to_floor(result, floor)
        text = (
            f"{result['rps']:,.0f} req/s · p50 {result['p50_ms']:.1f} ms · "
            f"p95 {result['p95_ms']:.1f} ms"
        )
        if ratio is not None:
            text += f" · {ratio:.0%} of /ping"
        if result["errors"]:
            text += f" · {result['errors']} unexpected statuses {result['statuses']}"
        met = None
        if target.min_ratio is not None and ratio is not None:
            met = ratio >= target.min_ratio and not result["errors"]
        out.append(
            Row(
                SECTION,
                target.name,
                text,
                target=target_text,
                met=met,
                metrics={**result, "ratio_to_ping": round(ratio, 4) if ratio else None},
            )
        )
    return out


def run(
    data: BenchData,
    *,
    database_url: str,
    requests: int,
    concurrency: int,
    rounds: int = 4,
    workers: int = 2,
) -> list[Row]:
    all_targets = targets(data)
    built = [target for target in all_targets if target.path is not None]
    env = server_env(database_url)
    collectstatic(env)
    with gunicorn(env, workers=workers) as port:
        results = load(port, built, requests=requests, concurrency=concurrency, rounds=rounds)
    return rows(all_targets, results)
