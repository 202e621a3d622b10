"""Query counts of each staff list page at 1 row and at 100 rows (they must be equal, and at
most 10), with the test client and CaptureQueriesContext, inside a transaction that is rolled
back so the bench database is left as it was."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from intake.accounts.models import Client, User
from intake.audit.models import AuditEvent
from intake.bench import data as bench_data
from intake.bench import scale
from intake.bench.report import Row
from intake.handouts.models import Exercise
from intake.referrals.models import Physician

SECTION = "Queries"
TARGET = "equal at 1 and 100 rows, ≤ 10"
MAX_QUERIES = 10


@dataclass(frozen=True)
class ListPage:
    name: str
    url_names: tuple[str, ...]  # the first that resolves is used
    role: str  # "therapist" or "admin"
    make_rows: Callable[[int, int], None]  # (how many, index of the first)
    query: str = ""


def _clients(count: int, start: int) -> list[Client]:
    rows = scale.client_rows(random.Random(start), start, count)
    return Client.objects.bulk_create(rows)


def _intakes(count: int, start: int) -> None:
    for client in _clients(count, start):
        bench_data.make_submitted_intake(client)


def _referrals(count: int, start: int) -> None:
    for client in _clients(count, start):
        bench_data.make_referral(client)


def _exercises(count: int, start: int) -> None:
    Exercise.objects.bulk_create(
        Exercise(
            slug=f"bench-exercise-{i}",
            name=f"Exercise {i}",
            purpose="Keeps the hip moving.",
            instructions="Sit tall.\nCross one ankle over the other knee.\nLean forward.",
            illustration="seated_figure_four",
        )
        for i in range(start, start + count)
    )


def _physicians(count: int, start: int) -> None:
    Physician.objects.bulk_create(
        Physician(name=f"Dr. Bench {i}", practice="Elm Clinic") for i in range(start, start + count)
    )


def _audit_events(count: int, start: int) -> None:
    clients = _clients(count, start)
    AuditEvent.objects.bulk_create(
        AuditEvent(action="view", object_type="client", object_id=str(c.pk), client=c)
        for c in clients
    )


PAGES: tuple[ListPage, ...] = (
    ListPage("staff intake list", ("staff_intakes",), "therapist", _intakes),
    ListPage("client search (no query: all clients)", ("client_search",), "therapist", _clients),
    ListPage("client search ?q=a", ("client_search",), "therapist", _clients, query="?q=a"),
    ListPage("referral list", ("referral_list",), "admin", _referrals),
    ListPage("referral dashboard", ("referral_dashboard",), "admin", _referrals),
    ListPage("physician list", ("physician_list",), "admin", _physicians),
    ListPage("exercise library", ("exercise_list",), "therapist", _exercises),
    ListPage("audit log", ("audit_log",), "admin", _audit_events),
)


def resolve(page: ListPage) -> str | None:
    for name in page.url_names:
        try:
            return reverse(name) + page.query
        except NoReverseMatch:
            continue
    return None


def count_queries(http: HttpClient, url: str) -> tuple[int, int]:
    """(status, queries) of one GET, after one unmeasured GET (session and cache warm-up)."""
    http.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = http.get(url)
    return response.status_code, len(queries.captured_queries)


def _staff(role: str) -> User:
    return bench_data.make_user(f"list-{role}", role, "List", role.title())


def measure(page: ListPage) -> Row:
    url = resolve(page)
    if url is None:
        return Row.not_built(SECTION, page.name, target=TARGET, note=" / ".join(page.url_names))
    http = HttpClient(raise_request_exception=False)
    with transaction.atomic():
        http.force_login(_staff(page.role))
        page.make_rows(1, 0)
        status_1, at_1 = count_queries(http, url)
        page.make_rows(99, 1)
        status_100, at_100 = count_queries(http, url)
        transaction.set_rollback(True)
    if status_1 != 200 or status_100 != 200:
        return Row(SECTION, page.name, f"HTTP {status_1}/{status_100} at {url}", target=TARGET)
    return Row(
        SECTION,
        page.name,
        f"{at_1} queries at 1 row, {at_100} at 100",
        target=TARGET,
        met=at_1 == at_100 <= MAX_QUERIES,
        metrics={"url": url, "queries_1": at_1, "queries_100": at_100},
    )


def run() -> list[Row]:
    """Every page in its own rolled-back transaction: the database is left as it was."""
    return [measure(page) for page in PAGES]
