"""In Chromium: a new client completes the intake by tapping the body map (axe-checked at every
step), a therapist sees the summary; the same intake by keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from intake.submissions.models import HISTORY_YES_NO
from intake.submissions.screening import HISTORY_QUESTIONS, SAFETY_QUESTIONS
from tests.browser.axe import assert_accessible
from tests.conftest import login_page

pytestmark = pytest.mark.django_db(transaction=True)


def next_step(page):
    page.get_by_role("button", name="Save and continue").click()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_it_takes_a_new_client_through_the_intake_by_tapping(phone, live_server, therapist):
    page = phone
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Newcomer")
    page.get_by_label("E-mail").fill("nora@example.org")
    page.locator("#id_password1").fill("sciatica-Free-2026")
    page.locator("#id_password2").fill("sciatica-Free-2026")
    page.get_by_role("button", name="Create account").click()
    page.get_by_test_id("start-intake-link").tap()
    expect(page).to_have_url(re.compile(r"/intake/$"))
    assert_accessible(page, "start")
    page.get_by_test_id("start-intake").tap()

    # 1. About you: a future birth date is refused and nothing typed is lost.
    expect(page.get_by_text("Step 1 of 7")).to_be_visible()
    assert_accessible(page, "step 1")
    page.get_by_label("Date of birth").fill("2999-01-01")
    page.get_by_label("Phone number").fill("555-0147")
    next_step(page)
    expect(page.get_by_text("Your date of birth cannot be in the future.")).to_be_visible()
    expect(page.get_by_label("Phone number")).to_have_value("555-0147")
    assert_accessible(page, "step 1 with errors")
    page.get_by_label("Date of birth").fill("1970-03-04")
    next_step(page)

    # 2. Body map: open a part, tap the back of the left thigh; then the left sole.
    expect(page.get_by_text("Step 2 of 7")).to_be_visible()
    assert_accessible(page, "step 2")
    for part, code, feels, strength in (
        ("Thighs and knees", "back_thigh_l", "Pain", "6"),
        ("Ankles and feet", "sole_l", "Numbness", "3"),
    ):
        page.get_by_role("button", name=part).tap()
        page.locator(f'svg [data-region="{code}"]').tap()
        expect(page.locator(f'svg [data-region="{code}"]')).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(page.locator(f"#region-{code}")).to_be_checked()
        detail = page.locator(f'[data-region-detail="{code}"]')
        detail.get_by_label(feels, exact=True).tap()
        detail.get_by_role("spinbutton").fill(strength)
    # Tapping again unselects; tapping a third time selects again.
    page.get_by_role("button", name="Lower legs").tap()
    page.locator('svg [data-region="calf_r"]').tap()
    expect(page.locator("#region-calf_r")).to_be_checked()
    page.locator('svg [data-region="calf_r"]').tap()
    expect(page.locator("#region-calf_r")).not_to_be_checked()
    expect(page.locator('[data-region-detail="calf_r"]')).to_be_hidden()
    assert_accessible(page, "step 2 with regions chosen")
    next_step(page)

    # 3. Symptoms and activities.
    expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    assert_accessible(page, "step 3")
    page.get_by_label("What brings you in?").fill("Pain down my left leg when I sit")
    page.get_by_label("Gradually, for no clear reason").check()
    page.locator('input[name="first_episode"][value="no"]').check()
    page.get_by_label("Sitting", exact=True).check()
    page.get_by_label("Worst pain in the last week").fill("7")
    page.get_by_label("Pain right now").fill("4")
    for i, (activity, score) in enumerate(
        (("Sitting at my desk", "3"), ("Climbing stairs", "5"), ("Gardening", "4")), start=1
    ):
        page.get_by_label(f"Activity {i} you find hard").fill(activity)
        page.get_by_label(f"How well can you do activity {i} now?").fill(score)
    next_step(page)

    # 4. Health history.
    expect(page.get_by_text("Step 4 of 7")).to_be_visible()
    assert_accessible(page, "step 4")
    for no in page.locator('input[type=radio][value="no"]').all():  # yes or no to each
        no.check()
    page.locator('input[name="takes_blood_thinners"][value="yes"]').check()
    page.get_by_label("I agree to massage of the buttock").check()
    next_step(page)

    # 5. Safety: saddle numbness is urgent; the next page says so plainly.
    expect(page.get_by_text("Step 5 of 7")).to_be_visible()
    assert_accessible(page, "step 5")
    for group in page.locator("fieldset:has(input[type=radio])").all():
        group.get_by_label("No", exact=True).check()
    expect(page.locator("[data-urgent-advice]")).to_be_hidden()
    page.locator('input[name="calf_warm_swollen"][value="yes"]').check()
    expect(page.locator("[data-urgent-advice]")).to_be_hidden()  # not an urgent question alone
    page.locator('input[name="breathless_or_chest_pain"][value="yes"]').check()
    expect(page.locator("[data-urgent-advice]")).to_be_visible()  # urgent together
    page.locator('input[name="breathless_or_chest_pain"][value="no"]').check()
    expect(page.locator("[data-urgent-advice]")).to_be_hidden()
    page.locator('input[name="saddle_numbness"][value="yes"]').check()
    expect(page.locator("[data-urgent-advice]")).to_be_visible()  # at once, before saving
    expect(page.locator("[data-urgent-advice]")).to_contain_text("emergency department now")
    assert_accessible(page, "step 5 with urgent advice")
    next_step(page)
    expect(page.get_by_test_id("urgent-advice")).to_contain_text("emergency department now")
    expect(page.get_by_test_id("rule-advice")).to_contain_text("do not massage or rub that leg")

    # 6. Referral: not referred.
    expect(page.get_by_text("Step 6 of 7")).to_be_visible()
    assert_accessible(page, "step 6")
    page.locator('input[name="referred"][value="no"]').check()
    next_step(page)

    # 7. Consent.
    expect(page.get_by_text("Step 7 of 7")).to_be_visible()
    assert_accessible(page, "step 7: the review")
    page.get_by_test_id("go-to-consent").click()
    assert_accessible(page, "step 7")
    page.get_by_label("I have read and agree").check()
    page.get_by_label("Type your full name").fill("Nora Newcomer")
    page.get_by_role("button", name="Submit my intake").click()
    expect(page.get_by_test_id("urgent-advice")).to_be_visible()
    assert_accessible(page, "done")
    page.get_by_role("link", name="See or print a summary").click()
    assert_accessible(page, "client summary")

    # The therapist sees the right regions and flags.
    page.context.clear_cookies()
    login_page(page, live_server, therapist)
    page.goto(live_server.url + "/staff/intakes/")
    assert_accessible(page, "staff list")
    page.get_by_role("link", name="Nora Newcomer").click()
    expect(page.get_by_test_id("safety-level")).to_have_text("Urgent")
    expect(page.get_by_test_id("safety-urgent")).to_contain_text(
        "Numbness or tingling between the legs"
    )
    expect(page.get_by_test_id("safety-flags")).to_contain_text("Takes blood thinners")
    expect(page.get_by_test_id("safety-follow-up-needed")).to_be_visible()
    table = page.get_by_test_id("symptom-table")
    expect(table).to_contain_text("Back of left thigh")
    expect(table).to_contain_text("Sole of left foot")
    expect(table).not_to_contain_text("Right calf")
    marked = page.locator("svg .bm-marked")
    expect(marked).to_have_count(2)
    assert sorted(marked.evaluate_all("els => els.map(e => e.dataset.region)")) == [
        "back_thigh_l",
        "sole_l",
    ]
    assert_accessible(page, "staff summary")


def tab_to(page, selector, limit=400):
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def press_enter_and_wait(page):
    """Enter on a link or button that leads to another page: wait for that page (waiting for
    the load state alone can return before the navigation has even started)."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def kb_next(page):
    tab_to(page, 'button[value="next"]')
    press_enter_and_wait(page)


