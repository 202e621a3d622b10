"""The progress report to the referring physician (issue 14), read back with pypdf: visits used
and their dates, each measure's baseline, latest, change and verdict with the PSFS activities,
the outcomes chart and its numbers, the flags that apply now and those new since the referral,
adverse responses from the referral's notes, and the same summary on the page before printing."""

import dataclasses
import datetime as dt
import io
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intake.outcomes import chart as outcome_chart
from intake.outcomes.series import Verdict
from intake.referrals import pdf as report_pdf
from intake.referrals.models import Referral
from intake.referrals.pdf import render_progress_report
from intake.referrals.selectors import ReportFlag, progress_report_document
from intake.submissions.models import FlagLevel
from tests.factories import make_follow_up, make_intake, make_note, make_referral, signed_note_for
from tests.hostile import CVE_2023_33733, CVE_MARKER_FILE, MARKUP_STRINGS

pytestmark = pytest.mark.django_db

ACTIVITIES = ("Sitting 1 hour", "Walking to the shop", "Lifting a laundry basket")


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def fresh(referral) -> Referral:
    """The referral as the views load it."""
    return Referral.objects.select_related("client", "physician", "intake").get(pk=referral.pk)


def psfs(*scores: int, activities=ACTIVITIES) -> list[dict]:
    return [{"activity": a, "score": s} for a, s in zip(activities, scores, strict=True)]


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def intake_days_ago(client, n: int, **answers):
    """A submitted intake ``n`` days ago (its pain and PSFS are the episode's baseline)."""
    return make_intake(client, when=timezone.now() - dt.timedelta(days=n), **answers)


def text_of(referral, **kwargs) -> str:
    return flat(
        pdf_text(render_progress_report(progress_report_document(fresh(referral), **kwargs)))
    )


@pytest.fixture
def course(alice, incoming, therapist):
    """An intake 40 days ago, then three visits counted against ``incoming`` (dated 30 days ago):
    pain now 7 -> 3 (improved), pain at worst 5 -> 8 (worse), PSFS mean 3 -> 4 (no change)."""
    intake_days_ago(alice, 40, current_pain=7, worst_pain=5, psfs=psfs(3, 3, 3))
    for n, (now, worst, score) in zip((21, 14, 7), ((6, 6, 3), (5, 7, 4), (3, 8, 4)), strict=True):
        signed_note_for(incoming, therapist, visit_date=days_ago(n), pain_before=now,
                        pain_worst=worst, psfs=psfs(score, score, score))  # fmt: skip
    return incoming


# ---------------------------------------------------------------- the PDF


def test_it_prints_each_measure_with_its_activities_change_and_verdict(course):
    text = text_of(course)
    assert "3 of 6 authorized" in text
    assert ", ".join(f"{d.day} {d:%b %Y}" for d in map(days_ago, (21, 14, 7))) in text
    assert "Change since the baseline" in text
    assert f"Baseline: the client's intake of {days_ago(40).day} {days_ago(40):%b %Y}" in text
    assert "; ".join(ACTIVITIES) in text  # the PSFS activities, by name
    assert "Pain now 7 (" in text and "-4 Meaningful improvement" in text
    assert "Pain at worst 5 (" in text and "+3 Worse" in text
    assert "Function (PSFS mean)" in text and "+1 No meaningful change" in text
    for verdict in Verdict:
        assert verdict.label in text
    assert "2 points or more" in text
    assert "not a diagnosis" in text


def test_it_draws_the_outcomes_chart_with_a_table_of_the_same_numbers(course):
    text = text_of(course)
    assert "Pain and function over time" in text
    assert "baseline; band: ±2 points" in text  # the chart's legend
    assert f"{days_ago(40).day} {days_ago(40):%b} (intake)" in text  # its first date label
    # The table under it: one row for the intake and one for each visit.
    assert "Date From Pain now Pain at worst Pain after Function (PSFS mean)" in text
    assert f"{days_ago(40).day} {days_ago(40):%b %Y} Intake (baseline) 7 5 — 3" in text
    assert f"{days_ago(7).day} {days_ago(7):%b %Y} Signed visit 3 8 3 4" in text


