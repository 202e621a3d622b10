"""Every PDF of the project (every URL named *_pdf) prints hostile text literally: reportlab
markup is not interpreted (no image pulled from the disk, no CVE-2023-33733 code run)."""

import io
import os

import pytest
from django.utils import timezone
from pypdf import PdfReader

from intake.accounts.models import Client
from intake.handouts.models import Handout
from intake.notes.models import SessionNote
from intake.referrals.models import Referral
from intake.submissions.models import IntakeSubmission
from tests.audit.test_access_matrix import MATRIX, url_for
from tests.fixtures.security import FORMS, open_form, project_urls
from tests.hostile import CVE_2023_33733, CVE_MARKER_FILE

IMG = '<img src="/etc/passwd"/>'
BOLD = "<b>bold?</b>"


def pdf_urls() -> list[str]:
    return sorted(name for name in project_urls() if name.endswith("_pdf"))


@pytest.fixture
def hostile_world(access_world) -> dict:
    """Client A's records, every free-text field holding markup."""
    Client.objects.filter(pk=access_world["client_id"]).update(first_name=IMG, last_name=BOLD)
    IntakeSubmission.objects.filter(client_id=access_world["client_id"]).update(
        main_complaint=CVE_2023_33733, medications=IMG, allergies=BOLD
    )
    SessionNote.objects.filter(pk=access_world["note_id"]).update(
        subjective=CVE_2023_33733, assessment=IMG, plan_home_care=BOLD, signed_at=timezone.now()
    )
    Referral.objects.filter(client_id=access_world["client_id"]).update(
        reason=CVE_2023_33733, notes=IMG, letter_text=IMG, report_text=BOLD
    )
    Handout.objects.filter(pk=access_world["handout_id"]).update(
        title=BOLD, introduction=IMG, notes=CVE_2023_33733
    )
    return access_world


def fetch_pdf(name: str, world: dict, http_clients: dict):
    if name in FORMS:
        http, page_url, form = open_form(FORMS[name], world, http_clients)
        send = http.post if form.method == "post" else http.get
        data = form.defaults()
        if name == "notes_range_pdf":  # every signed note so far
            data.update(date_from="2020-01-01", date_to=timezone.localdate().isoformat())
        return send(form.action or page_url, data)
    entry = MATRIX[name]
    role = next(r for r in ("therapist", "admin", "a") if entry.expect[r] == 200)
    return http_clients[role].get(url_for(name, project_urls()[name], world, entry))


def images_in(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


def test_it_finds_the_pdfs():
    assert {"note_pdf", "handout_pdf", "referral_letter_pdf"} <= set(pdf_urls())


@pytest.mark.parametrize("name", pdf_urls())
def test_it_prints_hostile_text_literally(name, hostile_world, http_clients):
    if os.path.exists(CVE_MARKER_FILE):
        os.unlink(CVE_MARKER_FILE)
    response = fetch_pdf(name, hostile_world, http_clients)
    assert response.status_code == 200, (name, response.status_code)
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(body))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert 'src="/etc/passwd"' in text, f"{name}: the client's name is not printed literally"
    assert images_in(reader) == 0
    assert not os.path.exists(CVE_MARKER_FILE)
