from django.core.management.base import BaseCommand
from django.db import transaction

from intake.accounts import seed as accounts_seed
from intake.handouts import seed as handouts_seed
from intake.notes import seed as notes_seed
from intake.outcomes import clinic
from intake.referrals import seed as referrals_seed
from intake.submissions import seed as intakes_seed


class Command(BaseCommand):
    help = "Load demo data (staff, clients, physicians, referrals, exercises). Safe to run twice."

    def handle(self, *args, **options) -> None:
        self.stdout.write("Seeding demo data…")
        # Order matters: people, then the exercise library, then intakes, referrals and notes.
        for module in (accounts_seed, handouts_seed, intakes_seed, referrals_seed, notes_seed):
            with transaction.atomic():
                module.seed(self.stdout)
        # The seeds write intakes and notes directly, not through submit or sign: the clinic
        # outcomes summary is rebuilt once at the end (it is idempotent too).
        clinic.refresh_all()
        self.stdout.write("  clinic outcomes: summary rebuilt\n")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
