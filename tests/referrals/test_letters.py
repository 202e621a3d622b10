"""Letters to physicians, read back with pypdf: the referral letter and the progress report,
the pure renderers and their edit-then-print views."""

import datetime as dt
import io
import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.referrals import services
from intake.referrals.models import Referral
from intake.referrals.pdf import render_progress_report, render_referral_letter
from intake.referrals.selectors import letter_document, progress_report_document
from tests.factories import make_intake, signed_note_for
from tests.hostile import CVE_2023_33733, CVE_MARKER_FILE, MARKUP_STRINGS

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def fresh(referral) -> Referral:
    """The referral as the views load it (dates as dates, not the fixtures' strings)."""
    return Referral.objects.select_related("client", "physician", "intake").get(pk=referral.pk)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def letter_referral(alice, physician, admin_user):
    intake = make_intake(alice, flagged=True)
    return services.create_outgoing_from_intake(intake=intake, physician=physician, by=admin_user)


def test_the_referral_letter_carries_text_flags_and_body_map(letter_referral):
    text = pdf_text(
        render_referral_letter(letter_document(fresh(letter_referral), today=dt.date(2026, 3, 2)))
    )
    assert "Referral request" in text
    assert "Dear Dr Grant" in text
    assert "Alice Anders" in text and "15 Jun 1975" in text
    assert "Safety screening answers" in text
    assert "See a physician first" in text  # the cancer-history flag's level
    assert "Where the client reports symptoms" in text
    assert "Front" in text and "Back" in text  # the body map's captions
    assert "Page 1 of" in text
    assert "not a diagnosis" in flat(text)


def test_the_referral_letter_prints_hostile_text_literally(letter_referral):
    hostile = "\n".join([*MARKUP_STRINGS, CVE_2023_33733])
    data = render_referral_letter(letter_document(fresh(letter_referral), letter_text=hostile))
    text = flat(pdf_text(data))
    for markup in MARKUP_STRINGS:
        assert flat(markup) in text
    assert "exploit</font>" in text
    assert not os.path.exists(CVE_MARKER_FILE)


def test_the_progress_report_lists_visits_and_draws_the_chart(incoming, therapist):
    today = dt.date.today()
    days = [today - dt.timedelta(days=n) for n in (20, 13, 6)]
    for day, pain, score in zip(days, (7, 5, 3), (3, 5, 7), strict=True):
        signed_note_for(incoming, therapist, visit_date=day, pain_before=pain, pain_worst=None,
                        psfs=[{"activity": "Sitting", "score": score}])  # fmt: skip
    doc = progress_report_document(
        fresh(incoming), report_text="Continue weekly <b>for 3 weeks</b>."
    )
    data = render_progress_report(doc)
    text = pdf_text(data)
    assert "Progress report" in text
    assert "3 of 6 authorized" in text
    assert ", ".join(f"{d.day} {d:%b %Y}" for d in days) in flat(text)
    assert "Pain and function over time" in text
    assert "baseline; band: ±2 points" in text  # the chart's legend
    assert "Continue weekly <b>for 3 weeks</b>." in text
    assert "Page 1 of" in text


def test_the_progress_report_without_visits_says_so(incoming):
    text = pdf_text(render_progress_report(progress_report_document(fresh(incoming))))
    assert "No signed visits yet." in text
    assert "No scores recorded yet." in text  # no intake either: nothing to measure from
    assert "Pain and function over time" not in text


def test_the_progress_report_spans_pages_with_numbers(incoming, therapist):
    for i in range(3):
        signed_note_for(incoming, therapist, visit_date=dt.date.today() - dt.timedelta(days=i))
    doc = progress_report_document(fresh(incoming), report_text="Plan line\n" * 120)
    pages = PdfReader(io.BytesIO(render_progress_report(doc))).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page.extract_text()


# ---------------------------------------------------------------- views


def test_it_prefills_edits_and_prints_the_letter(admin_http, admin_user, letter_referral):
    url = reverse("referral_letter_pdf", kwargs={"referral_id": letter_referral.pk})
    form = admin_http.get(url)
    assert form.status_code == 200
    assert "Dear Dr Grant" in form.content.decode()
    response = admin_http.post(
        url, {"letter_text": "Dear colleague, <i>edited</i> & =1+1", "signed_by": admin_user.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="referral-letter-{letter_referral.pk}.pdf"'
    )
    assert "Dear colleague, <i>edited</i> & =1+1" in pdf_text(response.content)
    assert Referral.objects.get(pk=letter_referral.pk).letter_text.startswith("Dear colleague")
    event = AuditEvent.objects.get(action="print")
    assert (event.user, event.client_id) == (admin_user, letter_referral.client_id)


def test_it_prints_the_progress_report_and_keeps_the_plan(admin_http, incoming, therapist):
    signed_note_for(incoming, therapist, plan_frequency="Weekly for four weeks")
    url = reverse("progress_report_pdf", kwargs={"referral_id": incoming.pk})
    assert "Weekly for four weeks" in admin_http.get(url).content.decode()
    response = admin_http.post(
        url, {"report_text": "Two more visits, then reassess.", "signed_by": therapist.pk}
    )
    assert "Two more visits, then reassess." in pdf_text(response.content)
    assert Referral.objects.get(pk=incoming.pk).report_text == "Two more visits, then reassess."
    assert AuditEvent.objects.filter(action="print", object_id=str(incoming.pk)).count() == 1
    again = admin_http.get(url).content.decode()
    assert "Two more visits, then reassess." in again


def test_it_refuses_an_empty_text_and_prints_nothing(admin_http, incoming):
    url = reverse("progress_report_pdf", kwargs={"referral_id": incoming.pk})
    response = admin_http.post(url, {"report_text": "  "})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action="print").exists()


