"""Uploads end to end: checked by content and size, stored privately under random names, and
served only through the permission-checked download view as an attachment."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intake.audit.models import AuditEvent
from intake.referrals.models import ReferralDocument
from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import PDF_BYTES, step_data

pytestmark = pytest.mark.django_db
HTML_AS_PDF = b"<html><script>alert(document.cookie)</script></html>"
EXE_AS_PDF = b"MZ\x90\x00\x03" + b"\x00" * 64


def step_url(intake, step: int) -> str:
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


def wizard_until_referral(http) -> IntakeSubmission:
    http.post(reverse("intake_start"))
    intake = IntakeSubmission.objects.get(status="draft")
    for step in range(1, 6):
        assert http.post(step_url(intake, step), step_data(step)).status_code == 302, step
    return intake


def upload_letter(http, intake, content: bytes, name: str = "letter.pdf", ctype="application/pdf"):
    data = {
        "referred": "yes",
        "new_name": "Dr. Jane Roe",
        "referral_date": "2026-01-05",
        "letter": SimpleUploadedFile(name, content, content_type=ctype),
    }
    return http.post(step_url(intake, 6), data)


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("content", [HTML_AS_PDF, EXE_AS_PDF, b"GIF89a;", b"%PD"])
def test_it_refuses_files_whose_content_is_not_pdf_jpeg_or_png(alice_http, content):
    intake = wizard_until_referral(alice_http)
    response = upload_letter(alice_http, intake, content)
    assert response.status_code == 200
    assert "is not a PDF, JPEG or PNG" in response.content.decode()
    assert stored_files() == []
    intake.refresh_from_db()
    assert intake.current_step == 6


def test_it_refuses_files_over_the_size_limit(alice_http, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    intake = wizard_until_referral(alice_http)
    response = upload_letter(alice_http, intake, PDF_BYTES + b"0" * 2000)
    assert response.status_code == 200
    assert "larger than" in response.content.decode()
    assert stored_files() == []


def test_it_stores_uploads_privately_under_unguessable_names(client, alice_http):
    intake = wizard_until_referral(alice_http)
    response = upload_letter(
        alice_http, intake, PDF_BYTES, name="<script>x</script>.html", ctype="text/html"
    )
    assert response.status_code == 302
    (path,) = stored_files()
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert path.resolve().is_relative_to(root)
    assert not path.resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert not path.resolve().is_relative_to(Path(settings.BASE_DIR, "intake", "static"))
    assert path.suffix == ".pdf"  # from the sniffed content, not the client's name
    assert "script" not in path.name and len(path.stem) >= 32
    name = path.relative_to(root).as_posix()
    for url in (f"{settings.MEDIA_URL}{name}", f"/static/{name}", f"/{name}", f"/media/{name}"):
        assert client.get(url).status_code == 404, url
        assert alice_http.get(url).status_code == 404, url


@pytest.fixture
def filed_document(alice_http) -> ReferralDocument:
    intake = wizard_until_referral(alice_http)
    assert upload_letter(alice_http, intake, PDF_BYTES, name='my "letter".pdf').status_code == 302
    assert alice_http.post(step_url(intake, 7), step_data(7)).status_code == 302
    return ReferralDocument.objects.get()


def test_it_serves_the_letter_as_an_attachment_to_its_owner_and_staff(
    filed_document, alice_http, therapist_http
):
    url = reverse("intake_document", kwargs={"document_id": filed_document.pk})
    for http in (alice_http, therapist_http):
        response = http.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Disposition"] == 'attachment; filename="my__letter.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action="download", object_type="referraldocument").count() == 2


def test_it_hides_the_letter_from_everyone_else(filed_document, client, bob_http):
    url = reverse("intake_document", kwargs={"document_id": filed_document.pk})
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert bob_http.get(url).status_code == 404
    assert (
        bob_http.get(
            reverse("intake_document", kwargs={"document_id": filed_document.pk + 1})
        ).status_code
        == 404
    )
    assert not AuditEvent.objects.filter(action="download").exists()
