"""``python manage.py bench`` (``make bench``): PDF speed, HTTP throughput under gunicorn, list
query counts and list speed over 100,000 clients; prints one table and writes bench.json."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.bench import database, report, runner, scale


class Command(BaseCommand):
    help = (
        "Benchmark PDFs, pages under gunicorn, query counts and scale in separate PostgreSQL "
        "databases (clinic_bench, clinic_bench_scale); print the table and write bench.json."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        defaults = runner.Options()
        counts = scale.ScaleCounts()
        parser.add_argument("--requests", type=int, default=defaults.requests)
        parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
        parser.add_argument(
            "--rounds", type=int, default=defaults.rounds, help="HTTP rounds, taking turns"
        )
        parser.add_argument("--workers", type=int, default=defaults.workers)
        parser.add_argument("--renders", type=int, default=defaults.renders)
        parser.add_argument("--scale-clients", type=int, default=counts.clients)
        parser.add_argument("--scale-intakes", type=int, default=counts.intakes)
        parser.add_argument("--scale-referrals", type=int, default=counts.referrals)
        parser.add_argument("--scale-notes", type=int, default=counts.notes)
        parser.add_argument("--scale-repeat", type=int, default=defaults.scale_repeat)
        parser.add_argument("--database-name", default=database.SMALL_DB)
        parser.add_argument("--scale-database-name", default=database.SCALE_DB)
        parser.add_argument(
            "--quiet-wait",
            type=float,
            default=0,
            help="Seconds to wait at most for the load average to fall below half the cores",
        )
        for part in ("pdf", "http", "queries", "scale"):
            parser.add_argument(f"--skip-{part}", action="store_true")
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "bench.json"), help="JSON file"
        )

    def handle(self, *args, **options) -> None:
        if (
            min(options["renders"], options["requests"], options["concurrency"], options["rounds"])
            < 1
        ):
            raise CommandError("--renders, --requests, --concurrency, --rounds must be positive.")
        choices = runner.Options(
            requests=options["requests"],
            concurrency=options["concurrency"],
            rounds=options["rounds"],
            workers=options["workers"],
            renders=options["renders"],
            scale_counts=scale.ScaleCounts(
                clients=options["scale_clients"],
                intakes=options["scale_intakes"],
                referrals=options["scale_referrals"],
                notes=options["scale_notes"],
            ),
            scale_repeat=options["scale_repeat"],
            small_db=options["database_name"],
            scale_db=options["scale_database_name"],
            pdf=not options["skip_pdf"],
            http=not options["skip_http"],
            query_counts=not options["skip_queries"],
            scale=not options["skip_scale"],
            quiet_wait_s=options["quiet_wait"],
        )
        try:
            result = runner.run(choices, log=self._log)
        except database.BenchDatabaseError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(report.format_table(result))
        report.write_json(result, Path(options["output"]))
        self.stdout.write(f"Written to {options['output']}")

    def _log(self, message: str) -> None:
        self.stderr.write(message)
        self.stderr.flush()
