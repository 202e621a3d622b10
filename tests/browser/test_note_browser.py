"""In Chromium: a therapist finds a client, writes a SOAP note, signs it and downloads the PDF."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.notes.models import SessionNote
from tests.browser.axe import assert_accessible
from tests.factories import make_intake

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lets_a_therapist_write_sign_and_download_a_note(
    page, live_server, therapist, alice, login_page
):
    make_intake(alice, flagged=True)
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/clients/")
    page.get_by_label("Search clients").fill("anders")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page, "client search")
    page.get_by_role("link", name="Anders, Alice").click()
    expect(page.get_by_test_id("chart-name")).to_have_text("Alice Anders")
    expect(page.get_by_test_id("safety-flags")).to_contain_text("History of cancer.")
    assert_accessible(page, "chart")
    page.get_by_role("link", name="New session note").click()

    assert_accessible(page, "new note form")
    page.get_by_label("Duration (minutes)").fill("45")
    page.get_by_label("Client's report").fill("Tingling down the left leg after <b>sitting</b>.")
    page.get_by_label("Current pain (0–10)").fill("6")
    page.get_by_label("Posture").fill("Weight on the right leg.")
    # Regions treated: tap the body map (the script ticks the matching checkbox) ...
    page.get_by_role("button", name="Left buttock").click()
    expect(page.locator("#treated-buttock_l")).to_have_attribute("aria-pressed", "true")
    expect(page.locator('input[name="treated_regions"][value="buttock_l"]')).to_be_checked()
    # ... or tick the list.
    page.get_by_role("checkbox", name="Back of left thigh").check()
    page.get_by_label("Assessment").fill("Eased with treatment.")
    page.get_by_label("Pain after treatment (0–10)").fill("3")
    page.get_by_role("button", name="Save draft").click()

    # A see-a-physician flag and no sensitive-area consent: two reasons asked, nothing typed lost.
    expect(page.get_by_test_id("note-clearance")).to_contain_text("link a verified or active")
    expect(page.get_by_test_id("note-consent-reason")).to_contain_text("Left buttock")
    expect(page.get_by_label("Client's report")).to_have_value(
        "Tingling down the left leg after <b>sitting</b>."
    )
    assert_accessible(page, "note form with safety reasons asked")
    page.get_by_label("Clearance: your reason").fill("Oncologist's letter seen: cleared.")
    page.get_by_label("Your reason to treat a sensitive").fill("Client consented in session.")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_test_id("note-status")).to_have_text("Draft — not signed")
    expect(page.get_by_test_id("note-clearance")).to_contain_text("Oncologist's letter seen")
    note = SessionNote.objects.get()
    assert note.regions_treated == ["buttock_l", "back_thigh_l"]
    assert note.duration_minutes == 45

    # Signing is permanent: the button asks for the box first (the browser's own check).
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Draft — not signed")
    page.get_by_label("I have checked this note").check()
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_test_id("note-status")).to_contain_text("Signed")
    expect(page.get_by_role("link", name="Edit draft")).to_have_count(0)
    assert_accessible(page, "signed note")

    with page.expect_download() as info:
        page.get_by_test_id("note-pdf").click()
    download = info.value
    assert re.fullmatch(r"session-note-\d+\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as fh:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    assert "Tingling down the left leg after <b>sitting</b>." in text
    assert "Signed electronically by Tess Healer" in text
    assert "History of cancer." in text
    assert "Client consented in session." in text
    note.refresh_from_db()
    assert note.is_signed
    actions = set(
        AuditEvent.objects.filter(object_id=str(note.pk)).values_list("action", flat=True)
    )
    assert {"create", "view", "sign", "print"} <= actions

    page.get_by_role("link", name="Alice Anders").click()  # breadcrumb back to the chart
    expect(page.get_by_test_id("chart-notes")).to_contain_text("Signed")
    expect(page.get_by_test_id("outcome-chart")).to_be_visible()
    assert_accessible(page, "chart with a signed visit")


def test_it_blocks_treatment_of_an_urgent_client_and_signs_the_advice_given(
    page, live_server, therapist, alice, login_page
):
    make_intake(alice, saddle_numbness=True, when=timezone.now() - dt.timedelta(days=1))
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/clients/{alice.pk}/")
    page.get_by_role("link", name="New session note").click()

    block = page.get_by_test_id("note-urgent-block")
    expect(block).to_be_visible()
    expect(block).to_contain_text("no treatment can be signed")
    expect(page.get_by_label("No treatment given, client advised")).to_be_checked()
    assert_accessible(page, "note form of an urgent client")
    # Trying to record a treatment is refused, with what is needed named.
    page.get_by_label("No treatment given, client advised").uncheck()
    page.get_by_role("checkbox", name="Left calf").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("note-treatment")).to_contain_text("urgent flag")
    assert not SessionNote.objects.exists()

    page.get_by_label("No treatment given, client advised").check()
    page.get_by_role("checkbox", name="Left calf").uncheck()
    page.get_by_label("Advice given to the client").fill("Go to the emergency department today.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_label("I have checked this note").check()
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_test_id("note-status")).to_contain_text("Signed")
    expect(page.get_by_test_id("note-treatment-given")).to_have_text(
        "No treatment given, client advised"
    )
    note = SessionNote.objects.get()
    assert note.is_signed and not note.treatment_given and note.regions_treated == []