def test_it_lets_a_client_complete_the_intake_by_keyboard_alone(page, live_server, alice):
    login_page(page, live_server, alice.user)
    page.goto(live_server.url + "/intake/")
    tab_to(page, '[data-testid="start-intake"]')
    page.keyboard.press("Enter")
    expect(page.get_by_text("Step 1 of 7")).to_be_visible()
    kb_next(page)  # details already known

    expect(page.get_by_text("Step 2 of 7")).to_be_visible()
    tab_to(page, 'button[aria-controls="part-lower_legs"]')  # the part, opened
    page.keyboard.press("Enter")
    tab_to(page, 'svg [data-region="calf_l"]')
    page.keyboard.press("Enter")
    expect(page.locator('svg [data-region="calf_l"]')).to_have_attribute("aria-pressed", "true")
    tab_to(page, "#id_sens_calf_l_3")  # Weakness
    page.keyboard.press(" ")
    tab_to(page, "#id_int_calf_l")
    page.keyboard.type("5")
    # The plain checkbox list works too: tick the right calf from the list.
    tab_to(page, "#region-calf_r")
    page.keyboard.press(" ")
    expect(page.locator('svg [data-region="calf_r"]')).to_have_attribute("aria-pressed", "true")
    tab_to(page, "#id_sens_calf_r_3")
    page.keyboard.press(" ")
    tab_to(page, "#id_int_calf_r")
    page.keyboard.type("4")
    tab_to(page, 'button[aria-controls="part-feet"]')
    page.keyboard.press("Enter")
    tab_to(page, 'svg [data-region="heel_l"]')
    page.keyboard.press(" ")
    tab_to(page, "#id_sens_heel_l_0")  # Pain
    page.keyboard.press(" ")
    tab_to(page, "#id_int_heel_l")
    page.keyboard.type("2")
    kb_next(page)

    expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    tab_to(page, "#id_main_complaint")
    page.keyboard.type("Both calves feel weak")
    tab_to(page, 'input[name="onset"]')
    page.keyboard.press("ArrowDown")  # the second choice: after an injury
    tab_to(page, 'input[name="first_episode"]')
    page.keyboard.press("ArrowDown")  # from nothing to "No"
    tab_to(page, "#id_worst_pain")
    page.keyboard.type("6")
    tab_to(page, "#id_current_pain")
    page.keyboard.type("3")
    kb_next(page)

    expect(page.get_by_text("Step 4 of 7")).to_be_visible()
    for name in HISTORY_YES_NO:
        if HISTORY_QUESTIONS[name].requires:
            continue  # asked after a yes only
        tab_to(page, f'input[name="{name}"]')
        page.keyboard.press(" " if name == "osteoporosis" else "ArrowDown")  # yes; else "No"
    kb_next(page)

    expect(page.get_by_text("Step 5 of 7")).to_be_visible()
    # Weakness marked on both legs: the emergency advice is on the page already.
    expect(page.get_by_test_id("urgent-advice")).to_contain_text("emergency department now")
    for name in [q.field for q in SAFETY_QUESTIONS if not q.only_if]:
        tab_to(page, f'input[name="{name}"]')
        page.keyboard.press("ArrowDown")  # from nothing to "No"
    kb_next(page)

    expect(page.get_by_text("Step 6 of 7")).to_be_visible()
    expect(page.get_by_test_id("urgent-advice")).to_be_visible()
    tab_to(page, 'input[name="referred"]')
    page.keyboard.press("ArrowDown")
    kb_next(page)

    expect(page.get_by_text("Step 7 of 7")).to_be_visible()
    tab_to(page, '[data-testid="go-to-consent"]')  # the review, then consent
    press_enter_and_wait(page)
    tab_to(page, "#id_agree")
    page.keyboard.press(" ")
    tab_to(page, "#id_signature")  # typed afresh: never filled in for the client
    page.keyboard.type("Alice Anders")
    tab_to(page, 'button[value="next"]')
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("urgent-advice")).to_be_visible()

    from intake.submissions.models import IntakeSubmission

    intake = IntakeSubmission.objects.get(client=alice)
    assert intake.status == "submitted" and intake.consent_signature == "Alice Anders"
    assert intake.onset == "injury" and intake.osteoporosis and not intake.saddle_numbness
    assert intake.first_episode is False
    assert sorted((m.region, m.intensity) for m in intake.marks.all()) == [
        ("calf_l", 5),
        ("calf_r", 4),
        ("heel_l", 2),
    ]
    # Weakness marked on both legs is urgent (issue 13; it was "see a physician" before).
    assert intake.flag_level == "urgent"
    assert re.search(r"/intake/\d+/done/$", page.url)


