"""In Chromium, on a phone: an admin opens the "needs attention" queue, records a safety follow-up
(a mistake first: nothing typed is lost), and the urgent intake leaves the queue."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake.clients.models import SafetyFollowUp
from tests.browser.axe import assert_accessible
from tests.factories import make_intake

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admin_records_a_follow_up_from_the_queue(
    page, live_server, admin_user, alice, login_page
):
    intake = make_intake(alice, saddle_numbness=True, when=timezone.now() - dt.timedelta(hours=2))
    login_page(page, live_server, admin_user)
    page.goto(f"{live_server.url}/staff/office/")
    queue = page.get_by_test_id("needs-attention")
    expect(queue.get_by_test_id("attention-count")).to_have_text("1")
    queue.get_by_role("link", name="Record a follow-up for Alice Anders").click()

    expect(page.get_by_test_id("safety-urgent")).to_be_visible()
    assert_accessible(page, "follow-up form")
    page.get_by_label("Phone call").check()
    page.get_by_label("Advice given").fill(
        "Go to the emergency department today; no massage until seen."
    )
    page.get_by_label("Client declined the advice").check()
    page.get_by_role("button", name="Record the follow-up").click()

    # Declined with no word more: a message, and the advice typed is still there.
    expect(page.get_by_text("Say a little more for this outcome")).to_be_visible()
    expect(page.get_by_label("Advice given")).to_have_value(
        "Go to the emergency department today; no massage until seen."
    )
    assert_accessible(page, "follow-up form with an error")
    page.get_by_label("Client is going to emergency care").check()
    page.get_by_role("button", name="Record the follow-up").click()

    expect(page.get_by_test_id("follow-ups")).to_contain_text("Client is going to emergency care")
    expect(page.get_by_test_id("follow-ups")).to_contain_text("Ada Office")
    assert SafetyFollowUp.objects.get(intake=intake).recorded_by == admin_user
    page.goto(f"{live_server.url}/staff/office/")
    expect(page.get_by_test_id("attention-count")).to_have_text("0")
