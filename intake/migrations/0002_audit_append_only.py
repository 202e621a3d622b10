"""On PostgreSQL, a trigger refuses UPDATE and DELETE of audit events (see intake.security.audit_guard)."""

from django.db import migrations

from intake.security import audit_guard


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(audit_guard.install, audit_guard.remove)]
