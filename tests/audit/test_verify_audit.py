"""The audit trail's hash chain and ``manage.py verify_audit``: an intact chain verifies; an edited,
a deleted and an inserted row are each reported at the first break, on SQLite and PostgreSQL (on
PostgreSQL the tamperer first switches off the append-only trigger, as the table's owner can)."""

import datetime
import io
import threading
from importlib import import_module

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from intake import audit
from intake.audit import chain
from intake.audit.models import AppendOnlyError, AuditEvent


def verify(*args: str) -> str:
    out = io.StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def install_append_only_trigger() -> None:
    """On PostgreSQL, the trigger of migrations 0002 and 0021 (the suite runs without
    migrations): in the test's transaction, so it goes with it."""
    if connection.vendor != "postgresql":
        return
    trigger = import_module("intake.migrations.0002_audit_append_only").APPEND_ONLY_SQL
    purge = import_module("intake.migrations.0021_audit_purge_archived").PURGE_ALLOWED_SQL
    with connection.cursor() as cursor:
        cursor.execute(trigger)
        cursor.execute(purge)


def tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access would:
    on PostgreSQL, as the table's owner, switching off the append-only trigger first."""
    install_append_only_trigger()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle this test's FK checks first
            cursor.execute("ALTER TABLE intake_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE intake_auditevent ENABLE TRIGGER USER")


@pytest.fixture
def events(make_events, therapist, alice):
    return make_events(5, user=therapist, client=alice)


def test_it_links_each_event_to_the_one_before(events):
    stored = list(AuditEvent.objects.order_by("id"))
    assert stored[0].prev_hash == chain.GENESIS
    for before, after in zip(stored, stored[1:]):
        assert after.prev_hash == before.hash
    assert len({event.hash for event in stored}) == 5
    assert all(len(event.hash) == 64 for event in stored)


def test_it_chains_events_written_one_at_a_time(rf, therapist, alice):
    request = rf.get("/", REMOTE_ADDR="2001:db8:0:0::1")
    request.user = therapist
    first = audit.record(request, "view", obj=alice, client=alice)
    second = audit.record_on(request, "print", alice)
    assert second.prev_hash == first.hash
    assert "intact" in verify() and "2 event(s)" in verify()


def test_it_verifies_an_intact_chain(events):
    output = verify()
    assert f"5 event(s) (#{events[0].pk}–#{events[-1].pk})" in output
    assert AuditEvent.objects.order_by("-id").first().hash in output


def test_it_verifies_an_empty_trail(db):
    assert "0 event(s) (no events)" in verify()


def test_it_reports_an_edited_row(events):
    tamper("UPDATE intake_auditevent SET action = 'print' WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError, match=f"event #{events[2].pk}: its content does not match"):
        verify()


def test_it_reports_a_row_edited_with_a_plain_sha256_as_forged(events):
    """Without the key a rewriter cannot make a hash that verifies."""
    import hashlib

    forged = hashlib.sha256(b"anything").hexdigest()
    tamper(
        "UPDATE intake_auditevent SET detail = 'x', hash = %s WHERE id = %s",
        [forged, events[-1].pk],
    )
    with pytest.raises(CommandError, match=f"event #{events[-1].pk}: its content does not"):
        verify()


def test_it_reports_a_deleted_row_at_the_next_one(events):
    tamper("DELETE FROM intake_auditevent WHERE id = %s", [events[1].pk])
    message = f"event #{events[2].pk}: does not follow event #{events[0].pk}"
    with pytest.raises(CommandError, match=message):
        verify()


def test_it_reports_a_deleted_first_row(events):
    tamper("DELETE FROM intake_auditevent WHERE id = %s", [events[0].pk])
    with pytest.raises(CommandError, match="does not follow the start of the chain"):
        verify()


def test_it_reports_an_inserted_row(events, therapist, alice):
    """Slipped in between two events, with its predecessor's hash copied: its own hash is wrong."""
    columns = "id, user_id, role, action, object_type, object_id, client_id, at, ip, detail"
    sql = (
        f"INSERT INTO intake_auditevent ({columns}, prev_hash, hash) "
        "VALUES (%s, %s, 'therapist', 'view', 'client', %s, %s, %s, NULL, '', %s, %s)"
    )
    # A free id between two events: leave one by making the events far apart.
    inserted_id = events[-1].pk + 1
    at = events[-1].at + datetime.timedelta(seconds=1)
    tamper(sql, [inserted_id, therapist.pk, str(alice.pk), alice.pk, at, events[-1].hash, "0" * 64])
    with pytest.raises(CommandError, match=f"event #{inserted_id}: its content does not match"):
        verify()


def test_it_reports_a_row_inserted_with_a_made_up_link(events, therapist, alice):
    columns = "id, user_id, role, action, object_type, object_id, client_id, at, ip, detail"
    sql = (
        f"INSERT INTO intake_auditevent ({columns}, prev_hash, hash) "
        "VALUES (%s, %s, 'admin', 'view', '', '', NULL, %s, NULL, '', %s, %s)"
    )
    inserted_id = events[-1].pk + 1
    tamper(sql, [inserted_id, therapist.pk, events[-1].at, "1" * 64, "2" * 64])
    with pytest.raises(CommandError, match=f"event #{inserted_id}: does not follow event #"):
        verify()


def test_it_confirms_the_head_of_an_earlier_digest(events, therapist, alice, make_events):
    head = AuditEvent.objects.order_by("-id").first()
    make_events(2, user=therapist, client=alice)
    assert "intact" in verify("--head", f"{head.pk}:{head.hash}")


def test_it_reports_a_digest_head_that_is_gone_or_changed(events):
    head = AuditEvent.objects.order_by("-id").first()
    with pytest.raises(CommandError, match="no longer has the digest's hash"):
        verify("--head", f"{head.pk}:{'a' * 64}")
    tamper("DELETE FROM intake_auditevent WHERE id = %s", [head.pk])
    with pytest.raises(CommandError, match=f"event #{head.pk}, the head of an earlier digest"):
        verify("--head", f"{head.pk}:{head.hash}")


def test_it_refuses_a_malformed_head(events):
    with pytest.raises(CommandError, match="ID:HASH"):
        verify("--head", "abc")


def test_it_refuses_saving_an_event_that_is_not_chained(therapist):
    with pytest.raises(AppendOnlyError, match="objects.create"):
        AuditEvent(user=therapist, action="view").save()
    assert not AuditEvent.objects.exists()


def test_it_hashes_the_same_whatever_the_time_zone_it_is_read_in(events, settings):
    settings.TIME_ZONE = "America/Toronto"
    assert "intact" in verify()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's lock: SQLite serialises writers (the test database is in memory, whose "
    "shared cache refuses a second writer instead of waiting); runs in make test-postgres",
)
@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_chain_when_two_writers_append_at_once(therapist, alice):
    """Two threads (two database connections) append 20 events each: no fork, no lost link."""
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer() -> None:
        try:
            start.wait()
            for _ in range(20):
                audit.record(None, "view", client=alice, user=therapist)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.count() == 40
    assert "40 event(s)" in verify()
