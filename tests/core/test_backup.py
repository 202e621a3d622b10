"""`manage.py backup` and `manage.py restore` round-trip the database and the uploads."""

import json
import stat
import tarfile

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from intake import backups as backup
from intake.accounts.models import Client
from intake.audit.models import AuditEvent
from tests.factories import make_client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def uploads():
    root = settings.PRIVATE_MEDIA_ROOT
    (root / "referrals" / "2026").mkdir(parents=True)
    letter = root / "referrals" / "2026" / "k3y.pdf"
    letter.write_bytes(b"%PDF-1.4 referral letter")
    return root, letter


def mutate(root, letter) -> None:
    alice = Client.objects.get(last_name="Anders")
    alice.first_name = "Changed"
    alice.save()
    make_client("carol@example.org", "Carol", "Later")
    letter.unlink()
    (root / "stray.png").write_bytes(b"\x89PNG stray")


def assert_restored(root, letter) -> None:
    assert Client.objects.get(last_name="Anders").first_name == "Alice"
    assert not Client.objects.filter(last_name="Later").exists()
    assert AuditEvent.objects.filter(action="view", detail="before backup").count() == 1
    assert letter.read_bytes() == b"%PDF-1.4 referral letter"
    assert not (root / "stray.png").exists()


def test_it_round_trips_the_database_and_the_uploads(tmp_path, alice, therapist, uploads):
    AuditEvent.objects.create(user=therapist, action="view", client=alice, detail="before backup")
    archive = tmp_path / "backups" / "clinic.tar.gz"
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["vendor"] in ("sqlite", "postgresql")
    expected = {"sqlite": "db.sqlite3", "postgresql": "db.pgdump"}[manifest["vendor"]]
    assert manifest["dump"] == expected  # pg_dump is installed wherever PostgreSQL tests run
    assert manifest["dump"] in names
    assert "uploads/referrals/2026/k3y.pdf" in names
    assert manifest["files"] == 1

    mutate(*uploads)
    call_command("restore", str(archive), interactive=False, stdout=open("/dev/null", "w"))
    assert_restored(*uploads)


def test_it_falls_back_to_a_json_snapshot(tmp_path, alice, therapist, uploads, monkeypatch):
    monkeypatch.setattr(backup, "_dump_sqlite", backup._dump_json)
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)  # no pg_dump
    AuditEvent.objects.create(user=therapist, action="view", client=alice, detail="before backup")
    archive = tmp_path / "clinic.tar.gz"
    assert backup.create_backup(archive).dump == "db.json"
    mutate(*uploads)
    backup.restore_backup(archive)
    assert_restored(*uploads)


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    with pytest.raises(CommandError, match="not a clinic backup"):
        call_command("restore", str(bogus), interactive=False)
    (tmp_path / "junk.tar.gz").write_bytes(b"junk")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore", str(tmp_path / "junk.tar.gz"), interactive=False)


def test_it_asks_before_replacing_everything(tmp_path, alice, monkeypatch):
    archive = tmp_path / "clinic.tar.gz"
    backup.create_backup(archive)
    make_client("carol@example.org", "Carol", "Later")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive))
    assert Client.objects.filter(last_name="Later").exists()