def test_the_chart_is_the_outcomes_figure(course, monkeypatch):
    """One function draws the chart for the web and the PDF: the report calls it."""
    drawn = []
    real = outcome_chart.figure

    def spy(episode):
        drawn.append(episode)
        return real(episode)

    monkeypatch.setattr(report_pdf.outcome_chart, "figure", spy)
    doc = progress_report_document(fresh(course))
    render_progress_report(doc)
    assert drawn == [doc.episode]


def test_new_activities_are_named_as_such(alice, incoming, therapist):
    intake_days_ago(alice, 40, current_pain=6, psfs=psfs(3, 3, 3))
    signed_note_for(incoming, therapist, visit_date=days_ago(14), psfs=psfs(4, 4, 4))
    other = ("Climbing stairs", "Driving 30 minutes", "Gardening")
    signed_note_for(
        incoming, therapist, visit_date=days_ago(7), psfs=psfs(2, 2, 2, activities=other)
    )
    signed_note_for(
        incoming, therapist, visit_date=days_ago(1), psfs=psfs(6, 6, 6, activities=other)
    )
    text = text_of(incoming)
    assert f"New activities from {days_ago(7).day} {days_ago(7):%b %Y}: " + "; ".join(other) in text
    assert "(activities set 2)" in text  # in the numbers under the chart
    assert "+4 Meaningful improvement" in text  # 2 -> 6 on the new activities, not 3 -> 6


def test_a_measure_without_a_follow_up_says_so(alice, incoming):
    intake_days_ago(alice, 10, current_pain=6, psfs=psfs(3, 3, 3))
    text = text_of(incoming)
    assert "No signed visits yet." in text
    assert "No follow-up yet" in text
    assert "Meaningful improvement" not in text and "Worse" not in text


def test_hostile_text_prints_literally(alice, incoming, therapist):
    hostile = [*MARKUP_STRINGS, CVE_2023_33733]
    intake_days_ago(alice, 40, current_pain=6, psfs=psfs(3, 3, 3, activities=hostile[:3]))
    signed_note_for(incoming, therapist, visit_date=days_ago(7), psfs=psfs(5, 5, 5, activities=hostile[:3]),
                    adverse_response="\n".join(hostile))  # fmt: skip
    doc = progress_report_document(fresh(incoming), report_text=CVE_2023_33733)
    # A flag's reason can quote what the client typed (an answer changed to no).
    typed = ReportFlag(FlagLevel.CAUTION, "\n".join(hostile), is_new=True)
    doc = dataclasses.replace(doc, flags=dataclasses.replace(doc.flags, flags=(typed,)))
    text = flat(pdf_text(render_progress_report(doc)))
    assert "; ".join(flat(a) for a in hostile[:3]) in text
    for markup in MARKUP_STRINGS:
        assert text.count(flat(markup)) >= 2  # the adverse response and the flag
    assert text.count("exploit</font>") == 3  # and the plan
    assert not os.path.exists(CVE_MARKER_FILE)


# ---------------------------------------------------------------- which episode


def test_it_reports_the_episode_of_the_referrals_visits(alice, incoming, therapist):
    """A later intake starts a new episode; the referral's visits belong to the earlier one."""
    intake_days_ago(alice, 40, current_pain=8, psfs=psfs(2, 2, 2))
    signed_note_for(incoming, therapist, visit_date=days_ago(20), pain_before=4)
    intake_days_ago(alice, 5, current_pain=9, psfs=psfs(1, 1, 1))
    doc = progress_report_document(fresh(incoming))
    assert doc.episode.started_on == days_ago(40)
    assert f"intake of {days_ago(40).day} {days_ago(40):%b %Y}" in text_of(incoming)


