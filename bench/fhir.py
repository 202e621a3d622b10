"""The clinic's FHIR NDJSON export over the scale data: its wall time and the peak memory of the
export process, run as a process of its own (``manage.py export_fhir``) so that its peak RSS is
its own. A second process that exports only the Questionnaire gives the floor (Python, Django and
the FHIR models loaded): the export's own memory is the difference, and it does not grow with
the data because every table is read in chunks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connections

from bench.report import Row

SECTION = "FHIR"
ROOT = Path(__file__).resolve().parent.parent
#: The child process: export, then print its own peak RSS (KiB) on the last line of stdout.
CHILD = """
import resource, sys, django
django.setup()
from django.core.management import call_command
call_command("export_fhir", sys.argv[1], *sys.argv[2:], stdout=sys.stderr)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def database_url() -> str:
    """The URL of the database this process uses now (the scale data, after ``scale``)."""
    s = connections["default"].settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def export(*args: str) -> dict[str, object]:
    """Run one export process; its time, peak RSS, resources per type and bytes written."""
    env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "clinic.settings"}  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, folder, *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=False)  # fmt: skip
        elapsed = time.perf_counter() - start
        size = sum(path.stat().st_size for path in Path(folder).glob("*.ndjson"))
    if done.returncode:
        raise RuntimeError((done.stderr.strip().splitlines() or ["failed"])[-1][:200])
    counts = {m[1]: int(m[2]) for m in re.finditer(r"^(\w+): (\d+) resources?$", done.stderr, re.M)}
    return {"seconds": round(elapsed, 1), "peak_rss_kib": int(done.stdout.split()[-1]),
            "resources": counts, "bytes": size}  # fmt: skip


def run(*, log=print) -> list[Row]:  # noqa: ANN001
    log("FHIR NDJSON export of the scale data…")
    try:
        full = export()
        floor = export("--types", "Questionnaire")
    except RuntimeError as error:
        return [Row(SECTION, "NDJSON export of the scale data", f"failed: {error}", met=False)]
    total = sum(full["resources"].values())
    mib = full["bytes"] / 2**20
    return [
        Row(SECTION, "NDJSON export of the scale data (every type; 1 in 100 validated)",
            f"{full['seconds']:.1f} s · {total:,} resources · {mib:,.0f} MiB",
            note=", ".join(f"{k} {v:,}" for k, v in full["resources"].items()),
            metrics={**full, "resources_total": total}),
        Row(SECTION, "NDJSON export process peak RSS",
            f"{full['peak_rss_kib'] / 1024:,.0f} MiB (a process exporting nothing but the "
            f"Questionnaire: {floor['peak_rss_kib'] / 1024:,.0f} MiB)",
            metrics={"peak_rss_kib": full["peak_rss_kib"], "floor_rss_kib": floor["peak_rss_kib"]}),
    ]  # fmt: skip
