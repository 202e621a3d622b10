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

from intake.bench import data as bench_data
from intake.bench import database, machine, pages, pdfs, queries, scale, web
from intake.bench.report import Report, Row


@dataclass
class Options:
    requests: int = 2000
    concurrency: int = 16
    rounds: int = 4
    workers: int = 2
    renders: int = 30
    warmup: int = 3
    scale_counts: scale.ScaleCounts = field(default_factory=scale.ScaleCounts)
    scale_repeat: int = 15
    small_db: str = database.SMALL_DB
    scale_db: str = database.SCALE_DB
    pdf: bool = True
    http: bool = True
    query_counts: bool = True
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


def run(options: Options, *, log: Callable[[str], None] = print) -> Report:
    if options.quiet_wait_s:
        machine.wait_for_quiet(timeout_s=options.quiet_wait_s, log=log)
    started = time.perf_counter()
    database.prepare(options.small_db)
    call_command("flush", interactive=False, verbosity=0)
    parameters = asdict(options)
    report = Report(
        machine=machine.machine_info(),
        parameters=parameters,
        generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    small_url = database.database_url(options.small_db)
    # Production-like static files: the hashed, collected copies (also for in-process pages).
    web.collectstatic(web.server_env(small_url))
    in_process = override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], SECURE_SSL_REDIRECT=False
    )
    with in_process:
        if options.query_counts:
            log("Query counts of the staff list pages…")
            report.rows += queries.run()
        log("Building the bench data…")
        data = bench_data.build()
        if options.pdf:
            log(f"PDF renders ({options.renders} each)…")
            report.rows += pdfs.run(data, renders=options.renders, warmup=options.warmup)
        if options.http:
            log("Intake steps in-process…")
            report.rows += pages.run(data)
            log(f"HTTP: gunicorn, {options.requests} requests at {options.concurrency} per page…")
            report.rows += web.run(
                data,
                database_url=small_url,
                requests=options.requests,
                concurrency=options.concurrency,
                rounds=options.rounds,
                workers=options.workers,
            )
        if options.scale:
            log("Scale data…")
            log(scale.ensure_data(options.scale_counts, name=options.scale_db, log=log))
            report.rows += scale.time_pages(repeat=options.scale_repeat)
    report.rows.append(_peak_rss_row())
    report.machine["load average at end (1, 5, 15 min)"] = machine.load_average()
    report.duration_s = round(time.perf_counter() - started, 1)
    return report
