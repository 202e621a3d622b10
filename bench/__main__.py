"""``python -m bench`` (``make bench``): set Django up, run the benchmark, print the table and
write ``bench.json``. ``python -m bench --help`` lists the options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    from bench.database import SCALE_DB, SMALL_DB
    from bench.generate import ScaleCounts

    counts = ScaleCounts()
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--renders", type=int, default=30, help="timed renders per PDF")
    p.add_argument("--page-repeat", type=int, default=15, help="timed GETs per intake step")
    p.add_argument("--scale-clients", type=int, default=counts.clients)
    p.add_argument("--scale-intakes", type=int, default=counts.intakes)
    p.add_argument("--scale-referrals", type=int, default=counts.referrals)
    p.add_argument("--scale-notes", type=int, default=counts.notes)
    p.add_argument("--scale-repeat", type=int, default=15, help="timed GETs per list page")
    p.add_argument("--reset-scale", action="store_true", help="generate the scale data again")
    p.add_argument("--database-name", default=SMALL_DB)
    p.add_argument("--scale-database-name", default=SCALE_DB)
    p.add_argument(
        "--quiet-wait", type=float, default=0, help="seconds to wait for a quiet machine"
    )
    for part in ("pdf", "pages", "scale"):
        p.add_argument(f"--skip-{part}", action="store_true")
    p.add_argument("--output", type=Path, default=ROOT / "bench.json", help="the JSON file")
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    import django

    django.setup()
    from bench import report, runner
    from bench.database import BenchDatabaseError
    from bench.generate import ScaleCounts

    args = parser().parse_args(argv)
    if min(args.renders, args.page_repeat, args.scale_repeat) < 1:
        parser().error("--renders, --page-repeat and --scale-repeat must be positive")
    options = runner.Options(
        renders=args.renders,
        page_repeat=args.page_repeat,
        scale_counts=ScaleCounts(
            clients=args.scale_clients,
            intakes=args.scale_intakes,
            referrals=args.scale_referrals,
            notes=args.scale_notes,
        ),
        scale_repeat=args.scale_repeat,
        reset_scale=args.reset_scale,
        small_db=args.database_name,
        scale_db=args.scale_database_name,
        pdf=not args.skip_pdf,
        pages=not args.skip_pages,
        scale=not args.skip_scale,
        quiet_wait_s=args.quiet_wait,
    )
    try:
        result = runner.run(
            options, log=lambda message: print(message, file=sys.stderr, flush=True)
        )
    except BenchDatabaseError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print()
    print(report.format_table(result))
    report.write_json(result, args.output)
    print(f"Written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
