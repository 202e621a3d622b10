"""Retention: past months archived to JSON-lines files whose chain verifies (``verify_audit
--file``); only archived months past the retention period (six years at least) leave the
database, oldest first, and the database's chain still verifies from the archive's last hash."""

import datetime
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from intake.audit.models import AuditArchive, AuditEvent
from tests.audit.test_verify_audit import install_append_only_trigger, tamper


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def at(year: int, month: int, day: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def history(settings, tmp_path, therapist, alice):
    """Three events in January 2015, two in February 2015, two now."""
    settings.AUDIT_ARCHIVE_DIR = tmp_path / "archive"
    for when in (at(2015, 1, 3), at(2015, 1, 20), at(2015, 1, 31), at(2015, 2, 2), at(2015, 2, 9)):
        AuditEvent.objects.create(
            user=therapist, role="therapist", action="view", client=alice, at=when
        )
    for _ in range(2):
        AuditEvent.objects.create(user=therapist, role="therapist", action="view", client=alice)
    return tmp_path / "archive"


def test_it_archives_a_month_to_a_file_whose_chain_verifies(history):
    output = run("archive_audit", "2015-01")
    path = history / "audit-2015-01.jsonl"
    assert "3 event(s)" in output and str(path) in output
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["at"][:10] for line in lines] == ["2015-01-03", "2015-01-20", "2015-01-31"]
    assert "intact in" in run("verify_audit", "--file", str(path))
    archive = AuditArchive.objects.get()
    assert (archive.count, archive.last_hash) == (3, lines[-1]["hash"])
    assert AuditEvent.objects.count() == 7  # archiving removes nothing


def test_consecutive_archive_files_verify_as_one_chain(history):
    run("archive_audit", "2015-01", "2015-02")
    files = [str(history / "audit-2015-01.jsonl"), str(history / "audit-2015-02.jsonl")]
    assert "5 event(s)" in run("verify_audit", "--file", files[0], "--file", files[1])
    with pytest.raises(CommandError, match="does not follow"):
        run("verify_audit", "--file", files[1], "--file", files[0])


def test_it_reports_an_edited_or_shortened_archive_file(history):
    run("archive_audit", "2015-01")
    path = history / "audit-2015-01.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[1].replace('"view"', '"print"'), lines[2]]) + "\n")
    with pytest.raises(CommandError, match="its content does not match its hash"):
        run("verify_audit", "--file", str(path))
    path.write_text("\n".join([lines[0], lines[2]]) + "\n")
    with pytest.raises(CommandError, match="does not follow event"):
        run("verify_audit", "--file", str(path))
    path.write_text("not json\n")
    with pytest.raises(CommandError, match="line 1: not an audit event"):
        run("verify_audit", "--file", str(path))
    with pytest.raises(CommandError, match="No such file"):
        run("verify_audit", "--file", str(history / "nothing.jsonl"))


def test_it_reports_a_file_changed_since_it_was_written(history):
    run("archive_audit", "2015-01")
    path = history / "audit-2015-01.jsonl"
    path.write_text(path.read_text().splitlines()[0] + "\n")  # still a valid chain, one event
    with pytest.raises(CommandError, match="changed since it was written"):
        run("verify_audit", "--file", str(path))


def test_it_refuses_to_archive_this_month_an_empty_month_or_one_twice(history):
    today = datetime.date.today()
    with pytest.raises(CommandError, match="is not over yet"):
        run("archive_audit", today.strftime("%Y-%m"))
    with pytest.raises(CommandError, match="has no audit events"):
        run("archive_audit", "2014-06")
    run("archive_audit", "2015-01")
    with pytest.raises(CommandError, match="archived already"):
        run("archive_audit", "2015-01")
    with pytest.raises(CommandError, match="not a month"):
        run("archive_audit", "January")