def test_it_answers_404_for_the_wrong_kind_of_letter(admin_http, incoming, letter_referral):
    letter = reverse("referral_letter_pdf", kwargs={"referral_id": incoming.pk})
    report = reverse("progress_report_pdf", kwargs={"referral_id": letter_referral.pk})
    assert admin_http.get(letter).status_code == 404
    assert admin_http.get(report).status_code == 404
    assert (
        admin_http.get(reverse("progress_report_pdf", kwargs={"referral_id": 9999})).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
@pytest.mark.parametrize("name", ["referral_letter_pdf", "progress_report_pdf"])
def test_it_refuses_non_admins(request, who, name, incoming):
    http = request.getfixturevalue(who)
    url = reverse(name, kwargs={"referral_id": incoming.pk})
    assert http.get(url).status_code == 403
    assert http.post(url, {"report_text": "x", "letter_text": "x"}).status_code == 403
    assert not AuditEvent.objects.filter(action="print").exists()


def test_it_sends_anonymous_users_to_log_in(client, incoming):
    url = reverse("progress_report_pdf", kwargs={"referral_id": incoming.pk})
    assert client.get(url).status_code == 302


def test_it_refuses_wrong_methods(admin_http, incoming):
    url = reverse("progress_report_pdf", kwargs={"referral_id": incoming.pk})
    assert admin_http.put(url).status_code == 405


# ---------------------------------------------------------------- from an intake


def test_it_offers_a_prefilled_letter_for_a_flagged_intake(admin_http, alice, physician):
    intake = make_intake(alice, flagged=True)
    url = reverse("referral_from_intake", kwargs={"intake_id": intake.pk})
    assert physician.name in admin_http.get(url).content.decode()
    response = admin_http.post(url, {"physician": physician.pk})
    referral = Referral.objects.get(direction="outgoing")
    assert response["Location"] == reverse("referral_letter_pdf",
                                           kwargs={"referral_id": referral.pk})  # fmt: skip
    assert referral.intake == intake


def test_it_asks_again_without_a_physician(admin_http, alice):
    intake = make_intake(alice, flagged=True)
    url = reverse("referral_from_intake", kwargs={"intake_id": intake.pk})
    response = admin_http.post(url, {"physician": "nope"})
    assert "Choose the physician" in response.content.decode()
    assert not Referral.objects.exists()


def test_it_refuses_letters_from_intakes_to_therapists(therapist_http, alice, physician):
    intake = make_intake(alice, flagged=True)
    url = reverse("referral_from_intake", kwargs={"intake_id": intake.pk})
    assert therapist_http.post(url, {"physician": physician.pk}).status_code == 403
    assert not Referral.objects.exists()


def test_the_selectors_read_and_the_renderers_do_not(
    incoming, therapist, letter_referral, django_assert_num_queries
):
    for i in range(8):
        signed_note_for(incoming, therapist, visit_date=dt.date.today() - dt.timedelta(days=i))
    incoming, letter_referral = fresh(incoming), fresh(letter_referral)
    # The signed visits, the client's notes, intakes, their marks, follow-ups and clinic answers,
    # whatever the number of visits (tests/referrals/test_progress_report.py compares two numbers).
    with django_assert_num_queries(6):
        report = progress_report_document(incoming)
    with django_assert_num_queries(2):  # the intake's symptom marks and clinic answers
        letter = letter_document(letter_referral)
    assert len(report.visits) == 8 and letter.flags
    with django_assert_num_queries(0):
        render_progress_report(report)
        render_referral_letter(letter)


def test_the_intake_summary_offers_admins_a_letter_for_flagged_intakes(
    admin_http, therapist_http, alice, bob
):
    from tests.factories import make_intake

    flagged = make_intake(alice, cancer_history=True)
    calm = make_intake(bob, takes_blood_thinners=True)  # caution only
    link = reverse("referral_from_intake", kwargs={"intake_id": flagged.pk})
    summary = reverse("intake_summary", kwargs={"intake_id": flagged.pk})
    assert link in admin_http.get(summary).content.decode()
    assert link not in therapist_http.get(summary).content.decode()
    other = admin_http.get(reverse("intake_summary", kwargs={"intake_id": calm.pk}))
    assert 'data-testid="refer-to-physician"' not in other.content.decode()
