"""The bench's own PostgreSQL databases, next to (never inside) the one DATABASE_URL names.

``clinic_bench`` holds the small data set for PDFs and pages and is flushed every run;
``clinic_bench_scale`` holds the generated 100,000 clients and is kept between runs. Both are
created on the server DATABASE_URL points at, by ``migrate``; a fingerprint of the models and
migration files is stored, and a database whose fingerprint differs is dropped and built again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

SMALL_DB = "clinic_bench"
SCALE_DB = "clinic_bench_scale"
_FINGERPRINT_TABLE = "bench_schema_fingerprint"

# The database DATABASE_URL named when the process started: used to create and drop others.
_maintenance_db: str | None = None


class BenchDatabaseError(RuntimeError):
    pass


def require_postgresql() -> None:
    if connections["default"].vendor != "postgresql":
        raise BenchDatabaseError(
            "The benchmark runs against PostgreSQL: set DATABASE_URL, e.g. "
            "postgres://postgres@127.0.0.1:5432/test (make bench does)."
        )


def _admin_connection():  # noqa: ANN202 (psycopg.Connection)
    import psycopg

    params = connections["default"].get_connection_params()
    params["dbname"] = _maintenance_db or params.get("dbname")
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def database_exists(name: str) -> bool:
    with _admin_connection() as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def create_database(name: str) -> bool:
    """Create ``name`` if missing; True if it was created."""
    from psycopg import sql

    if database_exists(name):
        return False
    with _admin_connection() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def drop_database(name: str) -> None:
    from psycopg import sql

    if name == _maintenance_db:
        raise BenchDatabaseError(f"Refusing to drop {name}: it is the DATABASE_URL database.")
    with _admin_connection() as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def use_database(name: str) -> None:
    """Point the ``default`` connection of this process at database ``name`` (as Django's test
    runner does for the test database)."""
    global _maintenance_db
    if _maintenance_db is None:
        _maintenance_db = settings.DATABASES["default"]["NAME"]
    for conn in connections.all():
        conn.close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def schema_fingerprint() -> str:
    """Changes whenever a model's table, column, index or constraint, or a migration file, does."""
    parts: list[str] = []
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        meta = model._meta
        parts.append(meta.db_table)
        for f in meta.local_concrete_fields:
            parts.append(f"{f.column}:{f.db_type(connection)}:{f.null}:{f.unique}:{f.db_index}")
        parts += sorted(index.name or "" for index in meta.indexes)
        parts += sorted(constraint.name for constraint in meta.constraints)
    for app in apps.get_app_configs():
        folder = Path(app.path) / "migrations"
        if folder.is_dir():
            for path in sorted(folder.glob("*.py")):
                parts.append(
                    f"{app.label}/{path.name}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
                )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _stored_fingerprint() -> str | None:
    with connection.cursor() as cursor:
        if _FINGERPRINT_TABLE not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT fingerprint FROM {_FINGERPRINT_TABLE}")  # noqa: S608 (constant)
        row = cursor.fetchone()
    return row[0] if row else None


def prepare(name: str, *, fresh: bool = False) -> bool:
    """Create database ``name`` with the current schema and switch this process to it.

    Returns True when the database is new (empty), False when an up-to-date one was kept.
    """
    require_postgresql()
    use_database(name)
    fingerprint = schema_fingerprint()
    created = create_database(name)
    if not created and (fresh or _stored_fingerprint() != fingerprint):
        for conn in connections.all():
            conn.close()
        drop_database(name)
        create_database(name)
        created = True
    if created:
        call_command("migrate", interactive=False, verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {_FINGERPRINT_TABLE} (fingerprint text NOT NULL)")
            cursor.execute(f"INSERT INTO {_FINGERPRINT_TABLE} VALUES (%s)", [fingerprint])  # noqa: S608
    return created