def test_it_works_without_javascript_from_the_checkbox_list(browser, live_server, alice):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login_page(page, live_server, alice.user)
        page.goto(live_server.url + "/intake/")
        page.get_by_test_id("start-intake").click()
        next_step(page)
        expect(page.get_by_text("Step 2 of 7")).to_be_visible()
        expect(page.locator("svg[data-body-map]")).to_be_hidden()  # nothing to tap without JS
        expect(page.locator("noscript svg, svg#intake-map-static")).to_have_count(1)
        expect(page.locator('[data-region-detail="calf_l"]')).to_be_hidden()
        page.get_by_role("checkbox", name="Left calf", exact=True).check()
        detail = page.locator('[data-region-detail="calf_l"]')
        expect(detail).to_be_visible()  # shown by CSS alone
        detail.get_by_label("Aching", exact=True).check()
        detail.get_by_role("spinbutton").fill("3")
        next_step(page)
        expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    finally:
        context.close()
    from intake.submissions.models import SymptomMark

    assert [(m.region, m.sensations, m.intensity) for m in SymptomMark.objects.all()] == [
        ("calf_l", ["aching"], 3)
    ]


def test_a_minor_marks_the_groin_and_a_parent_consents(phone, live_server, therapist):
    """A 16-year-old marks the inner thigh: the saddle question comes again on the safety step;
    on the consent step a parent signs too (axe-checked), and the therapist sees who."""
    import datetime as dt

    from django.utils import timezone

    from intake.submissions.models import IntakeSubmission
    from tests.factories import make_client

    born = timezone.localdate() - dt.timedelta(days=16 * 365 + 30)
    teen = make_client("teen@example.org", "Tia", "Young", born.isoformat())
    page = phone
    login_page(page, live_server, teen.user)
    page.goto(live_server.url + "/intake/")
    page.get_by_test_id("start-intake").tap()
    page.get_by_label("Phone number").fill("555-0150")
    next_step(page)
    from intake import body_map

    part = page.get_by_role("button", name=body_map.ZOOM_BY_CODE["groin_l"].label)
    if part.get_attribute("aria-expanded") != "true":  # the body's parts open one by one
        part.click()
    page.get_by_role("checkbox", name="Left groin and inner thigh", exact=True).check()
    detail = page.locator('[data-region-detail="groin_l"]')
    detail.get_by_label("Pain", exact=True).check()
    detail.get_by_role("spinbutton").fill("3")
    next_step(page)
    page.get_by_label("What brings you in?").fill("Pulled a muscle at football")
    page.get_by_label("After an injury or fall").check()
    page.locator('input[name="first_episode"][value="yes"]').check()
    page.get_by_label("Worst pain in the last week").fill("5")
    page.get_by_label("Pain right now").fill("3")
    next_step(page)
    for no in page.locator('input[type=radio][value="no"]').all():  # the health history
        no.check()
    next_step(page)

    expect(page.get_by_text("Step 5 of 7")).to_be_visible()
    again = page.locator("fieldset:has(input[name=saddle_numbness_again])")
    expect(again).to_contain_text("You marked your groin or inner thigh")
    for group in page.locator("fieldset:has(input[type=radio])").all():
        group.get_by_label("No", exact=True).check()
    assert_accessible(page, "step 5 with the saddle question asked again")
    next_step(page)
    page.locator('input[name="referred"][value="no"]').check()
    next_step(page)
    page.get_by_test_id("go-to-consent").click()

    expect(page.get_by_test_id("guardian-consent")).to_contain_text("You are under 18")
    assert_accessible(page, "step 7 with a parent's consent")
    page.get_by_label("I have read and agree").check()
    page.get_by_label("Type your full name as your signature").fill("Tia Young")
    page.get_by_role("button", name="Submit my intake").click()
    expect(page.get_by_label("Parent or guardian's full name")).to_have_accessible_description(
        re.compile("This field is required")
    )
    assert_accessible(page, "step 7 with errors")
    page.get_by_label("Parent or guardian's full name").fill("Sam Young")
    page.get_by_label("Their relationship to you").fill("Father")
    page.get_by_label("Parent or guardian: type your own name").fill("Sam Young")
    page.get_by_role("button", name="Submit my intake").click()
    expect(page.get_by_test_id("intake-done")).to_be_visible()

    intake = IntakeSubmission.objects.get(client=teen)
    assert (intake.guardian_name, intake.guardian_relationship) == ("Sam Young", "Father")
    assert intake.saddle_numbness_again is False and intake.flag_level == "none"
    page.context.clear_cookies()
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/")
    expect(page.get_by_test_id("guardian")).to_contain_text("Sam Young (Father)")
    expect(page.get_by_text("(16 at the intake date)")).to_be_visible()
    assert_accessible(page, "staff summary of a minor's intake")
