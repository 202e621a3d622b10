"""PDF render timings: each renderer timed alone (≥ 30 renders after a warm-up), its input read
from the database once, outside the timing; then the same session note through WeasyPrint
(``bench.weasy``), when it is installed, as the field's yardstick."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.test import override_settings

from bench import timing, weasy
from bench.data import BenchData
from bench.report import Row
from intake.handouts import pdf as handout_pdf
from intake.handouts.selectors import handout_document
from intake.notes import pdf as note_pdf
from intake.notes.models import SessionNote
from intake.notes.selectors import client_safety, note_document, range_documents
from intake.pdf import Letterhead
from intake.referrals import pdf as letters
from intake.referrals.selectors import progress_report_document
from intake.signing.certificate import make_self_signed
from intake.signing.sign import sign_pdf

SECTION = "PDF"
#: reportlab must stay at least this many times faster than WeasyPrint on the same note.
MIN_SPEEDUP = 5

Render = Callable[[], bytes]


@dataclass(frozen=True)
class PdfCase:
    name: str
    target_ms: float | None
    prepare: Callable[[BenchData], Render]  # reads what the document needs; returns the render


def notes_as_viewed(data: BenchData) -> list[SessionNote]:
    """The notes as the note views load them (related rows selected, addenda prefetched)."""
    return list(
        SessionNote.objects.filter(pk__in=[note.pk for note in data.notes])
        .select_related("client", "therapist", "referral__physician")
        .prefetch_related("addenda__author")
        .order_by("visit_date", "id")
    )


def _one_note(data: BenchData) -> Render:
    doc, letterhead = note_document(notes_as_viewed(data)[-1]), Letterhead.from_settings()
    return lambda: note_pdf.render_session_note(doc, letterhead=letterhead)


def _signed_note(data: BenchData) -> Render:
    """The note as a signed note prints: rendered, then signed with a self-signed certificate
    made as ``make_clinic_certificate`` makes it (ECDSA P-256), in a directory of the bench's."""
    render = _one_note(data)
    folder = tempfile.TemporaryDirectory(prefix="bench-signing-")
    cert, key = Path(folder.name) / "cert.pem", Path(folder.name) / "key.pem"
    make_self_signed(name="Bench clinic", cert=cert, key=key)
    paths = override_settings(CLINIC_SIGNING_CERT=str(cert), CLINIC_SIGNING_KEY=str(key))

    def signed() -> bytes:
        with paths:  # the folder lives as long as this function
            return sign_pdf(render(), reason=f"Bench: {folder.name}")

    signed.certificate = cert  # type: ignore[attr-defined]  (for a test to trust it)
    return signed


def _note_range(data: BenchData) -> Render:
    docs, letterhead = range_documents(notes_as_viewed(data)), Letterhead.from_settings()
    return lambda: note_pdf.render_session_notes(docs, letterhead=letterhead)


def _handout(data: BenchData) -> Render:
    handout = (
        type(data.handout).objects.select_related("client", "therapist").get(pk=data.handout.pk)
    )
    doc = handout_document(handout)
    return lambda: handout_pdf.render_handout(doc)


def _progress_report(data: BenchData) -> Render:
    doc, letterhead = progress_report_document(data.referral), Letterhead.from_settings()
    return lambda: letters.render_progress_report(doc, letterhead=letterhead)


CASES: tuple[PdfCase, ...] = (
    PdfCase("session note (1 page)", 15, _one_note),
    PdfCase("session note, signed (render + PAdES signature)", None, _signed_note),
    PdfCase("20 session notes", 150, _note_range),
    PdfCase("handout, 6 illustrated exercises", 40, _handout),
    PdfCase("referral progress report", None, _progress_report),
)


def measure(
    name: str, render: Render, *, target_ms: float | None, renders: int, warmup: int
) -> Row:
    target = f"≤ {target_ms:g} ms median" if target_ms else ""
    try:
        size = len(render())
        summary = timing.summarize_ms(timing.time_calls(render, repeat=renders, warmup=warmup))
    except Exception as error:  # noqa: BLE001 - a broken document is reported, not fatal
        return Row(
            SECTION, name, f"error: {type(error).__name__}: {error}", target=target, met=False
        )
    return Row(
        SECTION,
        name,
        f"median {summary['median_ms']:.1f} ms · p95 {summary['p95_ms']:.1f} ms · "
        f"{size / 1024:,.0f} KiB PDF",
        target=target,
        met=summary["median_ms"] <= target_ms if target_ms else None,
        metrics={**summary, "pdf_bytes": size},
    )


def weasyprint_row(data: BenchData, reportlab: Row, *, renders: int, warmup: int) -> Row:
    """The same note through WeasyPrint, and how many times faster reportlab was."""
    name = "session note (1 page) with WeasyPrint"
    target = f"reportlab ≥ {MIN_SPEEDUP}× faster"
    if not weasy.available():
        return Row(SECTION, name, "not installed (make bench-deps)", target=target)
    note = notes_as_viewed(data)[-1]
    render = weasy.prepare_note(note, client_safety(note.client))
    row = measure(name, render, target_ms=None, renders=renders, warmup=warmup)
    ours, theirs = reportlab.metrics.get("median_ms"), row.metrics.get("median_ms")
    if not ours or not theirs:
        return row
    speedup = theirs / ours
    row.result += f" · reportlab {speedup:.1f}× faster"
    row.target, row.met = target, speedup >= MIN_SPEEDUP
    row.metrics["reportlab_speedup"] = round(speedup, 2)
    return row


def run(data: BenchData, *, renders: int = 30, warmup: int = 3) -> list[Row]:
    rows = [
        measure(
            case.name, case.prepare(data), target_ms=case.target_ms, renders=renders, warmup=warmup
        )
        for case in CASES
    ]
    rows.append(weasyprint_row(data, rows[0], renders=renders, warmup=warmup))
    return rows
