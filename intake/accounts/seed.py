"""Demo people: an admin, two therapists, several clients. Idempotent."""

from typing import TextIO

from intake.accounts.models import Client, Role, User

DEMO_PASSWORD = "demo-pass-2026"

STAFF = [
    ("admin@demo.clinic", "Alex", "Admin", Role.ADMIN),
    ("therapist@demo.clinic", "Tara", "Therapist", Role.THERAPIST),
    ("therapist2@demo.clinic", "Sam", "Stone", Role.THERAPIST),
]
CLIENTS = [
    ("client@demo.clinic", "Casey", "Client", "1978-04-12", "555-0142"),
    ("jordan@demo.clinic", "Jordan", "Lee", "1990-09-30", "555-0177"),
    ("morgan@demo.clinic", "Morgan", "Price", "1965-01-05", "555-0190"),
]


def seed(stdout: TextIO) -> None:
    for email, first, last, role in STAFF:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "role": role},
        )
        if created:
            user.is_staff = role == Role.ADMIN
            user.is_superuser = role == Role.ADMIN
            user.set_password(DEMO_PASSWORD)
            user.save()
    for email, first, last, dob, phone in CLIENTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "role": Role.CLIENT}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Client.objects.get_or_create(
            user=user,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": email,
                "date_of_birth": dob,
                "phone": phone,
            },
        )
    stdout.write(
        f"  people: {len(STAFF)} staff, {len(CLIENTS)} clients (password {DEMO_PASSWORD})\n"
    )
