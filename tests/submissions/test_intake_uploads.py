"""Shared upload checks: content sniffing, size limit, private random-name storage."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from intake import uploads
from tests.fixtures.submissions import PDF_BYTES, PNG_BYTES

JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 32


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_it_sniffs_allowed_types_by_content(content, expected):
    upload = SimpleUploadedFile("whatever.bin", content, content_type="text/html")
    assert uploads.validate_upload(upload) == expected


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"<svg onload=alert(1)>", "bad_type"),
        (b"GIF89a", "bad_type"),
        (b" %PDF-1.4", "bad_type"),
    ],
)
def test_it_refuses_other_content(content, code):
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(SimpleUploadedFile("a.pdf", content))
    assert error.value.code == code


def test_it_refuses_files_over_the_limit(settings):
    settings.MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as error:
        uploads.validate_upload(SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * 100))
    assert error.value.code == "too_large"


def test_it_stores_under_a_random_name_in_private_media(settings):
    upload = SimpleUploadedFile("../../etc/passwd.pdf", PDF_BYTES)
    name = uploads.store_upload(upload, content_type="application/pdf", folder="../referrals")
    assert name.startswith("referrals/") and name.endswith(".pdf") and "passwd" not in name
    path = default_storage.path(name)
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert open(path, "rb").read() == PDF_BYTES
    second = uploads.store_upload(upload, content_type="application/pdf", folder="referrals")
    assert second != name


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Referral letter.pdf", "Referral_letter.pdf"),
        ('evil"; filename=x.html', "evil___filename_x.pdf"),
        ("../../x.png", "x.pdf"),
        ("", "document.pdf"),
    ],
)
def test_it_makes_harmless_download_names(original, expected):
    assert uploads.display_name(original, "application/pdf") == expected
