"""The intake wizard's step pages, in-process (the test client: URL routing, middleware, the view,
its queries and its template; no network): each step's GET, median of a few requests after two
warm-ups, split into database time and the rest (mostly template rendering)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse

from bench.data import BenchData
from bench.report import Row
from intake.submissions.services import STEPS

SECTION = "Page (in-process)"
TARGET_MS = 25


def _time_get(http: HttpClient, url: str, *, repeat: int) -> tuple[int, float, float]:
    """(status, median total ms, median database ms) of ``repeat`` GETs after two warm-ups."""
    db: list[float] = []

    def wrapper(execute: Callable, sql: str, params: object, many: bool, context: dict) -> object:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            db.append(time.perf_counter() - start)

    status = http.get(url).status_code
    http.get(url)
    totals, db_totals = [], []
    for _ in range(repeat):
        db.clear()
        with connection.execute_wrapper(wrapper):
            start = time.perf_counter()
            http.get(url)
            totals.append(time.perf_counter() - start)
        db_totals.append(sum(db))
    return status, statistics.median(totals) * 1000, statistics.median(db_totals) * 1000


def run(data: BenchData, *, repeat: int = 15) -> list[Row]:
    http = HttpClient(raise_request_exception=False)
    http.force_login(data.client_user)
    target = f"≤ {TARGET_MS} ms median"
    rows = []
    for step in STEPS:
        url = reverse("intake_step", kwargs={"intake_id": data.draft.pk, "step": step.number})
        status, total_ms, db_ms = _time_get(http, url, repeat=repeat)
        name = f"intake step {step.number} GET ({step.title})"
        if status != 200:
            rows.append(Row(SECTION, name, f"HTTP {status}", target=target, met=False))
            continue
        rows.append(
            Row(
                SECTION,
                name,
                f"median {total_ms:.1f} ms, of which database {db_ms:.1f} ms",
                target=target,
                met=total_ms <= TARGET_MS,
                metrics={"url": url, "median_ms": round(total_ms, 2), "db_ms": round(db_ms, 2)},
            )
        )
    return rows
