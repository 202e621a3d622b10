"""A new client signs up and reaches their page; a therapist logs in and reaches theirs."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def open_menu(page) -> None:
    """Open the "Menu" of a phone (a <details>: it opens with or without JavaScript)."""
    page.get_by_test_id("site-menu").locator("summary").click()
    expect(page.get_by_test_id("site-menu")).to_have_attribute("open", "")


def test_it_lets_a_new_client_sign_up_and_log_back_in(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Newcomer")
    page.get_by_label("E-mail").fill("nora@example.org")
    page.locator("#id_password1").fill("sciatica-Free-2026")
    page.locator("#id_password2").fill("sciatica-Free-2026")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_test_id("client-home")).to_contain_text("Hello, Nora")
    open_menu(page)  # a phone: menu collapsed
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("E-mail").fill("nora@example.org")
    page.get_by_label("Password").fill("sciatica-Free-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_test_id("client-home")).to_be_visible()


def test_it_takes_a_therapist_to_the_therapist_desk(page, live_server, therapist, login_page):
    login_page(page, live_server, therapist)
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.get_by_test_id("staff-home")).to_be_visible()
    open_menu(page)
    # the bar and the menu both name them; the bar is hidden on a phone
    expect(page.locator("[data-testid=whoami]:visible")).to_contain_text("Therapist")
