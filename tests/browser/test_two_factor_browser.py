"""A therapist sets up two-factor sign-in from the QR page (the code computed from the key the page
shows, as an app would), keeps the recovery codes, and signs in again with a code and with a
recovery code; a wrong code is refused on the page."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def password_step(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def log_out(page) -> None:
    page.get_by_test_id("site-menu").locator("summary").click()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_a_therapist_enrols_and_signs_in_with_a_code_and_a_recovery_code(
    page, live_server, therapist
):
    password_step(page, live_server, therapist)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/enrol/"))
    expect(page.get_by_test_id("enrol-qr")).to_be_visible()
    assert_accessible(page, "enrolment")
    secret = page.get_by_test_id("enrol-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_text("That code is not right")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp pauses the device 1 s after a wrong code
    code = str(totp(b32decode(secret))).zfill(6)  # what the phone's app shows now
    page.get_by_label("Code from the app").fill(code)
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text()
    assert_accessible(page, "recovery codes")
    page.get_by_role("link", name="I have kept my codes: continue").click()
    expect(page.get_by_test_id("staff-home")).to_be_visible()

    log_out(page)
    password_step(page, live_server, therapist)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/\?"))
    assert_accessible(page, "code page")
    page.get_by_label("Code").fill(code)  # the enrolment's code again: a replay
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("That code is wrong, or was used already")).to_be_visible()
    device = TOTPDevice.objects.get(user=therapist)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)  # no 1 s pause
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("staff-home")).to_be_visible()

    log_out(page)
    password_step(page, live_server, therapist)
    page.get_by_label("Code").fill(recovery)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("staff-home")).to_be_visible()
    expect(page.get_by_text("You used a recovery code: 9 left")).to_be_visible()
