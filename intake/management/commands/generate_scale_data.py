"""Fill the bench's scale database (clinic_bench_scale) with generated clients, intakes,
referrals and notes: ``python manage.py generate_scale_data [--clients 100000 ...]``."""

from django.core.management.base import BaseCommand, CommandError

from intake.bench import database, scale


class Command(BaseCommand):
    help = (
        "Generate 100,000 clients, 200,000 intakes and 10,000 referrals (by default) into a "
        "separate PostgreSQL database for the benchmark. Never touches the DATABASE_URL database."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        defaults = scale.ScaleCounts()
        parser.add_argument("--clients", type=int, default=defaults.clients)
        parser.add_argument("--intakes", type=int, default=defaults.intakes)
        parser.add_argument("--referrals", type=int, default=defaults.referrals)
        parser.add_argument("--notes", type=int, default=defaults.notes)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--database-name", default=database.SCALE_DB)
        parser.add_argument(
            "--reset", action="store_true", help="Drop the database and generate again."
        )

    def handle(self, *args, **options) -> None:
        counts = scale.ScaleCounts(
            clients=options["clients"],
            intakes=options["intakes"],
            referrals=options["referrals"],
            notes=options["notes"],
        )
        try:
            made = scale.ensure_data(
                counts,
                name=options["database_name"],
                reset=options["reset"],
                batch=options["batch"],
                log=scale.write_log(self.stdout),
            )
        except database.BenchDatabaseError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(made))
