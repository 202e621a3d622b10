"""In Chromium, on a phone: an admin opens the progress report of a referral with visits, reads
what will print (the change with its verdicts, the chart, the flags new since the referral, an
adverse response), axe-checked, then prints it."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.axe import assert_accessible
from tests.factories import make_intake, make_physician, make_referral, signed_note_for

pytestmark = pytest.mark.django_db(transaction=True)

ACTIVITIES = ("Sitting 1 hour", "Walking to the shop", "Lifting a laundry basket")


def psfs(score: int) -> list[dict]:
    return [{"activity": activity, "score": score} for activity in ACTIVITIES]


def test_an_admin_reads_the_summary_then_prints_the_report(
    page, live_server, admin_user, therapist, alice, login_page
):
    referral = make_referral(alice, make_physician())  # dated 30 days ago
    make_intake(alice, when=timezone.now() - dt.timedelta(days=20), current_pain=7,
                cancer_history=True, psfs=psfs(3))  # fmt: skip
    today = timezone.localdate()
    for days, pain, score in ((14, 6, 4), (7, 4, 6)):
        signed_note_for(referral, therapist, visit_date=today - dt.timedelta(days=days),
                        pain_before=pain, psfs=psfs(score),
                        adverse_response="Stiff <b>next</b> morning" if days == 7 else "")  # fmt: skip
    login_page(page, live_server, admin_user)
    page.goto(f"{live_server.url}/staff/referrals/{referral.pk}/")
    page.get_by_test_id("progress-report-link").click()

    expect(page.get_by_test_id("report-visits")).to_contain_text("2 of 6 authorized")
    outcomes = page.get_by_test_id("report-outcomes")
    expect(outcomes).to_contain_text("; ".join(ACTIVITIES))
    expect(outcomes).to_contain_text("Meaningful improvement")  # pain 7 -> 4, PSFS 3 -> 6
    expect(page.get_by_test_id("outcome-chart")).to_be_visible()
    expect(page.get_by_test_id("report-flags")).to_contain_text("History of cancer.")
    expect(page.get_by_test_id("report-flags")).to_contain_text("New")
    expect(page.get_by_test_id("report-adverse")).to_contain_text("Stiff <b>next</b> morning")
    assert_accessible(page, "progress report before printing")

    page.get_by_label("Plan and comments").fill("Four more visits, then review.")
    with page.expect_download() as info:
        page.get_by_test_id("print-report").click()
    with open(info.value.path(), "rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "; ".join(ACTIVITIES) in text
    assert "Meaningful improvement" in text
    assert "baseline; band: ±2 points" in text  # the chart
    assert "Stiff <b>next</b> morning" in text
    assert "Four more visits, then review." in text
