"""On PostgreSQL the append-only trigger (0002) lets a DELETE of audit events through only in a
transaction that set ``intake.audit_purge`` (intake.audit.retention.purge_month, which removes
a month only once it is archived to a file whose chain verifies and is past the retention
period). UPDATE stays refused. Someone able to set it could delete rows anyway (the table's owner
can disable the trigger): the hash chain is what shows a deletion.

The SQL is frozen here, in the migration, so that moving application code never changes it.
"""

from django.db import migrations

PURGE_ALLOWED_SQL = """
CREATE OR REPLACE FUNCTION intake_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('intake.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION intake_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def allow_purge(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PURGE_ALLOWED_SQL, params=None)


def refuse_purge(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("intake", "0020_contraindications")]

    operations = [migrations.RunPython(allow_purge, refuse_purge)]
