"""On PostgreSQL, trigram indexes for the staff client search (intake.clients.search).

``icontains`` / ``istartswith`` compile to ``UPPER(col::text) LIKE UPPER(%s)``, which no btree
index can answer; a pg_trgm GIN index on the same expression can. The phone index is on the
number without punctuation, the expression ``intake.clients.search.phone_digits()`` builds (a test
checks the planner uses each index). Other databases (SQLite) get nothing: the search works
there without them.
"""

from django.db import migrations

# Characters removed from phone numbers: intake.clients.search.PHONE_PUNCTUATION, nested as
# Django's Replace() nests them (the first character innermost).
_PHONE_PUNCTUATION = "-() .+/"


def _phone_digits_sql() -> str:
    sql = "phone"
    for char in _PHONE_PUNCTUATION:
        sql = f"REPLACE({sql}, '{char}', '')"
    return sql


INDEXES = {
    "client_first_name_trgm": "UPPER(first_name::text)",
    "client_last_name_trgm": "UPPER(last_name::text)",
    "client_email_trgm": "UPPER(email::text)",
    "client_phone_digits_trgm": _phone_digits_sql(),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON intake_client "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_audit_append_only")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
