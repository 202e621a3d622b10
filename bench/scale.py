"""The staff lists over the generated data (``bench.generate``) in ``clinic_bench_scale``: the
client search, the referral list and dashboard, the staff intake list, the clinic outcomes page;
median time in-process (the view, its queries and its template, without the network) and where
the time goes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from urllib.parse import urlencode

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench import database, timing
from bench.generate import ScaleCounts, ensure_staff, existing_counts, generate
from bench.report import Row

SECTION = "Scale"
#: A surname in the generated data, used for the search timing.
SEARCH_TERM = "Garcia"
#: A first and last name that occur together rarely (both near the end of the alphabet).
RARE_NAME = "Zoe Zhang"
#: (name, url name, query string, role, target in ms or None)
PAGES = (
    (f"client search, common surname ({SEARCH_TERM})", "client_search", f"?q={SEARCH_TERM}",
     "therapist", 50),
    (f"client search, rare name ({RARE_NAME})", "client_search", "?" + urlencode({"q": RARE_NAME}),
     "therapist", 50),
    ("client search, no match", "client_search", "?q=Nobody", "therapist", 50),
    ("referral list, first page", "referral_list", "", "admin", 100),
    ("referral dashboard", "referral_dashboard", "", "admin", 100),
    ("staff intake list, first page", "staff_intakes", "", "therapist", None),
    ("clinic outcomes, last 12 months (default)", "clinic_outcomes", "", "admin", 200),
    ("clinic outcomes, all time", "clinic_outcomes", "?period=all", "admin", 200),
)  # fmt: skip


def describe(counts: ScaleCounts) -> str:
    return (
        f"{counts.clients:,} clients · {counts.intakes:,} intakes · "
        f"{counts.referrals:,} referrals · {counts.notes:,} notes"
    )


def ensure_data(
    counts: ScaleCounts,
    *,
    name: str,
    reset: bool = False,
    batch: int = 5000,
    log: Callable[[str], None] = print,
) -> str:
    """Make database ``name`` hold exactly ``counts`` (generating only when it does not)."""
    fresh = database.prepare(name, fresh=reset)
    have = existing_counts()
    wanted = (counts.clients, counts.intakes, counts.referrals, counts.notes)
    if not fresh and (have.clients, have.intakes, have.referrals, have.notes) == wanted:
        return f"{name} already holds {describe(have)}."
    if not fresh:
        database.prepare(name, fresh=True)
    log(f"Generating into {name}: {describe(counts)}")
    start = time.perf_counter()
    made = generate(counts, batch=batch, log=log)
    return f"Generated {describe(made)} in {time.perf_counter() - start:.0f} s."


def _profile(http: HttpClient, url: str) -> dict[str, object]:
    """One more request with its queries captured: how many, their total, the slowest."""
    with CaptureQueriesContext(connection) as captured:
        http.get(url)
    times = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    slowest = max(times, default=(0.0, ""))
    return {
        "queries": len(times),
        "db_ms": round(sum(ms for ms, _ in times), 1),
        "slowest_query_ms": round(slowest[0], 1),
        "slowest_query": slowest[1][:300],
    }


def _time_page(http: HttpClient, name: str, url: str, target_ms: int | None, repeat: int) -> Row:
    target = f"≤ {target_ms} ms median" if target_ms else ""
    statuses: set[int] = set()

    def get() -> None:
        statuses.add(http.get(url).status_code)

    summary = timing.summarize_ms(timing.time_calls(get, repeat=repeat, warmup=2))
    if statuses != {200}:
        return Row(SECTION, name, f"HTTP {sorted(statuses)} at {url}", target=target, met=False)
    profile = _profile(http, url)
    return Row(
        SECTION,
        name,
        f"median {summary['median_ms']:.1f} ms · p95 {summary['p95_ms']:.1f} ms",
        target=target,
        met=summary["median_ms"] <= target_ms if target_ms else None,
        note=f"{profile['queries']} queries, slowest {profile['slowest_query_ms']} ms",
        metrics={**summary, **profile, "url": url},
    )


def staff_session(user: object) -> HttpClient:
    """A test client signed in as ``user`` past the second factor (staff must pass one), as
    ``django_otp.login`` leaves a session after a right code; the device is the bench's own."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    http = HttpClient(raise_request_exception=False)
    http.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Bench", defaults={"confirmed": True}
    )
    session = http.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return http


def time_pages(*, repeat: int = 15) -> list[Row]:
    """Median time of each page over the data in the current database."""
    therapist, admin = ensure_staff()
    have = existing_counts()
    rows = [Row(SECTION, "data", describe(have), metrics=asdict(have))]
    for name, url_name, query, role, target_ms in PAGES:
        http = staff_session(therapist if role == "therapist" else admin)
        rows.append(_time_page(http, name, reverse(url_name) + query, target_ms, repeat))
    return rows
