"""Signed notes anyone can verify: the clinic's certificate, the note's PDF signed (PAdES), the
verify_pdf command, addenda as new signed PDFs naming the original, and tampering caught."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from intake.fhir import documents
from intake.notes.selectors import note_document, notes_for_print
from intake.signing import sign as signing
from intake.signing.certificate import make_self_signed
from intake.signing.notes import original_filename, sign_note_pdf
from intake.signing.verify import verify
from tests.factories import make_note

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def keys(tmp_path_factory) -> dict[str, Path]:
    """Two self-signed certificates: the clinic's and a stranger's (made once, 2048 bits)."""
    folder = tmp_path_factory.mktemp("signing")
    out = {}
    for who in ("clinic", "stranger"):
        out[f"{who}_cert"], out[f"{who}_key"] = folder / f"{who}.pem", folder / f"{who}-key.pem"
        make_self_signed(name=f"{who} test", cert=out[f"{who}_cert"], key=out[f"{who}_key"],
                         bits=2048)  # fmt: skip
    return out


@pytest.fixture
def clinic_cert(settings, keys) -> dict[str, Path]:
    settings.CLINIC_SIGNING_CERT = str(keys["clinic_cert"])
    settings.CLINIC_SIGNING_KEY = str(keys["clinic_key"])
    return keys


def printed(note) -> bytes:
    note = notes_for_print().get(pk=note.pk)
    return sign_note_pdf(documents.render_session_note(note_document(note)), note)


def test_the_command_makes_a_self_signed_certificate(settings, tmp_path):
    settings.CLINIC_SIGNING_CERT = str(tmp_path / "s" / "cert.pem")
    settings.CLINIC_SIGNING_KEY = str(tmp_path / "s" / "key.pem")
    out = io.StringIO()
    call_command("make_clinic_certificate", "--bits", "2048", stdout=out)
    assert "Self-signed certificate written" in out.getvalue()
    assert (tmp_path / "s" / "key.pem").stat().st_mode & 0o777 == 0o600
    assert b"BEGIN CERTIFICATE" in (tmp_path / "s" / "cert.pem").read_bytes()
    with pytest.raises(CommandError, match="exists already"):
        call_command("make_clinic_certificate", "--bits", "2048")
    before = (tmp_path / "s" / "cert.pem").read_bytes()
    out = io.StringIO()
    call_command("make_clinic_certificate", "--if-missing", stdout=out)
    assert "kept" in out.getvalue() and (tmp_path / "s" / "cert.pem").read_bytes() == before
    call_command("make_clinic_certificate", "--bits", "2048", "--force", stdout=io.StringIO())
    assert (tmp_path / "s" / "cert.pem").read_bytes() != before
    assert signing.is_configured()


def test_the_default_certificate_is_ecdsa_p256(settings, tmp_path):
    """An elliptic-curve key: pyHanko reloads the key at each signature, and an RSA key's load
    costs about 0.1 s a print (measured), an EC key's almost nothing."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    settings.CLINIC_SIGNING_CERT = str(tmp_path / "cert.pem")
    settings.CLINIC_SIGNING_KEY = str(tmp_path / "key.pem")
    call_command("make_clinic_certificate", stdout=io.StringIO())
    public = x509.load_pem_x509_certificate((tmp_path / "cert.pem").read_bytes()).public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name == "secp256r1"


def test_a_signed_notes_pdf_verifies_and_names_the_note(clinic_cert, alice, therapist, tmp_path):
    note = make_note(alice, therapist, signed=True)
    data = printed(note)
    verdict = verify(data)
    assert verdict.ok, verdict.problems
    assert verdict.signer.endswith("clinic test")
    assert (
        f"Session note #{note.pk}" in verdict.reason and "signed by Tess Healer" in verdict.reason
    )
    path = tmp_path / "note.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("verify_pdf", str(path), stdout=out)
    assert "VERIFIED" in out.getvalue() and f"Session note #{note.pk}" in out.getvalue()


