"""In Chromium: from a client's handouts list a therapist starts a handout, arranges it with
nothing stored, sets the walk in minutes, saves it, and finds it in the list again through the
composer's breadcrumb (axe on every page)."""

import pytest
from playwright.sync_api import expect

from intake.handouts.models import Handout
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_composes_from_the_list_and_stores_only_on_save(
    page, live_server, therapist, alice, library, login_page
):
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/clients/{alice.pk}/handouts/")
    expect(page.get_by_test_id("no-handouts")).to_be_visible()
    assert_accessible(page, "handouts list, empty")
    page.get_by_test_id("new-handout").click()
    page.get_by_label("Buttock and back-of-leg pain: self-care").check()
    page.get_by_role("button", name="Start composing").click()
    expect(page.get_by_test_id("handout-state")).to_contain_text("Not saved yet")
    page.get_by_role("button", name="Move up: Daily walk").click()
    expect(page.get_by_test_id("item-name").nth(1)).to_contain_text("Daily walk")
    assert not Handout.objects.exists()
    assert_accessible(page, "composer, not saved yet")

    walk = page.get_by_test_id("item").nth(1)
    expect(walk.get_by_label("Measured in")).to_have_value("duration")
    walk.get_by_label("Minutes").fill("20")
    walk.get_by_label("Days a week").fill("5")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_test_id("handout-state")).to_contain_text("Draft")
    handout = Handout.objects.get()
    assert handout.items.get(exercise__slug="walking").dose_text() == (
        "20 minutes · twice a day · 5 days a week"
    )

    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="Handouts").click()
    rows = page.get_by_test_id("handout-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Buttock and back-of-leg pain: self-care")
    expect(rows.first).to_contain_text("Draft")
    assert_accessible(page, "handouts list")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the list is {width} px wide on a 390 px phone"
