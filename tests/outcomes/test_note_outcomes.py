"""A note's scores against its episode's baseline, on its page and in its PDF; the next note's
activities come from the current series."""

import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import make_intake, make_note

DAY = dt.date(2026, 3, 2)
ACTIVITIES = ["Sitting at my desk", "Climbing stairs", "Gardening"]


def psfs(scores, activities=ACTIVITIES):
    return [{"activity": a, "score": s} for a, s in zip(activities, scores, strict=True)]


def _baseline(alice):
    when = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9)))
    make_intake(alice, when=when, current_pain=8, worst_pain=9, psfs=psfs([2, 3, 4]))


def test_the_note_page_shows_each_measure_against_the_baseline(therapist_http, alice, therapist):
    _baseline(alice)
    note = make_note(alice, therapist, signed=True, visit_date=DAY + dt.timedelta(days=7),
                     pain_before=6, pain_worst=8, psfs=psfs([4, 5, 6]))  # fmt: skip
    body = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    table = body.split('data-testid="note-changes"')[1].split("</table>")[0]
    assert table.count("Meaningful improvement") == 2  # pain now -2, PSFS +2.0
    assert "No meaningful change" in table  # worst pain 9 -> 8
    assert "Sitting at my desk; Climbing stairs; Gardening" in table


def test_a_draft_shows_its_change_marked_as_not_counted(therapist_http, alice, therapist):
    _baseline(alice)
    draft = make_note(alice, therapist, visit_date=DAY + dt.timedelta(days=7), pain_before=10,
                      psfs=[])  # fmt: skip
    body = therapist_http.get(reverse("note_detail", args=[draft.pk])).content.decode()
    assert "draft: not counted until signed" in body and "Worse" in body


def test_the_note_pdf_prints_the_change_and_the_adverse_response(therapist_http, alice, therapist):
    _baseline(alice)
    note = make_note(alice, therapist, signed=True, visit_date=DAY + dt.timedelta(days=7),
                     pain_before=6, psfs=psfs([4, 5, 6]),
                     adverse_response="Sore for 2 days <b>& stiff</b>")  # fmt: skip
    response = therapist_http.get(reverse("note_pdf", args=[note.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Change: pain now" in text and "8 at baseline (2 Mar 2026) → 6 now: -2" in text
    assert "Meaningful improvement" in text and "Sitting at my desk; Climbing stairs" in text
    assert "Sore for 2 days <b>& stiff</b>" in text  # escaped, printed as typed


def test_a_new_note_scores_the_current_series_activities(therapist_http, alice, therapist):
    _baseline(alice)
    other = ["Walking 1 km", "Driving", "Lifting my child"]
    make_note(alice, therapist, signed=True, visit_date=DAY + dt.timedelta(days=7),
              psfs=psfs([4, 4, 4], other))  # fmt: skip
    form = therapist_http.get(reverse("note_new", args=[alice.pk])).context["form"]
    assert [form.initial[f"psfs_activity_{i}"] for i in range(4)] == [*other, ""]
