"""The benchmark's pieces, fast: the table and JSON, the statistics, a tiny run of each section
and the HTML twin of the session note. (The full run, ``make bench``, needs PostgreSQL and
minutes; its targets are reported there, never asserted here: no test reads a clock.)"""

import ast
import json
from pathlib import Path

import pytest
from django.utils.html import escape

from bench import data as bench_data
from bench import database, generate, pages, pdfs, report, scale, timing, weasy
from bench.__main__ import parser
from intake.accounts.models import Client
from intake.notes import pdf as note_pdf
from intake.notes.models import SessionNote
from intake.notes.selectors import client_safety
from intake.referrals.models import Referral
from intake.submissions.models import IntakeSubmission

APP = Path(__file__).resolve().parents[2] / "intake"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_it_is_never_imported_by_the_app():
    offenders = [
        str(path.relative_to(APP.parent))
        for path in APP.rglob("*.py")
        if any(name == "bench" or name.startswith("bench.") for name in imported_modules(path))
    ]
    assert len(list(APP.rglob("*.py"))) > 50  # the walk found the app
    assert offenders == []


def test_it_formats_one_table_and_writes_the_same_rows_as_json(tmp_path):
    result = report.Report(
        machine={"cores": "2", "database": "PostgreSQL 15"},
        generated_at="2026-11-24 20:30 UTC",
        duration_s=12.0,
    )
    result.rows += [
        report.Row("PDF", "session note", "median 8.0 ms", target="≤ 15 ms", met=True),
        report.Row("Page", "slow | page", "30 ms", target="≤ 25 ms", met=False),
        report.Row("Scale", "data", "10 clients", note="generated"),
    ]

    table = report.format_table(result)
    path = tmp_path / "bench.json"
    report.write_json(result, path)

    assert "- cores: 2" in table
    assert "| PDF: session note | median 8.0 ms | ≤ 15 ms | yes |" in table
    assert "| Page: slow \\| page | 30 ms | ≤ 25 ms | **no** |" in table
    assert "| Scale: data | 10 clients (generated) |  |  |" in table
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


def test_its_command_line_defaults_to_the_full_run_and_bench_json():
    args = parser().parse_args([])
    assert (args.renders, args.scale_clients, args.scale_intakes) == (30, 100_000, 200_000)
    assert args.output.name == "bench.json" and not args.skip_pdf
    assert parser().parse_args(["--skip-scale", "--renders", "3"]).skip_scale


@pytest.mark.django_db
def test_it_times_every_pdf_and_says_when_weasyprint_is_not_installed(monkeypatch):
    data = bench_data.build()
    monkeypatch.setattr(weasy, "available", lambda: False)

    rows = pdfs.run(data, renders=2, warmup=0)

    assert [row.name for row in rows[:-1]] == [case.name for case in pdfs.CASES]
    for row in rows[:-1]:
        assert row.result.startswith("median"), row.result
        assert row.metrics["n"] == 2 and row.metrics["pdf_bytes"] > 1000
    by_name = {row.name: row for row in rows}
    assert by_name["session note (1 page)"].target == "≤ 15 ms median"
    assert by_name["handout, 6 illustrated exercises"].target == "≤ 40 ms median"
    assert rows[-1].result.startswith("not installed") and rows[-1].met is None
    # The signed note is the note plus a signature that verifies.
    signed = by_name["session note, signed (render + PAdES signature)"]
    assert signed.metrics["pdf_bytes"] > by_name["session note (1 page)"].metrics["pdf_bytes"]
    render = pdfs._signed_note(data)
    assert verify(render(), trust=[render.certificate]).ok
    assert settings_signing_untouched()


def verify(data: bytes, *, trust):  # noqa: ANN001, ANN201
    from intake.signing.verify import verify as check

    return check(data, trust=trust)


def settings_signing_untouched() -> bool:
    """The bench's certificate was the bench's: the settings are back as they were."""
    from django.conf import settings

    return "bench-signing-" not in settings.CLINIC_SIGNING_CERT


