"""The kiosk forgets its client after the idle time: a therapist opens the tablet as a kiosk, a
client identifies and starts typing, walks away; the kiosk returns to an empty start screen and
nothing typed can be reached again (not even with the back button)."""

import re

import pytest
from playwright.sync_api import expect

from intake.kiosk.models import Kiosk
from intake.kiosk.services import new_arrival_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_kiosk_clears_itself_after_the_idle_time(
    page, live_server, settings, therapist, admin_user, alice, login_page
):
    settings.KIOSK_IDLE_SECONDS = 2
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/kiosks/")
    page.get_by_role("button", name="Open the kiosk on this device").click()
    expect(page.get_by_test_id("kiosk-start")).to_be_visible()

    code = new_arrival_code(client=alice, by=admin_user)
    page.get_by_label("Your last name (family name)").fill("Anders")
    page.get_by_label("Your date of birth").fill("1975-06-15")
    page.get_by_label("The code from the front desk").fill(code)
    page.get_by_role("button", name="Open my form").click()
    expect(page).to_have_url(re.compile(r"/kiosk/intake/1/$"))
    page.get_by_label("Address").fill("SECRET-typed-address")

    # Nobody touches the tablet: back to an empty start screen, the client forgotten.
    expect(page.get_by_test_id("kiosk-start")).to_be_visible(timeout=8_000)
    expect(page).to_have_url(re.compile(r"/kiosk/$"))
    assert page.get_by_label("Your last name (family name)").input_value() == ""
    assert "SECRET-typed-address" not in page.content()
    assert Kiosk.objects.get().client_id is None

    page.go_back()
    page.wait_for_load_state()
    assert "SECRET-typed-address" not in page.content()
    expect(page).to_have_url(re.compile(r"/kiosk/$"))