def test_without_visits_it_reports_the_current_episode(alice, incoming):
    intake_days_ago(alice, 40, current_pain=8)
    intake_days_ago(alice, 5, current_pain=9)
    doc = progress_report_document(fresh(incoming))
    assert doc.episode.started_on == days_ago(5)
    assert [s.baseline.value for s in doc.measures] == [9]


def test_only_the_referrals_signed_notes_are_its_visits(alice, incoming, therapist):
    intake_days_ago(alice, 40, current_pain=8)
    other = make_referral(alice)
    signed_note_for(incoming, therapist, visit_date=days_ago(9), adverse_response="Sore next day.")
    signed_note_for(other, therapist, visit_date=days_ago(8), adverse_response="Other referral.")
    make_note(
        alice, therapist, signed=True, visit_date=days_ago(7), adverse_response="No referral."
    )
    make_note(alice, therapist, referral=incoming, visit_date=days_ago(6),
              adverse_response="A draft.")  # fmt: skip
    text = text_of(incoming)
    assert "1 of 6 authorized" in text
    assert "Sore next day." in text
    for other_text in ("Other referral.", "No referral.", "A draft."):
        assert other_text not in text
    # The chart is the episode's, as on the chart page: every signed visit in it, drafts not.
    doc = progress_report_document(fresh(incoming))
    assert len([row for row in doc.episode.rows if row.note_id]) == 3


# ---------------------------------------------------------------- adverse responses


def test_it_lists_adverse_responses_with_their_dates(course, therapist):
    signed_note_for(course, therapist, visit_date=days_ago(3),
                    adverse_response="Headache that evening,\nsettled by morning.")  # fmt: skip
    text = text_of(course)
    assert "Adverse responses or exacerbations" in text
    assert (
        f"{days_ago(3).day} {days_ago(3):%b %Y} Headache that evening, settled by morning." in text
    )
    assert "None recorded in the notes of these visits." not in text


def test_it_says_when_no_adverse_response_was_recorded(course):
    assert "Adverse responses or exacerbations None recorded in the notes of these visits." in (
        text_of(course)
    )


# ---------------------------------------------------------------- flags


def test_it_marks_the_flags_new_since_the_referral(alice, incoming):
    intake_days_ago(alice, 40, takes_blood_thinners=True)  # before the referral (30 days ago)
    intake_days_ago(alice, 10, takes_blood_thinners=True, cancer_history=True)
    doc = progress_report_document(fresh(incoming))
    assert doc.flags.intake_date == days_ago(10)
    assert doc.flags.referral_intake_date == days_ago(40)
    assert {(f.label, f.is_new) for f in doc.flags.flags} == {
        ("See a physician first", True),
        ("Caution", False),
    }
    text = text_of(incoming)
    assert "Safety flags that apply now" in text
    assert f"New since your referral of {days_ago(30).day} {days_ago(30):%b %Y}: 1 flag." in text
    assert "See a physician first History of cancer. New" in text
    assert "Already raised" in text


def test_every_flag_is_new_without_an_intake_before_the_referral(alice, incoming):
    intake_days_ago(alice, 10, takes_blood_thinners=True, cancer_history=True)
    doc = progress_report_document(fresh(incoming))
    assert doc.flags.referral_intake_date is None
    assert len(doc.flags.new) == len(doc.flags.flags) == 2
    assert "2 flags." in text_of(incoming)


def test_a_flag_gone_from_the_latest_intake_no_longer_applies(alice, incoming):
    intake_days_ago(alice, 40, cancer_history=True)
    intake_days_ago(alice, 10)
    text = text_of(incoming)
    assert "History of cancer" not in text
    assert "No answer on that intake raised a safety flag." in text
    assert ": 0 flags." in text


def test_it_prints_the_latest_safety_follow_up(alice, incoming):
    intake = intake_days_ago(alice, 10, cancer_history=True)
    make_follow_up(intake, outcome="physician")
    assert "Client will see their physician before treatment." in text_of(incoming)