def _positions(data: bytes) -> list[int]:
    """A spread over the whole file, and the signature's own bytes: its start, its end (the zero
    padding) and its delimiters."""
    contents = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    start, end = contents.span(1)
    spread = list(range(0, len(data), max(1, len(data) // 40)))
    return sorted({*spread, start - 1, start, start + 40, end - 2, end, len(data) - 1})


def test_changing_any_one_byte_fails_verification(clinic_cert, alice, therapist, tmp_path):
    data = printed(make_note(alice, therapist, signed=True))
    assert verify(data).ok
    for position in _positions(data):
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        assert not verify(bytes(tampered)).ok, position
    tampered = bytearray(data)
    tampered[len(data) // 3] ^= 0x01
    path = tmp_path / "tampered.pdf"
    path.write_bytes(bytes(tampered))
    with pytest.raises(CommandError, match="NOT VERIFIED"):
        call_command("verify_pdf", str(path))


def test_anything_appended_after_signing_fails(clinic_cert, alice, therapist):
    data = printed(make_note(alice, therapist, signed=True))
    assert not verify(data + b"\n% appended\n").ok


def test_a_strangers_signature_is_not_the_clinics(settings, keys, alice, therapist):
    settings.CLINIC_SIGNING_CERT = str(keys["stranger_cert"])
    settings.CLINIC_SIGNING_KEY = str(keys["stranger_key"])
    data = printed(make_note(alice, therapist, signed=True))
    settings.CLINIC_SIGNING_CERT = str(keys["clinic_cert"])  # the clinic's is the one trusted
    verdict = verify(data)
    assert not verdict.ok and any("not a trusted" in p for p in verdict.problems)
    assert verify(data, trust=[keys["stranger_cert"]]).ok


def test_an_addendum_makes_a_new_signed_pdf_naming_the_original(clinic_cert, records):
    note = records["a"]["note"]
    files = {pdf.key: pdf for pdf in documents.note_files(records["a"]["client"])}
    original, addendum = files[f"note-{note.pk}"], files[f"note-{note.pk}-addendum-1"]
    assert verify(original.data).ok and verify(addendum.data).ok
    reason = verify(addendum.data).reason
    assert "with 1 addendum" in reason and original_filename(note) in reason
    assert original.filename == original_filename(note)
    assert "signed by Tess Healer" in reason


def test_drafts_and_clinics_without_a_certificate_print_unsigned(settings, clinic_cert, alice,
                                                                  therapist, tmp_path):  # fmt: skip
    draft = make_note(alice, therapist)
    assert not verify(printed(draft)).ok  # no signature: a draft is not signed
    settings.CLINIC_SIGNING_CERT = str(tmp_path / "missing.pem")
    signed = make_note(alice, therapist, signed=True)
    data = printed(signed)
    assert data.startswith(b"%PDF") and "no signature" in verify(data).problems[0]


def test_a_pkcs12_certificate_can_be_configured(settings, keys, alice, therapist, tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    key = serialization.load_pem_private_key(keys["clinic_key"].read_bytes(), None)
    cert = x509.load_pem_x509_certificate(keys["clinic_cert"].read_bytes())
    bundle = pkcs12.serialize_key_and_certificates(
        b"clinic", key, cert, None, serialization.BestAvailableEncryption(b"s3cret")
    )
    (tmp_path / "clinic.p12").write_bytes(bundle)
    settings.CLINIC_SIGNING_CERT = str(tmp_path / "clinic.p12")
    settings.CLINIC_SIGNING_KEY_PASSWORD = "s3cret"
    data = printed(make_note(alice, therapist, signed=True))
    assert verify(data).ok


def test_the_staff_note_pdf_is_signed(clinic_cert, signed_note, therapist_http):
    response = therapist_http.get(reverse("note_pdf", kwargs={"note_id": signed_note.pk}))
    assert response.status_code == 200
    assert verify(response.content).ok
