"""The machine header every run prints first: cores, CPU, memory, Python, Django, database."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import django
from django.db import connection


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _database() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
    return connection.vendor


def _cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    total = os.cpu_count()
    return f"{usable} usable of {total}" if usable and usable != total else str(total)


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def wait_for_quiet(*, timeout_s: float, log: Callable[[str], None]) -> None:
    """Wait (up to ``timeout_s``) until the 1-minute load average is below half the cores:
    numbers taken while other work runs on a 2-core machine measure that work too."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + timeout_s
    while os.getloadavg()[0] >= cores / 2 and time.monotonic() < deadline:
        log(f"Waiting for a quiet machine (load average {load_average()})…")
        time.sleep(15)


def _weasyprint() -> str:
    try:
        import weasyprint
    except (ImportError, OSError):
        return "not installed"
    return weasyprint.__version__


def machine_info() -> dict[str, str]:
    import reportlab

    return {
        "cores": _cores(),
        "cpu": _cpu_model(),
        "memory": _memory(),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "django": django.get_version(),
        "reportlab": reportlab.Version,
        "weasyprint": _weasyprint(),
        "database": _database(),
        "load average at start (1, 5, 15 min)": load_average(),
    }
