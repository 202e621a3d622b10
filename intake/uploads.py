"""Uploaded documents: checked by content (not by name or browser-declared type), stored privately.

Only PDF, JPEG and PNG up to 10 MB are accepted. Files are stored under random names in the private
media storage (``PRIVATE_MEDIA_ROOT``), never in the public static files; only views that check
permission serve them back, always as attachments.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

#: content type -> (magic prefix, file extension)
_SIGNATURES: tuple[tuple[str, bytes, str], ...] = (
    ("application/pdf", b"%PDF-", "pdf"),
    ("image/jpeg", b"\xff\xd8\xff", "jpg"),
    ("image/png", b"\x89PNG\r\n\x1a\n", "png"),
)
EXTENSIONS: dict[str, str] = {content_type: ext for content_type, _, ext in _SIGNATURES}


def max_upload_bytes() -> int:
    return int(getattr(settings, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def sniff(head: bytes) -> str | None:
    """The content type that ``head`` (the first bytes of a file) starts with, if allowed."""
    for content_type, magic, _ in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def validate_upload(file: UploadedFile) -> str:
    """Check size and content; return the sniffed content type or raise ``ValidationError``."""
    size = getattr(file, "size", None) or 0
    if size > max_upload_bytes():
        raise ValidationError(
            gettext("This file is larger than 10 MB. Please upload a smaller scan or photo."),
            code="too_large",
        )
    if size == 0:
        raise ValidationError(gettext("This file is empty."), code="empty")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise ValidationError(
            gettext(
                "This file is not a PDF, JPEG or PNG file up to 10 MB. Please upload a PDF, "
                "JPEG or PNG."
            ),
            code="bad_type",
        )
    return content_type


def store_upload(
    file: UploadedFile,
    *,
    content_type: str,
    folder: str,
    storage: Storage | None = None,
) -> str:
    """Save ``file`` under a random name in ``folder`` of the private storage; return its name.

    The client's original file name is never used as a path (keep it only as display text).
    """
    storage = storage or default_storage
    today = timezone.now()
    safe_folder = "".join(ch for ch in folder if ch.isalnum() or ch in "-_") or "uploads"
    name = f"{safe_folder}/{today:%Y/%m}/{secrets.token_urlsafe(24)}.{EXTENSIONS[content_type]}"
    file.seek(0)
    return storage.save(name, file)


def display_name(original: str, content_type: str) -> str:
    """A harmless file name for Content-Disposition: letters, digits, dot, dash, underscore."""
    stem = original.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)[:60].strip("_")
    return f"{cleaned or 'document'}.{EXTENSIONS.get(content_type, 'bin')}"
