"""Uploads in an S3-compatible bucket (S3_BUCKET): the referral letter still downloads only
through the permission-checked, audited view; backups carry the bucket's files and restore them;
the store down answers the 503 page, not an error. The bucket is moto's in-process S3."""

import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse
from moto import mock_aws

from intake import backups
from intake.audit.models import AuditEvent
from intake.referrals.models import ReferralDocument
from tests.cluster.outage import down_s3_storages, s3_storages
from tests.factories import make_intake, make_referral
from tests.fixtures.submissions import PDF_BYTES

BUCKET = "clinic-test"


@pytest.fixture
def bucket(settings):
    with mock_aws():
        settings.STORAGES = s3_storages(settings.STORAGES, endpoint=None, bucket=BUCKET)
        default_storage.connection.meta.client.create_bucket(Bucket=BUCKET)
        yield default_storage


def s3_keys(storage) -> list[str]:
    listing = storage.connection.meta.client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def make_document(client, data: bytes = PDF_BYTES) -> ReferralDocument:
    referral = make_referral(client, intake=make_intake(client))
    document = ReferralDocument(
        referral=referral, original_name="letter.pdf", content_type="application/pdf",
        size=len(data), uploaded_by=client.user,
    )  # fmt: skip
    document.file.save("k3y.pdf", ContentFile(data), save=False)
    document.save()
    return document


def url(document) -> str:
    return reverse("intake_document", kwargs={"document_id": document.pk})


@pytest.mark.django_db
def test_an_upload_lands_in_the_bucket_not_on_disk(bucket, alice, settings):
    document = make_document(alice)
    assert s3_keys(bucket) == [document.file.name]
    assert document.file.name.startswith("referrals/") and document.file.name.endswith("k3y.pdf")
    assert not settings.PRIVATE_MEDIA_ROOT.exists()


@pytest.mark.django_db
def test_staff_download_it_through_the_audited_view(bucket, alice, therapist_http):
    document = make_document(alice)
    response = therapist_http.get(url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert "X-Amz" not in str(response.headers) and "Location" not in response
    assert AuditEvent.objects.filter(action="download", object_id=str(document.pk)).count() == 1


@pytest.mark.django_db
def test_the_owner_may_download_it_and_another_client_may_not(
    bucket, alice, alice_http, bob_http, client
):
    document = make_document(alice)
    assert alice_http.get(url(document)).status_code == 200
    assert bob_http.get(url(document)).status_code == 404
    assert client.get(url(document)).status_code == 302  # anonymous: to the log-in page
    assert alice_http.post(url(document)).status_code == 405
    assert AuditEvent.objects.filter(action="download").count() == 1


@pytest.mark.django_db
def test_an_object_missing_from_the_bucket_is_a_404(bucket, alice, therapist_http):
    document = make_document(alice)
    bucket.delete(document.file.name)
    assert therapist_http.get(url(document)).status_code == 404


@pytest.mark.django_db
def test_the_store_down_answers_the_try_again_page(alice, therapist, settings):
    with mock_aws():
        settings.STORAGES = s3_storages(settings.STORAGES, endpoint=None, bucket=BUCKET)
        default_storage.connection.meta.client.create_bucket(Bucket=BUCKET)
        document = make_document(alice)
    settings.STORAGES = down_s3_storages(settings.STORAGES)
    http = HttpClient(raise_request_exception=False)
    http.force_login(therapist)
    response = http.get(url(document))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    text = response.content.decode()
    assert "Briefly unavailable" in text and "What you already saved is kept" in text
    for leak in ("Traceback", "127.0.0.1", "k3y", "botocore", "Alice"):
        assert leak not in text, leak


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_bucket_and_a_restore_puts_it_back(bucket, alice, tmp_path):
    kept = make_document(alice)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=None)
    with tarfile.open(archive) as tar:
        member = tar.extractfile(f"uploads/{kept.file.name}")
        assert member.read() == PDF_BYTES
        assert backups.read_manifest(tar).files == 1

    bucket.delete(kept.file.name)
    bucket.save("stray/added-after.png", ContentFile(b"\x89PNG stray"))
    call_command("restore", str(archive), "--noinput")
    assert s3_keys(bucket) == [kept.file.name]
    with bucket.open(kept.file.name) as restored:
        assert restored.read() == PDF_BYTES


@pytest.mark.django_db(transaction=True)
def test_a_local_backup_restores_into_the_bucket(alice, settings, tmp_path):
    local = settings.PRIVATE_MEDIA_ROOT / "referrals" / "2026" / "11"
    local.mkdir(parents=True)
    (local / "old.pdf").write_bytes(PDF_BYTES)
    archive = tmp_path / "local.tar.gz"
    call_command("backup", str(archive), stdout=None)
    with mock_aws():
        settings.STORAGES = s3_storages(settings.STORAGES, endpoint=None, bucket=BUCKET)
        default_storage.connection.meta.client.create_bucket(Bucket=BUCKET)
        call_command("restore", str(archive), "--noinput")
        assert s3_keys(default_storage) == ["referrals/2026/11/old.pdf"]
