"""Where a page's time goes, in-process (no network, no gunicorn): each intake wizard step's GET,
median of a few requests, split into database time and the rest (mostly template rendering).
Points at the step to optimise when the HTTP ratio to /ping is missed."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse

from intake.bench.data import BenchData
from intake.bench.report import Row

SECTION = "Page (in-process)"


def _time_get(http: HttpClient, url: str, *, repeat: int) -> tuple[int, float, float]:
    """(status, median total ms, median database ms) of ``repeat`` GETs after two warm-ups."""
    db: list[float] = []

    def wrapper(execute, sql, params, many, context):  # noqa: ANN001, ANN202
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


def run(data: BenchData, *, repeat: int = 10) -> list[Row]:
    from intake.submissions.services import STEPS

    http = HttpClient(raise_request_exception=False)
    http.force_login(data.client_user)
    rows = []
    for step in STEPS:
        url = reverse("intake_step", kwargs={"intake_id": data.draft.pk, "step": step.number})
        status, total_ms, db_ms = _time_get(http, url, repeat=repeat)
        name = f"intake step {step.number} GET ({step.title})"
        if status != 200:
            rows.append(Row(SECTION, name, f"HTTP {status}"))
            continue
        rows.append(
            Row(
                SECTION,
                name,
                f"median {total_ms:.1f} ms, of which database {db_ms:.1f} ms",
                metrics={"url": url, "median_ms": round(total_ms, 2), "db_ms": round(db_ms, 2)},
            )
        )
    return rows
