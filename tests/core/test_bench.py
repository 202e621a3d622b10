"""The benchmark's pieces, fast: the table and JSON, the statistics, the load client against
the live server, the generator at tiny counts, PDF timing and query counting. (The full run,
``make bench``, needs PostgreSQL and minutes; its targets are reported, never asserted here.)"""

import json

import pytest

from intake.accounts.models import Client
from intake.bench import data as bench_data
from intake.bench import database, pages, pdfs, queries, report, scale, timing, web
from intake.notes.models import SessionNote
from intake.referrals.models import Referral
from intake.submissions.models import IntakeSubmission


def test_it_formats_one_table_and_writes_the_same_rows_as_json(tmp_path):
    result = report.Report(
        machine={"cores": "2", "database": "PostgreSQL 15"},
        generated_at="2026-11-24 20:30 UTC",
        duration_s=12.0,
    )
    result.add(report.Row("PDF", "session note", "median 8.0 ms", target="≤ 10 ms", met=True))
    result.add(report.Row("HTTP", "slow | page", "20 req/s", target="≥ 12%", met=False))
    result.add(report.Row.not_built("PDF", "progress report", note="intake.pdf.letters"))

    table = report.format_table(result)
    path = tmp_path / "bench.json"
    report.write_json(result, path)

    assert "- cores: 2" in table
    assert "| PDF: session note | median 8.0 ms | ≤ 10 ms | yes |" in table
    assert "| HTTP: slow \\| page | 20 req/s | ≥ 12% | **no** |" in table
    assert "n/a (not built) (intake.pdf.letters)" in table
    written = json.loads(path.read_text())
    assert written["machine"]["database"] == "PostgreSQL 15"
    assert [row["met"] for row in written["rows"]] == [True, False, None]
    assert not (tmp_path / "bench.json.tmp").exists()


def test_it_takes_the_median_and_nearest_rank_p95():
    summary = timing.summarize_ms([i / 1000 for i in range(1, 101)])  # 1..100 ms
    assert summary["n"] == 100
    assert summary["median_ms"] == 50.5
    assert summary["p95_ms"] == 95.0
    assert timing.percentile([3.0], 95) == 3.0
    calls = []
    assert len(timing.time_calls(lambda: calls.append(1), repeat=5, warmup=2)) == 5
    assert len(calls) == 7


def test_it_drives_the_live_server_from_a_second_process(live_server, alice):
    port = int(live_server.url.rsplit(":", 1)[1])
    targets = [web.Target("ping", "/ping"), web.Target("missing", "/no-such-page/")]

    results = web.load(port, targets, requests=12, concurrency=3, rounds=2)

    ping, missing = results
    assert ping["requests"] == 12 and ping["statuses"] == {"200": 12} and ping["errors"] == 0
    assert len(ping["round_rps"]) == 2 and ping["rps"] > 0
    assert ping["p50_ms"] <= ping["p95_ms"]
    assert missing["statuses"] == {"404": 12} and missing["errors"] == 12


def test_it_reports_throughput_as_the_median_of_per_round_ratios_to_ping():
    ping = {"name": web.PING, "rps": 100.0, "round_rps": [100.0, 50.0, 100.0], "errors": 0}
    page = {"name": "page", "rps": 20.0, "round_rps": [20.0, 5.0, 15.0], "errors": 0}
    for result in (ping, page):
        result.update(p50_ms=1.0, p95_ms=2.0, statuses={"200": 3})
    targets = [
        web.Target(web.PING, "/ping"),
        web.Target("page", "/page/", min_ratio=0.12),
        web.Target("later", None, min_ratio=0.2),
    ]

    rows = web.rows(targets, [ping, page])

    assert rows[1].metrics["ratio_to_ping"] == 0.15  # median of 0.20, 0.10, 0.15
    assert rows[1].met is True
    assert rows[2].result == report.NOT_BUILT and rows[2].met is None


@pytest.mark.django_db
def test_it_generates_exact_counts_with_at_most_one_draft_per_client():
    counts = scale.ScaleCounts(clients=10, intakes=25, referrals=6, notes=7, physicians=3)

    made = scale.generate(counts, batch=4)

    assert made == counts
    assert (Client.objects.count(), IntakeSubmission.objects.count()) == (10, 25)
    assert (Referral.objects.count(), SessionNote.objects.count()) == (6, 7)
    assert not IntakeSubmission.objects.filter(status="submitted", submitted_at=None).exists()
    assert scale.existing_counts().intakes == 25


@pytest.mark.django_db
def test_it_times_every_built_pdf_and_marks_missing_ones_not_built():
    data = bench_data.build()

    rows = pdfs.run(data, renders=2, warmup=0)
    missing = pdfs.measure(
        pdfs.PdfCase("nothing", "intake.pdf.no_such_module:render", 10, pdfs._one_note),
        data,
        renders=1,
        warmup=0,
    )

    assert [row.name for row in rows] == [case.name for case in pdfs.CASES]
    for row in rows:
        assert not row.result.startswith("error"), row.result
        if row.result != report.NOT_BUILT:
            assert row.metrics["n"] == 2 and row.metrics["pdf_bytes"] > 1000
    assert missing.result == report.NOT_BUILT and missing.met is None


@pytest.mark.django_db
def test_it_counts_a_pages_queries_at_1_and_100_rows_and_rolls_back():
    page = queries.ListPage("ping", ("ping",), "therapist", queries._clients)
    unbuilt = queries.ListPage("later", ("no_such_url_name",), "admin", queries._clients)

    row = queries.measure(page)

    assert row.metrics["queries_1"] == row.metrics["queries_100"]
    assert row.met is True
    assert Client.objects.count() == 0  # the rows were rolled back
    assert queries.measure(unbuilt).result == report.NOT_BUILT


def test_it_points_gunicorn_at_the_bench_database_on_the_same_server():
    db = {"USER": "postgres", "PASSWORD": "p@ss", "HOST": "db.local", "PORT": 5433}

    url = database.database_url(database.SMALL_DB, db)

    assert url == "postgres://postgres:p%40ss@db.local:5433/clinic_bench"
    assert database.database_url("x", {"USER": "u", "HOST": "/run/pg"}).endswith(
        "/x?host=%2Frun%2Fpg"
    )
    assert database.SMALL_DB != database.SCALE_DB


def test_it_fingerprints_the_schema_so_a_model_change_rebuilds_the_bench_database(monkeypatch):
    fingerprint = database.schema_fingerprint()
    assert fingerprint == database.schema_fingerprint() and len(fingerprint) == 64
    field = Client._meta.get_field("phone")

    monkeypatch.setattr(field, "null", True)

    assert database.schema_fingerprint() != fingerprint


@pytest.mark.django_db
def test_it_splits_each_intake_steps_time_into_database_and_the_rest():
    data = bench_data.build()

    rows = pages.run(data, repeat=1)

    assert len(rows) == 7
    for row in rows:
        assert row.result.startswith("median"), row.result
        assert 0 < row.metrics["db_ms"] < row.metrics["median_ms"]
