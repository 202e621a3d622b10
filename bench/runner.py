"""The order of a benchmark run, from an empty bench database to the report."""

from __future__ import annotations

import datetime as dt
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from bench import data as bench_data
from bench import database, fhir, machine, pages, pdfs, scale
from bench.generate import ScaleCounts
from bench.report import Report, Row


@dataclass
class Options:
    renders: int = 30
    warmup: int = 3
    page_repeat: int = 15
    scale_counts: ScaleCounts = field(default_factory=ScaleCounts)
    scale_repeat: int = 15
    reset_scale: bool = False
    small_db: str = database.SMALL_DB
    scale_db: str = database.SCALE_DB
    pdf: bool = True
    pages: bool = True
    scale: bool = True
    quiet_wait_s: float = 0


def _peak_rss_row() -> Row:
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return Row(
        "Memory",
        "bench process peak RSS",
        f"{peak_kib / 1024:,.0f} MiB",
        metrics={"peak_rss_kib": peak_kib},
    )


def _small_data_rows(options: Options, log: Callable[[str], None]) -> list[Row]:
    """PDFs and intake steps, over the small data set in a flushed ``clinic_bench``."""
    database.prepare(options.small_db)
    call_command("flush", interactive=False, verbosity=0)
    log("Building the bench data…")
    data = bench_data.build()
    rows: list[Row] = []
    if options.pdf:
        log(f"PDF renders ({options.renders} each)…")
        rows += pdfs.run(data, renders=options.renders, warmup=options.warmup)
    if options.pages:
        log("Intake steps in-process…")
        rows += pages.run(data, repeat=options.page_repeat)
    return rows


def run(options: Options, *, log: Callable[[str], None] = print) -> Report:
    if options.quiet_wait_s:
        machine.wait_for_quiet(timeout_s=options.quiet_wait_s, log=log)
    started = time.perf_counter()
    database.require_postgresql()
    report = Report(
        machine=machine.machine_info(),
        parameters=asdict(options),
        generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    # Pages render with production's static storage: the hashed, collected copies.
    call_command("collectstatic", interactive=False, verbosity=0)
    in_process = override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], SECURE_SSL_REDIRECT=False
    )
    with in_process:
        if options.pdf or options.pages:
            report.rows += _small_data_rows(options, log)
        if options.scale:
            log("Scale data…")
            counts, name = options.scale_counts, options.scale_db
            log(scale.ensure_data(counts, name=name, reset=options.reset_scale, log=log))
            report.rows += scale.time_pages(repeat=options.scale_repeat)
            report.rows += fhir.run(log=log)
    report.rows.append(_peak_rss_row())
    report.machine["load average at end (1, 5, 15 min)"] = machine.load_average()
    report.duration_s = round(time.perf_counter() - started, 1)
    return report
