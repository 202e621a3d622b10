"""Keeping the audit trail: events stay at least ``AUDIT_RETENTION_YEARS`` (six or more). A past
month can be written to a JSON-lines file (one event a line, its hashes included) whose chain
still verifies (``verify_audit --file``); only a month that was archived, is older than the
retention period, and whose file still matches can be removed from the database, oldest first,
so the database's chain then starts exactly where the archives end.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from intake.audit import chain
from intake.audit.models import AuditArchive, AuditEvent


class RetentionError(Exception):
    """A month that cannot be archived or removed, and why."""


def month_start(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """A month's first and next month's first instant, in UTC (events are stored in UTC)."""
    start = datetime.datetime.combine(month, datetime.time(), tzinfo=datetime.UTC)
    end = datetime.datetime.combine(_next_month(month), datetime.time(), tzinfo=datetime.UTC)
    return start, end


def _month_rows(month: datetime.date) -> Iterator[dict]:
    start, end = _bounds(month)
    events = AuditEvent.objects.filter(at__gte=start, at__lt=end).order_by("id")
    yield from events.values(*chain.ROW_FIELDS).iterator(chunk_size=2000)


def _line(row: dict) -> str:
    row = dict(row, at=row["at"].astimezone(datetime.UTC).isoformat())
    return json.dumps(row, sort_keys=True, separators=(",", ":"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_month(month: datetime.date, *, directory: Path | None = None) -> AuditArchive:
    """Write ``month``'s events (UTC) to ``audit-YYYY-MM.jsonl`` and record the archive.

    Refused for the current month or later, a month already archived, a month with no events,
    and a month whose events do not verify (or whose events are not one run of consecutive
    links: a later month's event in between, which happens only if clocks went back)."""
    month = month_start(month)
    if month >= month_start(timezone.now().astimezone(datetime.UTC).date()):
        raise RetentionError(f"{month:%B %Y} is not over yet: only past months are archived.")
    if AuditArchive.objects.filter(month=month).exists():
        raise RetentionError(f"{month:%B %Y} is archived already.")
    rows = list(_month_rows(month))
    if not rows:
        raise RetentionError(f"{month:%B %Y} has no audit events.")
    result = chain.verify(rows, start=rows[0]["prev_hash"])
    if not result.ok:
        raise RetentionError(f"{month:%B %Y} does not verify: {result.broken}.")
    start, end = _bounds(month)
    ids = (rows[0]["id"], rows[-1]["id"])
    if AuditEvent.objects.filter(id__range=ids).exclude(at__gte=start, at__lt=end).exists():
        raise RetentionError(f"{month:%B %Y}'s events are interleaved with another month's.")
    directory = Path(directory or settings.AUDIT_ARCHIVE_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"audit-{month:%Y-%m}.jsonl"
    if path.exists():
        raise RetentionError(f"{path} exists: move it away before archiving {month:%B %Y} again.")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(_line(row) + "\n")
    return AuditArchive.objects.create(
        month=month,
        first_id=rows[0]["id"],
        last_id=rows[-1]["id"],
        count=len(rows),
        first_prev_hash=rows[0]["prev_hash"],
        last_hash=rows[-1]["hash"],
        file_name=str(path),
        file_sha256=_sha256(path),
    )


def read_file(path: Path) -> Iterator[dict]:
    """The events of an archive file, as rows ``chain.verify`` reads."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                row = json.loads(line)
                row["at"] = datetime.datetime.fromisoformat(row["at"])
            except (ValueError, KeyError, TypeError) as error:
                raise RetentionError(
                    f"{path}, line {number}: not an audit event ({error})."
                ) from error
            yield row


def verify_files(paths: list[Path]) -> chain.Result:
    """Verify consecutive archive files as one chain: it starts at the first file's first event's
    predecessor (the month before, archived or not) and must run on through every file."""

    def rows() -> Iterator[dict]:
        for path in paths:
            yield from read_file(path)

    first = next(read_file(paths[0]), None)
    return chain.verify(rows(), start=first["prev_hash"] if first else chain.GENESIS)


def changed_since_written(paths: list[Path]) -> list[str]:
    """Files recorded by ``archive_month`` whose SHA-256 is no longer the one recorded."""
    recorded = {
        archive.file_name: archive.file_sha256
        for archive in AuditArchive.objects.filter(file_name__in=[str(path) for path in paths])
    }
    return [
        f"{path} changed since it was written (its SHA-256 is not the one recorded)."
        for path in paths
        if str(path) in recorded and _sha256(Path(path)) != recorded[str(path)]
    ]


def is_archived(event_id: int) -> bool:
    return AuditArchive.objects.filter(
        first_id__lte=event_id, last_id__gte=event_id, purged_at__isnull=False
    ).exists()


def oldest_removable(today: datetime.date | None = None) -> datetime.date:
    """Months before this one are past the retention period."""
    today = today or timezone.now().astimezone(datetime.UTC).date()
    years = settings.AUDIT_RETENTION_YEARS
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return month_start(cutoff)


# On PostgreSQL the append-only trigger lets a DELETE through only inside a transaction that set
# this (migration 0013); UPDATE stays refused.
PURGE_SETTING = "intake.audit_purge"


@transaction.atomic
def purge_month(month: datetime.date, *, today: datetime.date | None = None) -> int:
    """Remove an archived month's events from the database; return how many.

    Refused unless the month is past the retention period, archived, its file still has the
    recorded SHA-256 and verifies, the database's events still carry the file's hashes, every
    earlier archived month is removed already (the chain's start moves forward in one piece),
    and newer events remain (the chain's head stays in the database)."""
    month = month_start(month)
    archive = AuditArchive.objects.select_for_update().filter(month=month).first()
    if archive is None:
        raise RetentionError(f"{month:%B %Y} is not archived: run archive_audit first.")
    if archive.purged_at is not None:
        raise RetentionError(f"{month:%B %Y} was removed already.")
    if month >= oldest_removable(today):
        raise RetentionError(
            f"{month:%B %Y} is within the {settings.AUDIT_RETENTION_YEARS}-year retention period."
        )
    if AuditEvent.objects.filter(id__lt=archive.first_id).exists():
        raise RetentionError("Older events are still in the database: remove them first.")
    if not AuditEvent.objects.filter(id__gt=archive.last_id).exists():
        raise RetentionError("These are the newest events: the chain's head stays in the database.")
    path = Path(archive.file_name)
    if not path.exists() or _sha256(path) != archive.file_sha256:
        raise RetentionError(f"{path} is missing or changed since it was written.")
    result = verify_files([path])
    if not result.ok or result.head != archive.last_hash or result.checked != archive.count:
        raise RetentionError(f"{path} does not verify: {result.broken or 'its end moved'}.")
    stored = AuditEvent.objects.filter(id__range=(archive.first_id, archive.last_id))
    file_hashes = {row["id"]: row["hash"] for row in read_file(path)}
    if dict(stored.values_list("id", "hash")) != file_hashes:
        raise RetentionError(f"The database's events of {month:%B %Y} differ from {path}.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [PURGE_SETTING])
    # The queryset refuses delete(): this is the one place events leave, as raw SQL.
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM intake_auditevent WHERE id BETWEEN %s AND %s",
            [archive.first_id, archive.last_id],
        )
        removed = cursor.rowcount
    archive.purged_at = timezone.now()
    archive.save(update_fields=["purged_at"])
    return removed
