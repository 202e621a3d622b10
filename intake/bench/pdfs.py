"""PDF render timings: each document function called the way its view calls it, ≥ 30 times
after a warm-up, plus the peak memory one render allocates (tracemalloc, measured separately so
it does not slow the timed runs)."""

from __future__ import annotations

import importlib
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from intake.bench import timing
from intake.bench.data import BenchData
from intake.bench.report import Row
from intake.notes.models import SessionNote

SECTION = "PDF"


@dataclass(frozen=True)
class PdfCase:
    name: str
    function: str  # "module:function"
    target_ms: float | None
    call: Callable[[Callable, BenchData], Callable[[], bytes] | None]


def _notes(data: BenchData) -> list[SessionNote]:
    """The notes as the note views load them (related rows selected, addenda prefetched)."""
    return list(
        SessionNote.objects.filter(pk__in=[note.pk for note in data.notes])
        .select_related("client", "therapist", "referral__physician")
        .prefetch_related("addenda__author")
        .order_by("visit_date", "id")
    )


def _one_note(fn: Callable, data: BenchData) -> Callable[[], bytes]:
    note = _notes(data)[-1]
    return lambda: fn(note)


def _note_range(fn: Callable, data: BenchData) -> Callable[[], bytes]:
    notes = _notes(data)
    return lambda: fn(notes)


def _handout(fn: Callable, data: BenchData) -> Callable[[], bytes] | None:
    if data.handout is None:
        return None
    return lambda: fn(data.handout)


def _progress_report(fn: Callable, data: BenchData) -> Callable[[], bytes]:
    return lambda: fn(data.referral)


CASES: tuple[PdfCase, ...] = (
    PdfCase("session note (1 page)", "intake.pdf.note:render_session_note", 10, _one_note),
    PdfCase("20 session notes", "intake.pdf.note:render_session_notes", 150, _note_range),
    PdfCase("handout, 6 illustrated exercises", "intake.pdf.handout:render_handout", 30, _handout),
    PdfCase(
        "referral progress report",
        "intake.pdf.letters:render_progress_report",
        None,
        _progress_report,
    ),
)


def load(function: str) -> Callable | None:
    module_name, _, name = function.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, name, None)


def peak_kib(call: Callable[[], bytes]) -> int:
    """Peak Python memory allocated during one call, in KiB."""
    tracemalloc.start()
    try:
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 1024)


def measure(case: PdfCase, data: BenchData, *, renders: int, warmup: int) -> Row:
    target = f"≤ {case.target_ms:g} ms median" if case.target_ms else ""
    fn = load(case.function)
    call = case.call(fn, data) if fn is not None else None
    if call is None:
        return Row.not_built(SECTION, case.name, target=target, note=case.function)
    try:
        size = len(call())
        samples = timing.time_calls(call, repeat=renders, warmup=warmup)
    except Exception as error:  # noqa: BLE001 - a broken document is reported, not fatal
        return Row(SECTION, case.name, f"error: {type(error).__name__}: {error}", target=target)
    summary = timing.summarize_ms(samples)
    peak = peak_kib(call)
    met = summary["median_ms"] <= case.target_ms if case.target_ms else None
    return Row(
        SECTION,
        case.name,
        f"median {summary['median_ms']:.1f} ms · p95 {summary['p95_ms']:.1f} ms · "
        f"peak {peak:,} KiB · {size // 1024:,} KiB PDF",
        target=target,
        met=met,
        metrics={**summary, "peak_kib": peak, "pdf_bytes": size, "function": case.function},
    )


def run(data: BenchData, *, renders: int = 30, warmup: int = 3) -> list[Row]:
    return [measure(case, data, renders=renders, warmup=warmup) for case in CASES]
