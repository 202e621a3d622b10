"""Database-level guard for the audit trail on PostgreSQL: a trigger refuses UPDATE and DELETE of
audit rows, whoever connects (the app, a shell, a script). TRUNCATE, which is what test runs and
`manage.py flush` use, fires no row trigger and still works.

Installed by a RunSQL migration: ``migrations.RunSQL(APPEND_ONLY_SQL, REMOVE_SQL)``, run only
when ``schema_editor.connection.vendor == "postgresql"`` (see ``install``).
"""

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


def install(apps, schema_editor) -> None:  # noqa: ANN001 - a migrations.RunPython callable
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


def remove(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE_SQL, params=None)
