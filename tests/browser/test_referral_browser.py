"""In Chromium: an admin verifies an incoming referral, watches its visits fall as notes are
signed, and prints a progress report."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.referrals.models import Referral
from tests.browser.axe import assert_accessible
from tests.factories import make_physician, make_referral, signed_note_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lets_an_admin_verify_track_visits_and_print_a_report(
    page, live_server, admin_user, therapist, alice, login_page
):
    referral = make_referral(alice, make_physician(), visits_authorized=4)
    login_page(page, live_server, admin_user)
    page.goto(f"{live_server.url}/staff/referrals/")
    page.get_by_label("Search").fill("anders")
    page.get_by_role("button", name="Filter").click()
    assert_accessible(page, "referral list")
    page.get_by_role("link", name=f"#{referral.pk}").click()
    expect(page.get_by_test_id("referral-status")).to_have_text("Received")
    expect(page.get_by_test_id("visits-label")).to_have_text("4 of 4 visits left")
    assert_accessible(page, "referral detail")

    page.get_by_label("Move to").select_option("verified")
    page.get_by_label("Note (optional)").fill("Checked with the <b>insurer</b>")
    page.get_by_test_id("transition-submit").click()
    expect(page.get_by_test_id("referral-status")).to_have_text("Verified")
    expect(page.get_by_test_id("history")).to_contain_text("Checked with the <b>insurer</b>")

    for left in (3, 2):  # a therapist signs a note elsewhere; the admin reloads
        signed_note_for(referral, therapist, pain_before=3 + left)
        page.reload()
        expect(page.get_by_test_id("visits-label")).to_have_text(f"{left} of 4 visits left")
    expect(page.get_by_test_id("visit-row")).to_have_count(2)

    page.goto(f"{live_server.url}/staff/referrals/dashboard/")
    expect(page.get_by_test_id("referral-chart")).to_be_visible()
    assert_accessible(page, "referral dashboard")
    page.go_back()
    page.get_by_test_id("progress-report-link").click()
    page.get_by_label("Plan and comments").fill("Two more visits, then review.")
    with page.expect_download() as info:
        page.get_by_test_id("print-report").click()
    download = info.value
    assert download.suggested_filename == f"progress-report-{referral.pk}.pdf"
    pdf = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "2 of 4 authorized" in text
    assert "Two more visits, then review." in text
    assert Referral.objects.get(pk=referral.pk).status == "verified"
    assert AuditEvent.objects.filter(action="print", object_id=str(referral.pk)).exists()
