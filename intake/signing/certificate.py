"""The clinic's signing certificate: a self-signed one to start with (``make_self_signed``), or
a real one configured in settings (``CLINIC_SIGNING_CERT``, ``CLINIC_SIGNING_KEY``...)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from django.conf import settings


def cert_path() -> Path:
    return Path(settings.CLINIC_SIGNING_CERT)


def key_path() -> Path:
    return Path(settings.CLINIC_SIGNING_KEY)


def is_pkcs12(path: Path) -> bool:
    return path.suffix.lower() in (".p12", ".pfx")


def _write(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "wb") as out:
        out.write(data)


def make_self_signed(
    *,
    name: str,
    cert: Path,
    key: Path,
    days: int = 3650,
    key_type: str = "ec",
    bits: int = 3072,
    password: str = "",
) -> x509.Certificate:
    """A new key and a self-signed certificate for ``name`` (the clinic), written as PEM: the
    certificate readable by all, the key by its owner only (encrypted with ``password``).

    ``key_type`` "ec" (the default): ECDSA on P-256, which every PDF reader checks and which
    signs a note in a few milliseconds; "rsa": ``bits`` bits. pyHanko reloads the key for each
    signature, and loading a 3072-bit RSA key costs about 0.1 s here (measured): with an RSA
    key, each printed note waits that long."""
    if key_type == "ec":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name[:64]),
    ])  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(private.public_key()), False)
        .sign(private, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    _write(key, pem, 0o600)
    _write(cert, certificate.public_bytes(serialization.Encoding.PEM), 0o644)
    return certificate


def load_certificates(path: Path) -> list:  # asn1crypto Certificates
    """The certificates in a PEM or DER file (a PKCS#12 file's own certificate)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    data = path.read_bytes()
    if is_pkcs12(path):
        from cryptography.hazmat.primitives.serialization import pkcs12

        password = (settings.CLINIC_SIGNING_KEY_PASSWORD or "").encode() or None
        bundle = pkcs12.load_pkcs12(data, password)
        found = [bundle.cert.certificate] if bundle.cert else []
        found += [extra.certificate for extra in bundle.additional_certs]
        data_list = [c.public_bytes(serialization.Encoding.DER) for c in found]
    elif pem.detect(data):
        data_list = [der for _, _, der in pem.unarmor(data, multiple=True)]
    else:
        data_list = [data]
    return [asn1_x509.Certificate.load(der) for der in data_list]
