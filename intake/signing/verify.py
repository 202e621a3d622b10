"""Checking a signed PDF: its signature is intact (not one byte changed since signing, the
signature itself included), covers the whole file (nothing appended after it) and was made by a
trusted certificate (the clinic's, or ``trust`` given)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from intake.signing.certificate import cert_path, load_certificates


@dataclass(frozen=True)
class Verdict:
    ok: bool
    problems: tuple[str, ...] = ()
    signer: str = ""
    signed_at: dt.datetime | None = None
    reason: str = ""
    details: dict = field(default_factory=dict)


def trust_roots(extra: list[Path] | None = None) -> list:
    paths = [cert_path(), *(extra or [])]
    return [c for p in paths if p.exists() for c in load_certificates(p)]


def _padding_is_clean(signature) -> bool:  # noqa: ANN001 (pyhanko EmbeddedPdfSignature)
    """/Contents is the signature's DER, then zeros: a changed byte in the zeros changes the
    file but not the signature, so it is refused here."""
    contents = signature.pkcs7_content
    used = len(cms.ContentInfo.load(contents).dump())
    return not any(contents[used:])


def verify(data: bytes, *, trust: list[Path] | None = None) -> Verdict:
    """Check every signature of a PDF; ``ok`` only if there is one and all of them hold."""
    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = reader.embedded_signatures
    except Exception as error:  # noqa: BLE001 - a damaged file is a failed check, not a crash
        return Verdict(False, (f"The file cannot be read as a PDF: {error}",))
    if not signatures:
        return Verdict(False, ("The PDF carries no signature.",))
    context = ValidationContext(trust_roots=trust_roots(trust), allow_fetching=False)
    problems: list[str] = []
    last = None
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, context)
            clean = _padding_is_clean(signature)
        except Exception as error:  # noqa: BLE001 - a mangled signature fails the check
            problems.append(f"The signature cannot be read: {error}")
            continue
        last = (signature, status)
        if not (status.intact and status.valid and clean):
            problems.append("The PDF has changed since it was signed.")
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and signature is signatures[-1]:
            problems.append("Something was added to the PDF after it was signed.")
        if not status.trusted:
            problems.append("The signing certificate is not a trusted one (the clinic's).")
    if last is None:
        return Verdict(False, tuple(problems))
    signature, status = last
    return Verdict(
        ok=not problems,
        problems=tuple(dict.fromkeys(problems)),
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        reason=str(signature.sig_object.get("/Reason", "")),
        details={"signatures": len(signatures), "coverage": status.coverage.name},
    )
