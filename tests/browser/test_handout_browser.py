"""In Chromium: a therapist composes a handout from the suggested sciatica template, adjusts it,
gives it to the client, and the client downloads the PDF from their page."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.handouts.models import Handout
from tests.browser.axe import assert_accessible
from tests.factories import make_intake

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_composes_assigns_and_lets_the_client_download(
    page, browser, live_server, therapist, alice, library, login_page
):
    make_intake(alice, marks=[("buttock_l", ["pain"], 6), ("calf_l", ["tingling"], 4)])
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/clients/{alice.pk}/")  # the client's chart
    page.get_by_role("link", name="New handout").click()
    expect(page.get_by_test_id("suggestion")).to_contain_text(
        "Buttock and back-of-leg pain: self-care"
    )
    assert_accessible(page, "start page")
    expect(page.get_by_label("Buttock and back-of-leg pain: self-care")).to_be_checked()
    page.get_by_role("button", name="Start composing").click()

    items = page.get_by_test_id("item-name")
    expect(items).to_have_count(5)
    expect(items.nth(2)).to_contain_text("Daily walk")
    assert_accessible(page, "composer")
    page.get_by_role("button", name="Move up: Daily walk").click()
    expect(items.nth(1)).to_contain_text("Daily walk")
    page.get_by_role("button", name="Remove: Glute bridge").click()
    expect(items).to_have_count(4)
    first = page.get_by_test_id("item").first
    first.get_by_label("Sets").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Sets must be between 1 and 10.")).to_be_visible()
    first = page.get_by_test_id("item").first
    first.get_by_label("Sets").fill("2")
    page.get_by_label("Notes for the client").fill("Little and often: <b>every</b> hour.")
    page.get_by_role("button", name="Save and preview").click()

    preview = page.get_by_test_id("handout-article")
    expect(preview).to_contain_text("Little and often: <b>every</b> hour.")
    expect(preview.locator("svg")).to_have_count(4)
    assert_accessible(page, "preview")
    page.get_by_role("button", name="Give to Alice").click()
    expect(page.get_by_test_id("assigned")).to_contain_text("Given to Alice Anders")

    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    client_page = context.new_page()
    client_page.set_default_timeout(10_000)
    login_page(client_page, live_server, alice.user)
    expect(client_page).to_have_url(re.compile(r"/me/$"))
    panel = client_page.get_by_test_id("client-handouts")
    expect(panel).to_contain_text("Buttock and back-of-leg pain: self-care")
    assert_accessible(client_page, "client home")
    with client_page.expect_download() as info:
        panel.get_by_role("link", name=re.compile("Download PDF")).click()
    download = info.value
    handout = Handout.objects.get()
    assert download.suggested_filename == f"handout-{handout.pk}.pdf"
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(open(download.path(), "rb").read())).pages
    )
    context.close()
    assert "Alice Anders" in text and "Little and often: <b>every</b> hour." in text
    assert text.index("Daily walk") < text.index("Pelvic tilt")
    assert "Glute bridge" not in text
    assert "2 sets of 2 repetitions" in text  # the figure-four stretch, doubled
    assert "Stop and seek care if" in text
    assert AuditEvent.objects.filter(action="download", client=alice).count() == 1


def test_it_lets_staff_browse_the_library_by_tag(page, live_server, therapist, library, login_page):
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/exercises/")
    assert_accessible(page, "exercise list")
    page.get_by_role("link", name="neck", exact=True).click()
    cards = page.get_by_test_id("exercise-list").locator(".card")
    expect(cards.filter(has_text="Chin tuck")).to_have_count(1)
    expect(cards.filter(has_text="Glute bridge")).to_have_count(0)
    page.get_by_role("link", name="Chin tuck").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chin tuck")
    expect(page.get_by_role("img", name=re.compile("chin glides straight back"))).to_be_visible()
    assert_accessible(page, "exercise detail")
    page.get_by_role("link", name="Edit").click()
    assert_accessible(page, "exercise form")


def test_it_warns_of_conflicts_and_suggests_nothing_to_an_urgent_client(
    page, live_server, therapist, alice, bob, library, login_page
):
    """A pregnant client: the composer warns about the exercises done lying on the back. An
    urgent client: no template is suggested, and the page says why."""
    make_intake(alice, pregnant=True, marks=[("lower_back_l", ["aching"], 5)])
    make_intake(bob, saddle_numbness=True, marks=[("buttock_l", ["pain"], 6)])
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/clients/{alice.pk}/handouts/new/")
    expect(page.get_by_test_id("suggestion")).to_contain_text("Low back pain: self-care")
    page.get_by_role("button", name="Start composing").click()
    warnings = page.get_by_test_id("exercise-warnings")
    expect(warnings).to_contain_text("Knee-to-chest stretch")
    expect(warnings).to_contain_text("Glute bridge")
    expect(warnings).to_contain_text("Pregnancy: this exercise is done lying on the back")
    assert_accessible(page, "composer with warnings")
    page.get_by_role("button", name="Save and preview").click()
    box = page.get_by_test_id("stop-box")
    expect(box).to_contain_text("go to an emergency department now")
    expect(box).to_contain_text("area that would touch a saddle")

    page.goto(f"{live_server.url}/staff/clients/{bob.pk}/handouts/new/")
    expect(page.get_by_test_id("suggestion")).to_have_count(0)
    expect(page.get_by_test_id("suggestion-withheld")).to_contain_text("urgent safety flag")
    assert_accessible(page, "start page, urgent client")
