"""In Chromium, at a phone's, a tablet's and a desk's width (issue 19): a therapist's day (home, find a
client, the chart, write a note with its referral chosen already, sign it after confirming) and the
front desk's (the work queue, verify a new referral, act on an urgent intake, the lists), with axe on
every page and no page wider than the window; the navigation on one line at 1366 px and its menu
opening without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from intake.notes.models import SessionNote
from intake.referrals.models import Referral
from tests.browser.axe import assert_accessible
from tests.factories import make_client, make_intake, make_referral

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [390, 768, 1024]


@pytest.fixture
def at_width(browser):
    """A page of the given width (and JavaScript on or off); closed after the test."""
    contexts = []

    def open_page(width: int, *, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


WIDER_THAN_WINDOW = """() => [...document.querySelectorAll('main *, header *')]
    .filter(e => e.offsetParent && !e.closest('details:not([open])'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5).map(e => e.outerHTML.slice(0, 100))"""


def check(page, where: str) -> None:
    """No axe violation, and nothing wider than the window (no sideways scrolling)."""
    assert_accessible(page, where)
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner, (
        f"{where}: the page is {scroll} px wide in a {inner} px window: "
        f"{page.evaluate(WIDER_THAN_WINDOW)}"
    )


def open_menu_if_narrow(page) -> None:
    menu = page.get_by_test_id("site-menu")
    if menu.is_visible():
        menu.locator("summary").click()
        expect(menu).to_have_attribute("open", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_therapists_day(at_width, live_server, login_page, therapist, alice, width):
    make_intake(alice, takes_blood_thinners=True)  # caution: the note can be signed
    referral = make_referral(alice, status="active")  # the only one: chosen already
    page = at_width(width)
    login_page(page, live_server, therapist)
    expect(page.get_by_test_id("staff-home")).to_be_visible()
    check(page, f"therapist home at {width}")
    open_menu_if_narrow(page)
    check(page, f"therapist home, menu open, at {width}")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("link", name="Clients", exact=True).click()

    page.get_by_label("Search clients").fill("anders")
    page.get_by_role("button", name="Search").click()
    check(page, f"client search at {width}")
    page.get_by_role("link", name="Anders, Alice").click()
    expect(page.get_by_test_id("chart-name")).to_have_text("Alice Anders")
    expect(page.get_by_test_id("safety-level")).to_have_class(re.compile(r"\bflag-caution\b"))
    check(page, f"chart at {width}")

    page.get_by_role("link", name="New session note").click()
    expect(page.get_by_label("Referral")).to_have_value(str(referral.pk))
    check(page, f"new note at {width}")
    page.get_by_label("Client's report").fill("Sore lower back after gardening.")
    page.locator('input[name="treated_regions"][value="lower_back_l"]').check()
    page.get_by_label("Assessment").fill("Eased with treatment.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Draft — not signed")
    check(page, f"draft note at {width}")

    # Signing is permanent: without the box ticked nothing is sent.
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Draft — not signed")
    page.get_by_label("I have checked this note").check()
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_test_id("note-status")).to_contain_text("Signed")
    check(page, f"signed note at {width}")
    note = SessionNote.objects.get()
    assert note.is_signed and note.referral_id == referral.pk


@pytest.mark.parametrize("width", WIDTHS)
def test_the_front_desks_day(at_width, live_server, login_page, admin_user, alice, width):
    waiting = make_referral(alice)  # received: to verify
    urgent = make_intake(make_client("uma@example.org", "Uma", "Urgent"), saddle_numbness=True)
    page = at_width(width)
    login_page(page, live_server, admin_user)
    expect(page.get_by_test_id("admin-home")).to_be_visible()
    expect(page.get_by_test_id("count-to-verify")).to_have_text("1")
    expect(page.get_by_test_id("count-to-act-on")).to_have_text("1")
    check(page, f"office at {width}")

    page.get_by_test_id("panel-to-verify").get_by_role("link").click()
    check(page, f"referral to verify at {width}")
    page.get_by_label("Move to").select_option("verified")
    page.get_by_test_id("transition-submit").click()
    expect(page.get_by_test_id("referral-status")).to_have_text("Verified")
    assert Referral.objects.get(pk=waiting.pk).status == "verified"

    page.goto(f"{live_server.url}/staff/office/")
    expect(page.get_by_test_id("count-to-verify")).to_have_text("0")
    queue = page.get_by_test_id("needs-attention")
    queue.get_by_role("link", name="Uma Urgent", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/staff/intakes/{urgent.pk}/$"))
    check(page, f"urgent intake summary at {width}")

    # Act on it: the client was called and is going to emergency care.
    page.goto(f"{live_server.url}/staff/office/")
    queue.get_by_role("link", name="Record a follow-up for Uma Urgent").click()
    check(page, f"follow-up form at {width}")
    page.get_by_label("Phone call").check()
    page.get_by_label("Client is going to emergency care").check()
    page.get_by_role("button", name="Record the follow-up").click()
    expect(page.get_by_test_id("follow-ups")).to_contain_text("Client is going to emergency care")
    page.goto(f"{live_server.url}/staff/office/")
    expect(page.get_by_test_id("count-to-act-on")).to_have_text("0")
    check(page, f"office with nothing waiting at {width}")

    for url, where in [
        ("/staff/referrals/", "referral list"),
        ("/staff/physicians/", "physicians"),
        ("/staff/intakes/", "intake list"),
        ("/staff/audit/", "audit log"),
    ]:
        page.goto(f"{live_server.url}{url}")
        check(page, f"{where} at {width}")
    open_menu_if_narrow(page)
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


@pytest.mark.parametrize("who", ["therapist", "admin_user"])
def test_the_staff_bar_is_one_line_at_1366(request, at_width, live_server, login_page, who):
    page = at_width(1366)
    login_page(page, live_server, request.getfixturevalue(who))
    expect(page.get_by_test_id("site-menu")).to_be_hidden()
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.site-nav .site-wide a, .site-nav .site-wide button')]
                 .filter(e => e.offsetParent).map(e => e.getBoundingClientRect())
                 .map(r => Math.round(r.top + r.height / 2))"""
    )
    assert len(tops) >= 5 and max(tops) - min(tops) <= 4, tops  # every item on one row
    check(page, f"{who} home at 1366")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


@pytest.mark.parametrize("width", [390, 768])
def test_the_menu_opens_without_javascript(at_width, live_server, login_page, therapist, width):
    page = at_width(width, javascript=False)
    login_page(page, live_server, therapist)
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    page.get_by_test_id("site-menu").locator("summary").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
