"""Issue 19, in Chromium: a client's main path through the intake on a phone, a tablet and a
desk (390, 768 and 1024 px wide), axe on every page and no page wider than the screen; the
urgent advice inside the viewport right after the tap (and, without JavaScript, on the page that
comes back); the review page before consent, with a change made from it."""

import re

import pytest
from playwright.sync_api import expect

from intake import body_map
from intake.submissions.models import IntakeSubmission
from tests.browser.axe import assert_accessible
from tests.conftest import login_page

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 768, 1024)


def open_page(browser, width: int, *, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 768 else 1024},
        has_touch=width < 768,
        is_mobile=width < 768,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def check_page(page, where: str) -> None:
    """axe finds nothing, and nothing makes the page scroll sideways."""
    assert_accessible(page, where)
    wide, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= screen, f"{where}: the page is {wide} px wide on a {screen} px screen"


def in_viewport(page, locator) -> bool:
    """The top of ``locator`` (its heading and first lines) is on the screen as it is now."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 120) <= height


def save(page, name: str = "Save and continue") -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def answer_all(page, value: str, *, but: str = "") -> None:
    """Answer every yes/no question ``value``, but leave the one named ``but`` unanswered."""
    for radio in page.locator(f'input[type=radio][value="{value}"]').all():
        if radio.get_attribute("name") != but:
            radio.check()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_client_completes_the_intake_at_every_width(browser, live_server, alice, width):
    page = open_page(browser, width)
    login_page(page, live_server, alice.user)
    page.goto(live_server.url + "/intake/")
    check_page(page, "start")
    page.get_by_test_id("start-intake").click()

    # 1. About you: a phone keypad for the numbers, an emergency contact.
    expect(page.get_by_text("Step 1 of 7")).to_be_visible()
    expect(page.get_by_label("Phone number")).to_have_attribute("type", "tel")
    page.get_by_label("Phone number").fill("555-0101")
    page.get_by_label("Emergency contact: name").fill("Sam Anders")
    page.get_by_label("Emergency contact: phone").fill("555-0199")
    page.get_by_label("Emergency contact: relationship to you").fill("Brother")
    check_page(page, f"step 1 at {width}")
    save(page)

    # 2. Body map: one area, from its part's list (the map's own path is the body-map test's).
    expect(page.get_by_text("Step 2 of 7")).to_be_visible()
    check_page(page, f"step 2 at {width}")
    part = page.get_by_role("button", name=body_map.ZOOM_BY_CODE["calf_l"].label)
    if part.get_attribute("aria-expanded") != "true":
        part.click()
    page.locator("#region-calf_l").check()
    detail = page.locator('[data-region-detail="calf_l"]')
    detail.get_by_label("Pain", exact=True).check()
    detail.get_by_role("spinbutton").fill("5")
    save(page)

    # 3. Symptoms: a month and a year are enough.
    expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    check_page(page, f"step 3 at {width}")
    page.get_by_label("What brings you in?").fill("My left calf aches when I walk")
    page.get_by_label("Month").select_option(label="August")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Gradually, for no clear reason").check()
    page.locator('input[name="first_episode"][value="no"]').check()
    page.get_by_label("Worst pain in the last week").fill("6")
    page.get_by_label("Pain right now").fill("3")
    for i, activity in enumerate(("Walking the dog", "Climbing stairs", "Gardening"), start=1):
        page.get_by_label(f"Activity {i} you find hard").fill(activity)
        page.get_by_label(f"How well can you do activity {i} now?").fill("5")
    save(page)

    # 4. Health history: yes or no to each question.
    expect(page.get_by_text("Step 4 of 7")).to_be_visible()
    check_page(page, f"step 4 at {width}")
    answer_all(page, "no")
    page.locator('input[name="varicose_veins"][value="yes"]').check()
    save(page)

    # 5. Safety: the urgent advice appears right where the client tapped.
    expect(page.get_by_text("Step 5 of 7")).to_be_visible()
    check_page(page, f"step 5 at {width}")
    answer_all(page, "no")
    advice = page.get_by_test_id("urgent-answer-advice")
    expect(advice).to_be_hidden()
    urgent = page.locator('input[name="sudden_foot_drop"][value="yes"]')
    urgent.scroll_into_view_if_needed()
    if width < 768:
        urgent.tap()
    else:
        urgent.click()
    expect(advice).to_be_visible()
    expect(advice).to_have_attribute("role", "alert")
    assert in_viewport(page, advice), "the urgent advice is outside the viewport after the tap"
    check_page(page, f"step 5 with urgent advice at {width}")
    page.locator('input[name="sudden_foot_drop"][value="no"]').check()
    expect(advice).to_be_hidden()
    save(page)

    # 6. Referral: after "No" the details are hidden.
    expect(page.get_by_text("Step 6 of 7")).to_be_visible()
    check_page(page, f"step 6 at {width}")
    details = page.get_by_test_id("referral-details")
    page.locator('input[name="referred"][value="no"]').check()
    expect(details).to_be_hidden()
    page.locator('input[name="referred"][value="yes"]').check()
    expect(details).to_be_visible()
    page.locator('input[name="referred"][value="no"]').check()
    save(page)

    # 7. The review: every step, each with its change link; a change comes back here.
    expect(page.get_by_text("Check your answers", exact=True)).to_be_visible()
    check_page(page, f"review at {width}")
    expect(page.get_by_test_id("review-symptoms")).to_contain_text("August 2026")
    expect(page.get_by_test_id("review-about")).to_contain_text("Sam Anders (Brother)")
    expect(page.get_by_test_id("review-history")).to_contain_text("Do you have varicose veins")
    page.get_by_test_id("edit-symptoms").click()
    expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    check_page(page, f"step 3 changed from the review at {width}")
    page.get_by_label("Pain right now").fill("2")
    save(page, "Save and go back to the review")
    expect(page.get_by_text("Check your answers", exact=True)).to_be_visible()
    page.get_by_test_id("go-to-consent").click()

    # Consent: nothing typed or ticked for the client.
    expect(page.get_by_label("Type your full name")).to_have_value("")
    expect(page.get_by_label("I have read and agree")).not_to_be_checked()
    check_page(page, f"consent at {width}")
    page.get_by_label("I have read and agree").check()
    page.get_by_label("Type your full name").fill("Alice Anders")
    page.get_by_role("button", name="Submit my intake").click()
    expect(page.get_by_test_id("intake-done")).to_be_visible()
    check_page(page, f"done at {width}")
    expect(page.locator("main")).not_to_contain_text("referral step")
    intake = IntakeSubmission.objects.get(client=alice)
    assert intake.status == "submitted" and intake.current_pain == 2
    assert intake.varicose_veins is True and intake.symptoms_started_month_only
    page.context.close()


def test_save_and_finish_later_says_what_was_kept(browser, live_server, alice):
    page = open_page(browser, 390)
    login_page(page, live_server, alice.user)
    page.goto(live_server.url + "/intake/")
    page.get_by_test_id("start-intake").click()
    page.get_by_label("Phone number").fill("555-0101")
    save(page, "Save and finish later")
    expect(page.get_by_role("status").filter(has_text="Saved:")).to_contain_text(
        "opens at step 2, Where you feel it"
    )
    check_page(page, "my intakes after saving")
    page.context.close()


def test_without_javascript_the_urgent_advice_is_where_the_page_opens(browser, live_server, alice):
    page = open_page(browser, 390, javascript=False)
    login_page(page, live_server, alice.user)
    page.goto(live_server.url + "/intake/")
    page.get_by_test_id("start-intake").click()
    page.get_by_label("Phone number").fill("555-0101")
    for step in range(1, 4):
        save(page)
        expect(page.get_by_text(f"Step {step + 1} of 7")).to_be_visible()
        if step == 1:  # body map: one area from the list
            page.locator("#region-calf_l").check()
            page.locator("#id_sens_calf_l_0").check()
            page.locator("#id_int_calf_l").fill("4")
        if step == 2:
            page.get_by_label("What brings you in?").fill("Calf ache")
            page.get_by_label("Gradually, for no clear reason").check()
            page.locator('input[name="first_episode"][value="yes"]').check()
            page.get_by_label("Worst pain in the last week").fill("5")
            page.get_by_label("Pain right now").fill("3")
            for i in range(1, 4):
                page.get_by_label(f"Activity {i} you find hard").fill(f"Activity {i}")
                page.get_by_label(f"How well can you do activity {i} now?").fill("5")
    answer_all(page, "no")
    save(page)

    # The safety step, sent back (one question unanswered) with an urgent yes: the advice opens
    # the page and sits below the answer.
    expect(page.get_by_text("Step 5 of 7")).to_be_visible()
    answer_all(page, "no", but="sudden_foot_drop")
    page.locator('input[name="bowel_change"][value="yes"]').check()
    save(page)
    top = page.get_by_test_id("urgent-advice")
    expect(top).to_be_visible()
    assert in_viewport(page, top)
    expect(page.get_by_test_id("urgent-answer-advice")).to_be_visible()
    # (No axe here: it runs in the page's JavaScript; the test above checks these pages.)

    # Answered in full: the next page opens on the advice.
    page.locator('input[name="sudden_foot_drop"][value="no"]').check()
    save(page)
    assert re.search(r"/step/6/#urgent-advice$", page.url)
    expect(page.get_by_test_id("urgent-advice")).to_be_visible()
    assert in_viewport(page, page.get_by_test_id("urgent-advice"))
    # The referral details stay on the page without JavaScript, and are ignored after "No".
    expect(page.get_by_test_id("referral-details")).to_be_visible()
    page.locator('input[name="referred"][value="no"]').check()
    page.get_by_label("Physician's name").fill("Typed anyway")
    save(page)
    expect(page.get_by_text("Check your answers", exact=True)).to_be_visible()
    page.context.close()