@pytest.mark.django_db
def test_it_reports_a_broken_document_instead_of_stopping():
    def broken() -> bytes:
        raise ValueError("no page")

    row = pdfs.measure("broken", broken, target_ms=10, renders=1, warmup=0)

    assert row.result == "error: ValueError: no page" and row.met is False


@pytest.mark.django_db
def test_the_html_twin_holds_the_note_escaped_under_the_letterhead():
    data = bench_data.build()
    note = pdfs.notes_as_viewed(data)[-1]
    note.assessment = "<script>alert(1)</script>\nSecond line"
    context = client_safety(note.client)

    html = weasy.render_html(weasy.note_context(note, context))

    assert "Session note — visit of" in html and "Alice Anders" in html
    assert note.subjective in html and "Dr. Paula Grant" in html
    assert all(str(flag.label) in html for flag in context.flags) and context.flags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in html
    assert "<svg" in html and "Page " in html and escape(note_pdf.NOT_A_DIAGNOSIS) in html


class FakeWeasyPrint:
    """Stands in for WeasyPrint (optional, not installed by make test): takes the HTML."""

    pages: list[str] = []

    class HTML:
        def __init__(self, *, string: str) -> None:
            FakeWeasyPrint.pages.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-1.7 fake" * 100


@pytest.mark.django_db
def test_it_renders_the_html_twin_with_weasyprint_and_reports_the_ratio(monkeypatch):
    monkeypatch.setattr(weasy, "_weasyprint", lambda: FakeWeasyPrint)
    data = bench_data.build()
    reportlab = report.Row("PDF", "note", "median 2 ms", metrics={"median_ms": 2.0})

    row = pdfs.weasyprint_row(data, reportlab, renders=3, warmup=0)

    assert "Alice Anders" in FakeWeasyPrint.pages[-1]
    assert row.metrics["n"] == 3 and row.metrics["pdf_bytes"] == 1300
    assert "reportlab" in row.result and row.metrics["reportlab_speedup"] >= 0
    assert row.target == "reportlab ≥ 5× faster" and row.met is not None


@pytest.mark.django_db
def test_it_times_each_intake_step_against_its_target():
    data = bench_data.build()

    rows = pages.run(data, repeat=1)

    assert len(rows) == 7
    for row in rows:
        assert row.result.startswith("median"), row.result
        assert row.target == "≤ 25 ms median" and row.met is not None
        assert 0 < row.metrics["db_ms"] < row.metrics["median_ms"]


@pytest.mark.django_db
def test_it_generates_exact_counts_and_times_the_lists_over_them(monkeypatch):
    from django.test import Client as DjangoClient

    from tests.conftest import _plain_force_login

    # The bench signs staff in itself, past the second factor: not through the suite's fixture.
    monkeypatch.setattr(DjangoClient, "force_login", _plain_force_login)
    counts = generate.ScaleCounts(clients=10, intakes=25, referrals=6, notes=7, physicians=3)

    made = generate.generate(counts, batch=4)
    rows = scale.time_pages(repeat=1)

    assert made == counts
    assert (Client.objects.count(), IntakeSubmission.objects.count()) == (10, 25)
    assert (Referral.objects.count(), SessionNote.objects.count()) == (6, 7)
    assert not IntakeSubmission.objects.filter(status="submitted", submitted_at=None).exists()
    assert rows[0].metrics["intakes"] == 25
    assert [row.name for row in rows[1:]] == [page[0] for page in scale.PAGES]
    assert all(row.result.startswith("median") for row in rows[1:]), [r.result for r in rows]


def test_it_fingerprints_the_schema_so_a_model_change_rebuilds_the_bench_database(monkeypatch):
    fingerprint = database.schema_fingerprint()
    assert fingerprint == database.schema_fingerprint() and len(fingerprint) == 64

    monkeypatch.setattr(Client._meta.get_field("phone"), "null", True)

    assert database.schema_fingerprint() != fingerprint
