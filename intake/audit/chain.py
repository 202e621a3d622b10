"""The audit trail's hash chain: each event carries an HMAC-SHA256 of its own content and of the
event before it, so a row edited, deleted or slipped in by someone with database access (who does
not hold the key) breaks the chain where it happened, and ``manage.py verify_audit`` names it.

The key is ``AUDIT_CHAIN_KEY`` (by default derived from ``SECRET_KEY``: keep the same key when the
secret key is rotated, or the older events no longer verify). The first event's predecessor is
``GENESIS``; once old months are archived and removed (``intake.audit.retention``), the first event
in the database follows the last archived one.

Appending takes a lock so two writers cannot both read the same head and fork the chain: a
transaction-scoped advisory lock on PostgreSQL; SQLite serialises writers already (the project
opens its transactions IMMEDIATE).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

GENESIS = "0" * 64
# pg_advisory_xact_lock key: any constant the project uses for nothing else ("audit" in ASCII).
ADVISORY_LOCK_KEY = 0x6175646974
# The fields an event's hash covers, in this order. Changing this list breaks every stored chain.
HASHED_FIELDS = ("at", "user_id", "role", "action", "object_type", "object_id", "client_id", "ip",
                 "detail")  # fmt: skip


def _key() -> bytes:
    key = getattr(settings, "AUDIT_CHAIN_KEY", "")
    if key:
        return key.encode()
    return hashlib.sha256(b"intake.audit.chain:" + settings.SECRET_KEY.encode()).digest()


def _canonical_at(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _canonical_ip(value: str | None) -> str:
    if not value:
        return ""
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return str(value)


def canonical(values: dict) -> bytes:
    """The bytes an event's hash covers: its fields as JSON, in one fixed form (UTC time with
    microseconds, addresses compressed), whatever database it was read back from."""
    fields = {name: values.get(name) for name in HASHED_FIELDS}
    fields["at"] = _canonical_at(fields["at"])
    fields["ip"] = _canonical_ip(fields["ip"])
    for name in ("role", "action", "object_type", "object_id", "detail"):
        fields[name] = str(fields[name] or "")
    for name in ("user_id", "client_id"):
        fields[name] = int(fields[name]) if fields[name] is not None else None
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def compute_hash(values: dict, prev_hash: str) -> str:
    return hmac.new(
        _key(), prev_hash.encode() + b"\n" + canonical(values), hashlib.sha256
    ).hexdigest()


def values_of(event) -> dict:
    return {name: getattr(event, name) for name in HASHED_FIELDS}


def lock_head() -> None:
    """Hold the chain's head until the current transaction ends (call inside ``atomic``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def head_hash() -> str:
    """The newest event's hash (``GENESIS`` for the first event). Removing archived months always
    leaves the newest event in the database, so the head is never only in an archive."""
    from intake.audit.models import AuditEvent

    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last if last is not None else GENESIS


def link(events: Iterable, prev_hash: str) -> str:
    """Fill ``prev_hash`` and ``hash`` of unsaved ``events`` in order; return the new head."""
    for event in events:
        event.prev_hash = prev_hash
        event.hash = compute_hash(values_of(event), prev_hash)
        prev_hash = event.hash
    return prev_hash


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold."""

    event_id: int
    reason: str

    def __str__(self) -> str:
        return f"event #{self.event_id}: {self.reason}"


@dataclass(frozen=True)
class Result:
    checked: int
    first_id: int | None
    last_id: int | None
    head: str
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(rows: Iterable[dict], *, start: str = GENESIS) -> Result:
    """Walk ``rows`` (dicts with ``id``, the hashed fields, ``prev_hash`` and ``hash``, in id
    order) from ``start`` and stop at the first break.

    A row whose content no longer gives its hash was edited (or forged without the key); a row
    that does not name its predecessor's hash follows a gap (a row deleted) or a row slipped in.
    """
    expected_prev, checked, first_id, last_id = start, 0, None, None
    for row in rows:
        if first_id is None:
            first_id = row["id"]
        if row["prev_hash"] != expected_prev:
            previous = f"event #{last_id}" if last_id is not None else "the start of the chain"
            reason = (
                f"does not follow {previous}: an event between them was deleted or inserted, "
                "or this one was"
            )
            return Result(checked, first_id, last_id, expected_prev, Break(row["id"], reason))
        if not hmac.compare_digest(compute_hash(row, row["prev_hash"]), row["hash"] or ""):
            reason = "its content does not match its hash: it was edited (or forged)"
            return Result(checked, first_id, last_id, expected_prev, Break(row["id"], reason))
        expected_prev, last_id, checked = row["hash"], row["id"], checked + 1
    return Result(checked, first_id, last_id, expected_prev, None)


ROW_FIELDS = ("id", *HASHED_FIELDS, "prev_hash", "hash")


def database_rows(chunk_size: int = 2000) -> Iterator[dict]:
    from intake.audit.models import AuditEvent

    yield from AuditEvent.objects.order_by("id").values(*ROW_FIELDS).iterator(chunk_size)


def database_start() -> str:
    """Where the database's chain starts: after the last archived and removed event, if any."""
    from intake.audit.models import AuditArchive

    archived = AuditArchive.objects.filter(purged_at__isnull=False).order_by("-last_id").first()
    return archived.last_hash if archived else GENESIS
