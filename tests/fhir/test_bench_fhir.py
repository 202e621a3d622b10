"""The bench's FHIR row: the export runs over the generated scale data, and the row reports its
time and the export process's peak memory (the timing itself is the bench's, not a test's)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bench import fhir as bench_fhir
from bench import generate

pytestmark = pytest.mark.django_db


def test_the_export_runs_over_the_generated_scale_data(tmp_path):
    counts = generate.ScaleCounts(clients=6, intakes=9, referrals=4, notes=5, physicians=2)
    generate.generate(counts, batch=4)
    out = io.StringIO()
    call_command("export_fhir", str(tmp_path), stdout=out)
    assert "Patient: 6 resources" in out.getvalue()
    assert "ServiceRequest: 4 resources" in out.getvalue()
    lines = (tmp_path / "QuestionnaireResponse.ndjson").read_text().splitlines()
    assert 0 < len(lines) <= 9


def test_the_row_reports_time_resources_and_peak_memory(monkeypatch):
    runs = iter([
        {"seconds": 12.5, "peak_rss_kib": 150 * 1024, "bytes": 3 * 2**20,
         "resources": {"Patient": 1000, "Flag": 20}},
        {"seconds": 1.0, "peak_rss_kib": 120 * 1024, "bytes": 0, "resources": {}},
    ])  # fmt: skip
    monkeypatch.setattr(bench_fhir, "export", lambda *args: next(runs))
    time_row, memory_row = bench_fhir.run(log=lambda message: None)
    assert time_row.result == "12.5 s · 1,020 resources · 3 MiB"
    assert time_row.note == "Patient 1,000, Flag 20"
    assert memory_row.result.startswith("150 MiB (")
    assert "120 MiB" in memory_row.result


def test_a_failed_export_is_reported_not_raised(monkeypatch):
    def fail(*args):
        raise RuntimeError("no such table")

    monkeypatch.setattr(bench_fhir, "export", fail)
    (row,) = bench_fhir.run(log=lambda message: None)
    assert row.met is False and "no such table" in row.result


def test_it_names_the_database_in_use(settings):
    url = bench_fhir.database_url()
    assert url.startswith("postgres://") and url.rsplit("/", 1)[1]
