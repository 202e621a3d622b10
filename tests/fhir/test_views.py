"""Who downloads a record: staff a client's bundle, a client only their own (and a zip of their
PDFs); every download audited; the wrong people and methods refused."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.fhir.conftest import A_MARK, B_MARK, pdf_text

pytestmark = pytest.mark.django_db


def test_staff_download_a_clients_bundle_and_it_is_audited(records, therapist_http, admin_http):
    alice = records["a"]["client"]
    url = reverse("fhir_client_bundle", kwargs={"client_id": alice.pk})
    for http in (therapist_http, admin_http):
        before = AuditEvent.objects.filter(client=alice, action="export").count()
        response = http.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/fhir+json"
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="client-{alice.pk}-record.fhir.json"'
        )
        assert response["Cache-Control"] == "no-store"
        bundle = json.loads(response.content)
        assert bundle["resourceType"] == "Bundle" and A_MARK in response.content.decode()
        assert B_MARK not in response.content.decode()
        assert AuditEvent.objects.filter(client=alice, action="export").count() == before + 1


def test_clients_and_strangers_cannot_download_a_chart_bundle(records, client, alice_http):
    url = reverse("fhir_client_bundle", kwargs={"client_id": records["a"]["client"].pk})
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert alice_http.get(url).status_code == 403


def test_the_bundle_views_refuse_other_methods(records, therapist_http, alice_http):
    url = reverse("fhir_client_bundle", kwargs={"client_id": records["a"]["client"].pk})
    assert therapist_http.post(url).status_code == 405
    assert alice_http.post(reverse("fhir_my_bundle")).status_code == 405
    assert alice_http.post(reverse("fhir_my_pdfs")).status_code == 405


def test_a_missing_client_is_404(therapist_http, db):
    url = reverse("fhir_client_bundle", kwargs={"client_id": 999999})
    assert therapist_http.get(url).status_code == 404


def test_a_client_downloads_only_their_own_bundle(records, bob_http, therapist_http):
    bob = records["b"]["client"]
    response = bob_http.get(reverse("fhir_my_bundle"))
    assert response.status_code == 200
    text = response.content.decode()
    assert B_MARK in text and A_MARK not in text
    assert AuditEvent.objects.filter(client=bob, action="export", user=bob.user).count() == 1
    assert therapist_http.get(reverse("fhir_my_bundle")).status_code == 403


def test_a_client_downloads_a_zip_of_their_pdfs(records, alice_http):
    alice, note = records["a"]["client"], records["a"]["note"]
    response = alice_http.get(reverse("fhir_my_pdfs"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    stem = f"session-note-{note.visit_date:%Y-%m-%d}-{note.pk}"
    assert names == sorted([f"{stem}.pdf", f"{stem}-addendum-1.pdf",
                            f"handout-{records['a']['handout'].assigned_at:%Y-%m-%d}-"
                            f"{records['a']['handout'].pk}.pdf"])  # fmt: skip
    texts = [pdf_text(archive.read(name)) for name in names]
    assert any(f"{A_MARK} subjective" in text for text in texts)
    assert not any(B_MARK in text for text in texts)
    assert AuditEvent.objects.filter(client=alice, action="export", detail="3 PDFs zip").exists()


def test_the_client_page_links_the_downloads(records, alice_http):
    page = alice_http.get(reverse("client_home")).content.decode()
    assert reverse("fhir_my_bundle") in page and reverse("fhir_my_pdfs") in page


def test_the_office_home_links_the_clinic_export(admin_http):
    from django.urls import reverse

    assert reverse("fhir_clinic_export") in admin_http.get(reverse("admin_home")).content.decode()
