"""Generated data at clinic scale (100,000 clients, 200,000 intakes, 10,000 referrals, 20,000
notes), made with batched ``bulk_create`` so it loads in minutes. Each submitted intake marks one
to three body regions, and the clinic outcomes summary is written last, by the app's own
``outcomes.clinic.refresh_clients`` in batches.

The rows look real enough for the planner: spread names, dates, statuses and flag levels, drawn
from a seeded random generator so every run makes the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from intake.accounts.models import Client, User
from intake.notes.models import SessionNote
from intake.outcomes import clinic
from intake.outcomes.models import EpisodeOutcome
from intake.referrals.models import Physician, Referral
from intake.submissions.models import IntakeSubmission, SymptomMark

FIRST_NAMES = (
    "Aaliyah Aaron Abigail Adam Aiden Alex Alice Amara Amelia Ana Andre Anna Arjun Ava Ben Bella "
    "Carla Carlos Chen Chloe Chris Clara Daniel David Diego Dina Elena Eli Emma Eric Eva Farah "
    "Felix Fatima Grace Hana Hugo Ian Ines Isaac Ivy Jack James Jana Jin Joao Jonas Julia Kai "
    "Karim Kate Leah Leo Lena Liam Lina Lucas Luis Maya Mia Mohammed Nadia Noah Nora Olga Omar "
    "Paula Pedro Priya Quinn Rafael Rania Ravi Rosa Ruth Sam Sara Sofia Tariq Tess Theo Uma "
    "Victor Wei Yara Yusuf Zoe Zara"
).split()
LAST_NAMES = (
    "Abbott Adams Ahmed Alvarez Anders Baker Bauer Becker Brown Campbell Chen Costa Cruz Davies "
    "Diaz Dubois Edwards Evans Fischer Flores Garcia Gonzalez Green Hall Hansen Harris Hughes "
    "Ibrahim Jackson Jensen Johnson Jones Kaur Khan Kim King Kowalski Larsen Lee Lewis Lopez "
    "Martin Martinez Meyer Miller Moore Morales Murphy Nguyen Novak Okafor Olsen Ortiz Patel "
    "Perez Petrov Price Ramirez Reyes Richter Rivera Roberts Robinson Rossi Sanchez Santos "
    "Schmidt Scott Silva Singh Smith Sousa Stewart Suzuki Tanaka Taylor Thomas Thompson Torres "
    "Turner Walker Wang Watson White Williams Wilson Wong Wright Young Zhang"
).split()
COMPLAINTS = (
    "Pain down the back of the leg after sitting",
    "Stiff neck and headaches at the end of the work day",
    "Lower back ache when bending",
    "Tight shoulders from desk work",
    "Hip pain when walking uphill",
    "Tingling in the left calf",
)
BENCH_EMAIL_DOMAIN = "bench.invalid"
STAFF_THERAPIST = f"therapist@{BENCH_EMAIL_DOMAIN}"
STAFF_ADMIN = f"admin@{BENCH_EMAIL_DOMAIN}"

INCOMING = [
    (Referral.Status.RECEIVED, 10),
    (Referral.Status.VERIFIED, 10),
    (Referral.Status.ACTIVE, 40),
    (Referral.Status.COMPLETED, 25),
    (Referral.Status.EXPIRED, 10),
    (Referral.Status.CANCELLED, 5),
]
OUTGOING = [
    (Referral.Status.DRAFT, 10),
    (Referral.Status.SENT, 50),
    (Referral.Status.ACKNOWLEDGED, 30),
    (Referral.Status.CLOSED, 10),
]
FLAG_LEVELS = [("none", 80), ("caution", 12), ("physician", 6), ("urgent", 2)]


@dataclass(frozen=True)
class ScaleCounts:
    clients: int = 100_000
    intakes: int = 200_000
    referrals: int = 10_000
    notes: int = 20_000
    physicians: int = 300


#: Regions the generated intakes mark (the common complaints: back, hips, legs, neck, shoulders).
MARKED = ("lower_back_l", "lower_back_r", "buttock_l", "back_thigh_l", "calf_l", "neck_l",
          "upper_back_r", "shoulder_r")  # fmt: skip
MARKS_SEED = 14


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def ensure_staff() -> tuple[User, User]:
    """The therapist and admin who sign the generated notes and read the lists."""
    therapist, _ = User.objects.get_or_create(
        email=STAFF_THERAPIST,
        defaults={"role": "therapist", "first_name": "Bench", "last_name": "Therapist"},
    )
    admin, _ = User.objects.get_or_create(
        email=STAFF_ADMIN,
        defaults={"role": "admin", "first_name": "Bench", "last_name": "Admin", "is_staff": True},
    )
    return therapist, admin


def client_rows(rng: random.Random, start: int, count: int) -> list[Client]:
    rows = []
    for i in range(start, start + count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append(
            Client(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.{i}@{BENCH_EMAIL_DOMAIN}".lower(),
                phone=f"555-{i % 10_000:04d}",
                date_of_birth=dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(60 * 365)),
                address=f"{i % 900 + 1} Mill Street",
            )
        )
    return rows


def intake_rows(
    rng: random.Random, clients: Sequence[Client], how_many: Sequence[int], now: dt.datetime
) -> list[IntakeSubmission]:
    """``how_many[i]`` intakes for ``clients[i]``: all submitted, except that a client's last one
    is now and then still a draft (a client has at most one draft)."""
    rows = []
    for client, count in zip(clients, how_many, strict=True):
        for n in range(count):
            draft = n == count - 1 and rng.random() < 0.05
            submitted_at = now - dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            level = "none" if draft else _pick(rng, FLAG_LEVELS)
            rows.append(
                IntakeSubmission(
                    client_id=client.pk,
                    status="draft" if draft else "submitted",
                    current_step=3 if draft else 7,
                    submitted_at=None if draft else submitted_at,
                    main_complaint=rng.choice(COMPLAINTS),
                    onset="gradual",
                    worst_pain=rng.randrange(11),
                    current_pain=rng.randrange(11),
                    takes_blood_thinners=level == "caution",
                    cancer_history=level == "physician",
                    saddle_numbness=level == "urgent",
                    flag_level=level,
                    consent_given=not draft,
                    consent_signature="" if draft else f"{client.first_name} {client.last_name}",
                    consent_signed_at=None if draft else submitted_at,
                )
            )
    return rows


def mark_rows(rng: random.Random, intakes: Sequence[IntakeSubmission]) -> list[SymptomMark]:
    """One to three marked regions on each submitted intake."""
    return [
        SymptomMark(intake_id=intake.pk, region=region, sensations=["pain"], intensity=5)
        for intake in intakes
        if intake.status == "submitted"
        for region in rng.sample(MARKED, rng.randint(1, 3))
    ]


def referral_rows(
    rng: random.Random,
    count: int,
    client_ids: Sequence[int],
    physician_ids: Sequence[int],
    admin: User,
    today: dt.date,
) -> list[Referral]:
    rows = []
    for _ in range(count):
        incoming = rng.random() < 0.8
        date = today - dt.timedelta(days=rng.randrange(730))
        rows.append(
            Referral(
                client_id=rng.choice(client_ids),
                physician_id=rng.choice(physician_ids),
                direction="incoming" if incoming else "outgoing",
                status=_pick(rng, INCOMING if incoming else OUTGOING),
                referral_date=date,
                reason="Low back pain with leg symptoms; massage therapy requested.",
                visits_authorized=rng.randrange(4, 13) if incoming else None,
                expires_on=date + dt.timedelta(days=rng.choice((60, 90, 180)))
                if incoming
                else None,
                created_by=admin,
            )
        )
    return rows


def note_rows(
    rng: random.Random, count: int, referrals: Sequence[Referral], therapist: User, now: dt.datetime
) -> list[SessionNote]:
    incoming = [r for r in referrals if r.direction == "incoming"] or list(referrals)
    rows = []
    for _ in range(count):
        referral = rng.choice(incoming)
        visit = referral.referral_date + dt.timedelta(days=rng.randrange(60))
        rows.append(
            SessionNote(
                client_id=referral.client_id,
                therapist=therapist,
                referral_id=referral.pk,
                visit_date=visit,
                duration_minutes=60,
                subjective="Less pain after sitting this week.",
                pain_before=rng.randrange(3, 9),
                regions_treated=["lower_back_l", "buttock_l"],
                techniques="Myofascial release, trigger-point work.",
                assessment="Range improved after treatment.",
                pain_after=rng.randrange(0, 5),
                signed_at=now,
            )
        )
    return rows


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(size, total - start)


def existing_counts() -> ScaleCounts:
    return ScaleCounts(
        clients=Client.objects.count(),
        intakes=IntakeSubmission.objects.count(),
        referrals=Referral.objects.count(),
        notes=SessionNote.objects.count(),
        physicians=Physician.objects.count(),
    )


def _clients_and_intakes(
    rng: random.Random, counts: ScaleCounts, *, batch: int, log: Callable[[str], None]
) -> tuple[list[int], int]:
    """Clients in batches, each batch with its intakes; the remainder of intakes per client goes
    to the first clients, so the total is exact."""
    now = timezone.now()
    per_client, extra = divmod(counts.intakes, max(counts.clients, 1))
    client_ids: list[int] = []
    made_intakes = 0
    marks_rng = random.Random(MARKS_SEED)  # its own stream: the other rows stay as they were
    for start, size in _batches(counts.clients, batch):
        with transaction.atomic():
            clients = Client.objects.bulk_create(client_rows(rng, start, size), batch_size=batch)
            client_ids += [client.pk for client in clients]
            how_many = [per_client + (start + i < extra) for i in range(size)]
            intakes = intake_rows(rng, clients, how_many, now)
            IntakeSubmission.objects.bulk_create(intakes, batch_size=batch)
            SymptomMark.objects.bulk_create(mark_rows(marks_rng, intakes), batch_size=batch)
            made_intakes += len(intakes)
        log(f"  clients {start + size:,}/{counts.clients:,}, intakes {made_intakes:,}")
    return client_ids, made_intakes


def _referrals_and_notes(
    rng: random.Random,
    counts: ScaleCounts,
    client_ids: Sequence[int],
    physician_ids: Sequence[int],
    *,
    batch: int,
) -> tuple[int, int]:
    therapist, admin = ensure_staff()
    today, now = timezone.localdate(), timezone.now()
    referrals: list[Referral] = []
    for _, size in _batches(counts.referrals if client_ids and physician_ids else 0, batch):
        with transaction.atomic():
            rows = referral_rows(rng, size, client_ids, physician_ids, admin, today)
            referrals += Referral.objects.bulk_create(rows, batch_size=batch)
    made_notes = 0
    for _, size in _batches(counts.notes if referrals else 0, batch):
        with transaction.atomic():
            SessionNote.objects.bulk_create(
                note_rows(rng, size, referrals, therapist, now), batch_size=batch
            )
        made_notes += size
    return len(referrals), made_notes


def ensure_outcomes(*, log: Callable[[str], None] = lambda message: None) -> int:
    """Write the clinic outcomes summary when the data has none yet (one row per submitted
    intake); returns the rows there are."""
    have = EpisodeOutcome.objects.count()
    if have or not IntakeSubmission.objects.filter(status="submitted").exists():
        return have
    start = time.perf_counter()
    written = clinic.refresh_all(batch=5000)
    log(f"  outcome summaries {written:,} in {time.perf_counter() - start:.0f} s")
    return written


def generate(
    counts: ScaleCounts,
    *,
    batch: int = 5000,
    seed: int = 20261124,
    log: Callable[[str], None] = lambda message: None,
) -> ScaleCounts:
    """Insert ``counts`` rows of each kind (on top of whatever is there). Returns what was made."""
    rng = random.Random(seed)
    physicians = Physician.objects.bulk_create(
        [
            Physician(
                name=f"Dr. {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                practice=f"Clinic {i}",
            )
            for i in range(counts.physicians)
        ],
        batch_size=batch,
    )
    client_ids, made_intakes = _clients_and_intakes(rng, counts, batch=batch, log=log)
    referrals, notes = _referrals_and_notes(
        rng, counts, client_ids, [p.pk for p in physicians], batch=batch
    )
    log(f"  referrals {referrals:,}, session notes {notes:,}")
    ensure_outcomes(log=log)
    if connection.vendor == "postgresql":
        # As autovacuum would leave it in steady state (VACUUM cannot run in a transaction).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return ScaleCounts(
        clients=len(client_ids),
        intakes=made_intakes,
        referrals=referrals,
        notes=notes,
        physicians=len(physicians),
    )
