"""Backups: one archive holding a consistent database dump and every uploaded file.

The archive is a gzipped tar file, readable only by its owner, with:

- ``manifest.json``: format version, time, database vendor, dump kind, file count;
- the database: ``db.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs),
  ``db.pgdump`` (``pg_dump``'s snapshot, custom format) or, when ``pg_dump`` is missing or fails,
  ``db.json`` (Django's ``dumpdata`` inside one REPEATABLE READ transaction, also a snapshot);
- ``uploads/…``: every uploaded file, by its storage name: the private uploads folder
  (``PRIVATE_MEDIA_ROOT``), or every object of the bucket when uploads are in object storage
  (``S3_BUCKET``; read through Django's storage API).

``restore`` replaces the database's contents and the uploaded files with the archive's (in the
folder, or in the bucket: objects not in the archive are deleted). An archive made with local
files restores into a bucket and the other way round.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
UPLOADS = "uploads"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    format: int
    created_at: str
    vendor: str
    dump: str
    files: int

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=2).encode()


def _uploads_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


def _object_storage() -> Storage | None:
    """The uploads' storage when it is not the local folder (an S3 bucket), else None."""
    storage = storages["default"]
    return None if isinstance(storage, FileSystemStorage) else storage


def stored_names(storage: Storage) -> list[str]:
    """Every file's name in ``storage``, folders walked (``listdir`` of each)."""
    names, folders = [], [""]
    while folders:
        folder = folders.pop()
        dirs, files = storage.listdir(folder)
        prefix = f"{folder}/" if folder else ""
        names += [prefix + name for name in files]
        folders += [prefix + name for name in dirs]
    return sorted(names)


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore from Django's (test-aware) settings."""
    conf = connection.settings_dict
    args = ["--dbname", conf["NAME"]]
    if conf.get("HOST"):
        args += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", str(conf["USER"])]
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return args, env


def _dump_sqlite(folder: Path) -> Path:
    target = folder / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return target


def _dump_pg(folder: Path) -> Path:
    target = folder / "db.pgdump"
    if shutil.which("pg_dump"):
        args, env = _pg_env()
        result = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
            + args,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            return target
    return _dump_json(folder)


def _dump_json(folder: Path) -> Path:
    target = folder / "db.json"
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with target.open("w", encoding="utf-8") as out:
            call_command("dumpdata", format="json", indent=None, stdout=out, verbosity=0)
    return target


def create_backup(path: Path) -> Manifest:
    """Write the archive to ``path`` (atomically: a partial file never has the final name)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clinic-backup-") as tmp:
        folder = Path(tmp)
        if connection.vendor == "sqlite":
            dump = _dump_sqlite(folder)
        elif connection.vendor == "postgresql":
            dump = _dump_pg(folder)
        else:
            dump = _dump_json(folder)
        uploads = _uploads_root()
        bucket = _object_storage()
        if bucket is not None:
            files = [(name, None) for name in stored_names(bucket)]
        elif uploads.is_dir():
            files = [
                (p.relative_to(uploads).as_posix(), p) for p in uploads.rglob("*") if p.is_file()
            ]
        else:
            files = []
        manifest = Manifest(
            format=FORMAT,
            created_at=timezone.now().isoformat(),
            vendor=connection.vendor,
            dump=dump.name,
            files=len(files),
        )
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            data = manifest.to_json()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for name, local in files:
                if local is not None:
                    archive.add(local, arcname=f"{UPLOADS}/{name}")
                    continue
                with bucket.open(name, "rb") as stored:
                    data = stored.read()
                info = tarfile.TarInfo(f"{UPLOADS}/{name}")
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                info.mode = 0o600
                archive.addfile(info, io.BytesIO(data))
        os.replace(partial, path)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
        data = json.loads(member.read()) if member else None
    except (KeyError, ValueError) as exc:
        raise BackupError("This is not a clinic backup (no manifest).") from exc
    if not data or data.get("format") != FORMAT:
        raise BackupError("This backup was written by an unknown version.")
    return Manifest(**data)


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()


def _restore_pg(dump: Path) -> None:
    if not shutil.which("pg_restore"):
        raise BackupError("pg_restore is needed to restore this backup.")
    args, env = _pg_env()
    connection.close()
    result = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            str(dump),
        ],  # fmt: skip
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")


def _restore_json(dump: Path) -> None:
    with transaction.atomic():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(dump), verbosity=0)


def _restore_uploads(extracted: Path) -> None:
    """Swap the uploads folder for the archive's, keeping the old one until the new is in place."""
    root = _uploads_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = extracted / UPLOADS
    if not incoming.is_dir():
        incoming.mkdir()
    staged = Path(tempfile.mkdtemp(prefix=".restoring-", dir=root.parent))
    shutil.copytree(incoming, staged, dirs_exist_ok=True)
    old = root.with_name(root.name + ".before-restore")
    if root.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(root, old)
    os.replace(staged, root)
    shutil.rmtree(old, ignore_errors=True)


def _restore_object_storage(extracted: Path, storage: Storage) -> None:
    """Put each archived file in the bucket under its name; delete the objects not archived."""
    incoming = extracted / UPLOADS
    archived = (
        {p.relative_to(incoming).as_posix(): p for p in incoming.rglob("*") if p.is_file()}
        if incoming.is_dir()
        else {}
    )
    for name, local in sorted(archived.items()):
        if storage.exists(name):
            storage.delete(name)
        with local.open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"Restoring {name} stored it as {saved}.")
    for name in set(stored_names(storage)) - set(archived):
        storage.delete(name)


def restore_backup(path: Path) -> Manifest:
    """Replace the database's contents and the uploads with those of the archive at ``path``."""
    with tempfile.TemporaryDirectory(prefix="clinic-restore-") as tmp:
        extracted = Path(tmp)
        try:
            with tarfile.open(path, mode="r:gz") as archive:
                manifest = read_manifest(archive)
                archive.extractall(extracted, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"Cannot read the backup: {exc}") from exc
        dump = extracted / manifest.dump
        if manifest.dump == "db.json":
            _restore_json(dump)
        elif manifest.vendor != connection.vendor:
            raise BackupError(
                f"This backup holds a {manifest.vendor} database; this site uses {connection.vendor}."
            )
        elif manifest.dump == "db.sqlite3":
            _restore_sqlite(dump)
        elif manifest.dump == "db.pgdump":
            _restore_pg(dump)
        else:
            raise BackupError("This backup holds no database dump.")
        bucket = _object_storage()
        if bucket is not None:
            _restore_object_storage(extracted, bucket)
        else:
            _restore_uploads(extracted)
    return manifest