def test_it_removes_an_archived_old_month_and_the_chain_still_verifies(history):
    run("archive_audit", "2015-01")
    assert "3 event(s) removed" in run("archive_audit", "--remove", "2015-01")
    assert AuditEvent.objects.count() == 4
    assert AuditEvent.objects.filter(at__year=2015, at__month=1).count() == 0
    assert "4 event(s)" in run("verify_audit")  # from the archive's last hash on
    assert "3 event(s)" in run("verify_audit", "--file", str(history / "audit-2015-01.jsonl"))


def test_after_removal_a_deleted_first_event_is_still_found(history):
    run("archive_audit", "2015-01")
    run("archive_audit", "--remove", "2015-01")
    first = AuditEvent.objects.order_by("id").first()
    tamper("DELETE FROM intake_auditevent WHERE id = %s", [first.pk])
    with pytest.raises(CommandError, match="does not follow the start of the chain"):
        run("verify_audit")


def test_it_removes_only_archived_months_past_retention_oldest_first(history, settings):
    with pytest.raises(CommandError, match="is not archived"):
        run("archive_audit", "--remove", "2015-01")
    run("archive_audit", "2015-01", "2015-02")
    with pytest.raises(CommandError, match="Older events are still in the database"):
        run("archive_audit", "--remove", "2015-02")
    settings.AUDIT_RETENTION_YEARS = 20
    with pytest.raises(CommandError, match="within the 20-year retention period"):
        run("archive_audit", "--remove", "2015-01")
    assert AuditEvent.objects.count() == 7


def test_it_refuses_to_remove_a_month_whose_file_changed(history):
    run("archive_audit", "2015-01")
    path = history / "audit-2015-01.jsonl"
    path.write_text(path.read_text() + "\n")
    with pytest.raises(CommandError, match="missing or changed"):
        run("archive_audit", "--remove", "2015-01")
    path.unlink()
    with pytest.raises(CommandError, match="missing or changed"):
        run("archive_audit", "--remove", "2015-01")
    assert AuditEvent.objects.count() == 7


def test_it_refuses_to_remove_a_month_whose_rows_were_changed_after_archiving(history):
    run("archive_audit", "2015-01")
    event = AuditEvent.objects.order_by("id").first()
    tamper("UPDATE intake_auditevent SET hash = %s WHERE id = %s", ["f" * 64, event.pk])
    with pytest.raises(CommandError, match="differ from"):
        run("archive_audit", "--remove", "2015-01")


def test_it_keeps_the_chain_head_in_the_database(settings, tmp_path, therapist, alice):
    settings.AUDIT_ARCHIVE_DIR = tmp_path
    AuditEvent.objects.create(user=therapist, action="view", client=alice, at=at(2015, 3))
    run("archive_audit", "2015-03")
    with pytest.raises(CommandError, match="the chain's head stays in the database"):
        run("archive_audit", "--remove", "2015-03")


def test_a_digest_head_that_was_archived_is_sent_to_its_file(history):
    old = AuditEvent.objects.order_by("id").first()
    run("archive_audit", "2015-01")
    run("archive_audit", "--remove", "2015-01")
    with pytest.raises(CommandError, match="archived and removed: verify its archive file"):
        run("verify_audit", "--head", f"{old.pk}:{old.hash}")


def test_the_retention_period_is_six_years_at_least():
    env = {
        **os.environ,
        "AUDIT_RETENTION_YEARS": "5",
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "AUDIT_RETENTION_YEARS must be 6 or more" in result.stderr


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL trigger: runs in make test-postgres"
)
def test_on_postgresql_only_the_purge_deletes_and_nothing_updates(history):
    from django.db import DatabaseError, transaction

    install_append_only_trigger()
    for sql in ("DELETE FROM intake_auditevent", "UPDATE intake_auditevent SET detail = 'x'"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('intake.audit_purge', 'on', true)")
            cursor.execute("UPDATE intake_auditevent SET detail = 'x'")
    assert AuditEvent.objects.filter(detail="x").count() == 0
    run("archive_audit", "2015-01")
    assert "3 event(s) removed" in run("archive_audit", "--remove", "2015-01")
