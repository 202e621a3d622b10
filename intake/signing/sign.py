"""Signing PDF bytes with the clinic's certificate: PAdES baseline (B-B) signatures, SHA-256,
an invisible signature field that every PDF reader lists in its signature panel."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from intake.signing.certificate import cert_path, is_pkcs12, key_path

FIELD = "ClinicSignature"


class SigningUnavailable(RuntimeError):
    """No clinic certificate is configured (``make_clinic_certificate`` makes one)."""


@lru_cache(maxsize=4)
def _load(cert: str, key: str, stamp: tuple, password: str, chain: tuple) -> signers.Signer:
    secret = password.encode() or None
    if is_pkcs12(Path(cert)):
        signer = signers.SimpleSigner.load_pkcs12(cert, ca_chain_files=chain, passphrase=secret)
    else:
        signer = signers.SimpleSigner.load(key, cert, ca_chain_files=chain, key_passphrase=secret)
    if signer is None:
        raise SigningUnavailable("The clinic's signing key or certificate cannot be read.")
    return signer


def clinic_signer() -> signers.Signer:
    """The configured signer, loaded once per file version (a new certificate is picked up)."""
    cert, key = cert_path(), key_path()
    if not cert.exists() or (not is_pkcs12(cert) and not key.exists()):
        raise SigningUnavailable("No clinic signing certificate: run make_clinic_certificate.")
    stamp = tuple(p.stat().st_mtime_ns for p in (cert, key) if p.exists())
    chain = tuple(settings.CLINIC_SIGNING_CHAIN)
    password = settings.CLINIC_SIGNING_KEY_PASSWORD or ""
    return _load(str(cert), str(key), stamp, password, chain)


def is_configured() -> bool:
    try:
        clinic_signer()
    except SigningUnavailable:
        return False
    return True


def sign_pdf(data: bytes, *, reason: str, name: str = "") -> bytes:
    """``data`` (a PDF) with the clinic's PAdES signature appended. Raises SigningUnavailable."""
    signer = clinic_signer()
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        reason=reason[:500],
        name=name or None,
        location=settings.CLINIC_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    return signers.sign_pdf(
        writer, meta, signer=signer, bytes_reserved=_reserved(signer)
    ).getvalue()


def _reserved(signer: signers.SimpleSigner) -> int:
    """Room for the signature: its certificates and a margin for the rest. Given, pyHanko skips
    the trial signature it otherwise makes to measure it (half the time of a signature)."""
    certs = [signer.signing_cert, *signer.cert_registry]
    size = 8192 + sum(len(cert.dump()) for cert in certs if cert is not None)
    return size + size % 2  # pyHanko asks for an even number