def test_without_an_intake_it_says_so(incoming):
    text = text_of(incoming)
    assert "Safety flags that apply now No intake on file." in text


# ---------------------------------------------------------------- reads and queries


def test_the_selector_reads_a_constant_number_of_queries(
    alice, incoming, therapist, django_assert_num_queries
):
    intake = intake_days_ago(alice, 40, cancer_history=True, current_pain=7)
    make_follow_up(intake)
    signed_note_for(incoming, therapist, visit_date=days_ago(20))
    referral = fresh(incoming)
    with django_assert_num_queries(6):  # with the intakes' clinic answers
        progress_report_document(referral)
    for n in range(10):
        signed_note_for(incoming, therapist, visit_date=days_ago(19 - n), adverse_response="Sore")
    referral = fresh(incoming)
    with django_assert_num_queries(6):
        doc = progress_report_document(referral)
    with django_assert_num_queries(0):
        render_progress_report(doc)
    assert len(doc.visits) == 11


def test_the_pdf_view_makes_as_many_queries_for_2_visits_as_for_8(
    admin_http, admin_user, alice, incoming, therapist
):
    intake_days_ago(alice, 40, cancer_history=True, current_pain=7, psfs=psfs(3, 3, 3))
    url = reverse("progress_report_pdf", kwargs={"referral_id": incoming.pk})

    def queries_to_print() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = admin_http.post(
                url, {"report_text": "Continue.", "signed_by": admin_user.pk}
            )
        assert response["Content-Type"] == "application/pdf"
        return len(captured)

    for n in range(2):
        signed_note_for(incoming, therapist, visit_date=days_ago(20 - n), psfs=psfs(4, 4, 4))
    queries_to_print()  # the first also saves the session and reads the default plan
    two = queries_to_print()
    for n in range(6):
        signed_note_for(incoming, therapist, visit_date=days_ago(10 - n), psfs=psfs(5, 5, 5))
    assert queries_to_print() == two


# ---------------------------------------------------------------- the page before printing


def test_the_form_page_shows_what_will_print(admin_http, course, therapist):
    intake_days_ago(course.client, 2, cancer_history=True, current_pain=3, psfs=psfs(4, 4, 4))
    signed_note_for(course, therapist, visit_date=days_ago(1), pain_before=3, psfs=psfs(5, 5, 5),
                    adverse_response="<script>alert(1)</script> sore")  # fmt: skip
    url = reverse("progress_report_pdf", kwargs={"referral_id": course.pk})
    page = admin_http.get(url).content.decode()
    assert 'data-testid="outcome-change"' in page
    assert 'data-testid="outcome-chart"' in page and 'id="report-chart-table"' in page
    assert "Lifting a laundry basket" in page
    assert "No meaningful change" in page  # 3 -> 3 and 4 -> 5 since the new intake
    assert "History of cancer." in page and ">New<" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; sore" in page
    assert "<script>alert(1)</script>" not in page
    assert f"4 of 6 authorized, referral of {days_ago(30).day} {days_ago(30):%b %Y}" in flat(page)


def test_the_form_page_shows_the_verdicts_of_the_report(admin_http, admin_user, course):
    url = reverse("progress_report_pdf", kwargs={"referral_id": course.pk})
    page = admin_http.get(url).content.decode()
    for verdict in Verdict:
        assert verdict.label in page
    pdf = flat(
        pdf_text(admin_http.post(url, {"report_text": "Plan.", "signed_by": admin_user.pk}).content)
    )
    for verdict in Verdict:
        assert verdict.label in pdf


def test_the_form_page_without_any_record_says_so(admin_http, incoming):
    page = admin_http.get(reverse("progress_report_pdf", kwargs={"referral_id": incoming.pk}))
    content = page.content.decode()
    assert page.status_code == 200
    assert "No scores recorded yet." in content
    assert "No intake on file." in content
    assert "None recorded in the notes of these visits." in content
    assert 'data-testid="outcome-chart"' not in content
