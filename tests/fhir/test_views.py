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


def test_a_client_downloads_a_zip_of_their_pdfs(records, alice_http, settings):
    settings.CLIENTS_SEE_SIGNED_NOTES = True
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


def test_the_zip_leaves_notes_out_when_the_clinic_does_not_show_them(records, alice_http, settings):
    settings.CLIENTS_SEE_SIGNED_NOTES = False
    response = alice_http.get(reverse("fhir_my_pdfs"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [f"handout-{records['a']['handout'].assigned_at:%Y-%m-%d}-"
                     f"{records['a']['handout'].pk}.pdf"]  # fmt: skip


def resource_ids(response) -> set[str]:
    return {entry["resource"]["id"] for entry in json.loads(response.content)["entry"]}


@pytest.mark.parametrize("notes_shown", [True, False])
def test_the_clients_own_bundle_holds_what_their_pages_show(
    records, alice_http, therapist_http, settings, notes_shown
):
    """No draft letter to a physician, no office notes; notes as the clinic's setting says. The
    staff download is the whole record."""
    from tests.factories import make_referral

    settings.CLIENTS_SEE_SIGNED_NOTES = notes_shown
    alice, incoming = records["a"]["client"], records["a"]["referral"]
    incoming.notes = "OFFICE-ONLY called the doctor's office"
    incoming.save()
    draft = make_referral(alice, outgoing=True, reason="DRAFT-ONLY letter")
    mine = alice_http.get(reverse("fhir_my_bundle"))
    ids, text = resource_ids(mine), mine.content.decode()
    assert f"referral-{incoming.pk}" in ids and f"referral-{draft.pk}" not in ids
    assert "DRAFT-ONLY" not in text and "OFFICE-ONLY" not in text
    note = records["a"]["note"]
    assert (f"note-{note.pk}" in ids) is notes_shown
    assert (
        f"{A_MARK} subjective" in text or any(i.startswith("note-") for i in ids)
    ) is notes_shown
    staff = therapist_http.get(reverse("fhir_client_bundle", kwargs={"client_id": alice.pk}))
    staff_ids, staff_text = resource_ids(staff), staff.content.decode()
    assert {f"referral-{draft.pk}", f"note-{note.pk}"} <= staff_ids
    assert "OFFICE-ONLY" in staff_text
