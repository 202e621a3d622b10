"""On PostgreSQL, a trigger refuses UPDATE and DELETE of audit events, whoever connects (the app,
a shell, a script). TRUNCATE, which test runs and `manage.py flush` use, fires no row trigger.

The SQL is frozen here, in the migration, so that moving application code never changes it.
"""

from django.db import migrations

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION intake_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS intake_auditevent_append_only ON intake_auditevent;
CREATE TRIGGER intake_auditevent_append_only
    BEFORE UPDATE OR DELETE ON intake_auditevent
    FOR EACH ROW EXECUTE FUNCTION intake_auditevent_append_only();
"""

REMOVE_SQL = """
DROP TRIGGER IF EXISTS intake_auditevent_append_only ON intake_auditevent;
DROP FUNCTION IF EXISTS intake_auditevent_append_only();
"""


def install(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


def remove(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
