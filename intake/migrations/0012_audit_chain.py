"""The audit trail becomes a hash chain (intake.audit.chain): existing events are linked in id
order. On PostgreSQL the append-only trigger (0002) is switched off for the backfill only, inside
this migration's transaction."""

import django.utils.timezone
from django.db import migrations, models

TRIGGER = "intake_auditevent_append_only"


def backfill(apps, schema_editor) -> None:
    # The chain's own hash function: the format is fixed (changing it breaks every stored chain).
    from intake.audit.chain import GENESIS, compute_hash, values_of

    AuditEvent = apps.get_model("intake", "AuditEvent")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE intake_auditevent DISABLE TRIGGER {TRIGGER}")
    prev, batch = GENESIS, []
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        event.prev_hash = prev
        event.hash = prev = compute_hash(values_of(event), prev)
        batch.append(event)
        if len(batch) == 2000:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
    if postgres:
        schema_editor.execute(f"ALTER TABLE intake_auditevent ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0011_dose_kind_referral_dates_credentials"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditArchive",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(help_text="The first day of the month.", unique=True)),
                ("first_id", models.BigIntegerField()),
                ("last_id", models.BigIntegerField()),
                ("count", models.PositiveIntegerField()),
                ("first_prev_hash", models.CharField(max_length=64)),
                ("last_hash", models.CharField(max_length=64)),
                ("file_name", models.CharField(max_length=255)),
                ("file_sha256", models.CharField(max_length=64)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("purged_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "audit archive",
                "ordering": ["month"],
            },
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
