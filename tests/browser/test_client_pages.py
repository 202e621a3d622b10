"""In Chromium (issue 19): a client's own pages on a phone, a tablet and a desk (390, 768 and
1024 px wide). Their home page with their visit history, a signed visit note (the clinic lets
clients read them here) and their intake summary: no axe violation, and no page wider than the
window. The summary's PDF downloads from the page."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.axe import assert_accessible
from tests.factories import make_handout, make_intake, make_note, make_physician, make_referral

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 768, 1024)


def assert_fits(page, width: int, where: str) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{where} at {width} px: the page is {wide} px wide"


@pytest.fixture
def client_record(alice, therapist, therapist2, library, settings):
    """Alice after two visits: a flagged intake with a referral (and a draft letter the clinic
    started), two signed notes and a handout given at the second visit."""
    settings.CLIENTS_SEE_SIGNED_NOTES = True
    intake = make_intake(alice, flagged=True, main_complaint="Pain down the back of my left leg")
    make_referral(alice, intake=intake, physician=make_physician("Dr. Jane Roe"))
    make_referral(alice, outgoing=True, intake=intake, physician=make_physician("Dr. Helen Cho"))
    today = timezone.localdate()
    make_note(alice, therapist, signed=True, visit_date=today - dt.timedelta(days=7))
    latest = make_note(alice, therapist2, signed=True, visit_date=today)
    make_handout(alice, therapist2, slugs=["walking"], assigned=True, title="Walking plan")
    return intake, latest


@pytest.mark.parametrize("width", WIDTHS)
def test_the_clients_pages_fit_and_pass_axe(
    browser, live_server, alice, client_record, login_page, width
):
    intake, latest = client_record
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login_page(page, live_server, alice.user)
        page.goto(f"{live_server.url}/me/")
        visits = page.get_by_test_id("client-visit")
        expect(visits).to_have_count(2)
        expect(visits.first).to_contain_text("With Theo Kneader")
        expect(visits.first).to_contain_text("Walking plan")
        assert_accessible(page, f"client home at {width} px")
        assert_fits(page, width, "client home")

        visits.first.get_by_role("link", name="Read the visit note").click()
        expect(page.get_by_test_id("my-note")).to_be_visible()
        assert page.url.endswith(f"/me/visits/{latest.pk}/")
        assert_accessible(page, f"visit note at {width} px")
        assert_fits(page, width, "visit note")

        page.goto(f"{live_server.url}/me/intakes/{intake.pk}/")
        expect(page.get_by_test_id("referral")).to_have_count(1)
        expect(page.get_by_text("Dr. Helen Cho")).to_have_count(0)
        assert_accessible(page, f"intake summary at {width} px")
        assert_fits(page, width, "intake summary")
        with page.expect_download() as download:
            page.get_by_test_id("my-intake-pdf").click()
        data = open(download.value.path(), "rb").read()
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "Pain down the back of my left leg" in text and "Dr. Helen Cho" not in text
    finally:
        context.close()
