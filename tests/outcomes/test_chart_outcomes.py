"""The outcome chart (one figure: SVG on the web, a reportlab drawing in PDFs), its table and
the CSV export of a client's series."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import timezone
from reportlab.graphics.shapes import Circle, PolyLine, Rect, String

from intake.audit.models import AuditEvent
from intake.outcomes import chart
from intake.outcomes.series import client_episodes
from tests.factories import make_intake, make_note

SVG = "{http://www.w3.org/2000/svg}"
DAY = dt.date(2026, 3, 2)
ACTIVITIES = ["Sitting at my desk", "Climbing stairs", "Gardening"]


def psfs(scores, activities=ACTIVITIES):
    return [{"activity": a, "score": s} for a, s in zip(activities, scores, strict=True)]


def _episode(alice, therapist, *, weeks=(1, 2, 6)):
    when = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9)))
    make_intake(alice, when=when, current_pain=8, worst_pain=9, psfs=psfs([2, 3, 4]))
    for n, week in enumerate(weeks):
        make_note(alice, therapist, signed=True, visit_date=DAY + dt.timedelta(weeks=week),
                  pain_before=7 - 2 * n, pain_worst=8 - n, psfs=psfs([3 + n, 4 + n, 5 + n]))  # fmt: skip
    make_note(alice, therapist, signed=False, visit_date=DAY + dt.timedelta(weeks=7),
              pain_before=0)  # a draft: never a point  # fmt: skip
    (episode,) = client_episodes(alice)
    return episode


def _dots(svg, label):
    found = []
    for element in svg.iter():
        title = element.find(f"{SVG}title")
        if element.tag in (f"{SVG}circle", f"{SVG}rect") and title is not None:
            if title.text.startswith(label + ","):
                x = element.get("cx") or str(float(element.get("x")) + 4)
                found.append((float(x), title.text))
    return found


def test_points_are_placed_by_date_with_the_baseline_marked(alice, therapist):
    svg = ET.fromstring(str(chart.svg(_episode(alice, therapist))))
    dots = _dots(svg, "Pain now")
    assert len(dots) == 4  # the intake and three signed notes; the draft is left out
    assert dots[0][1] == "Pain now, 2 Mar 2026: 8 (baseline)"
    xs = [x for x, _ in dots]
    # Weeks 0, 1, 2, 6: the last gap is four times the others.
    assert abs((xs[3] - xs[2]) - 4 * (xs[1] - xs[0])) < 0.5
    assert abs((xs[2] - xs[1]) - (xs[1] - xs[0])) < 0.5
    bands = [t.text for t in svg.iter(f"{SVG}title") if "within 2 points" in (t.text or "")]
    assert len(bands) == 2  # pain now and PSFS
    assert svg.get("aria-describedby") == "outcomes-table"


def test_a_change_of_activities_is_shown_as_a_new_series(alice, therapist):
    _episode(alice, therapist, weeks=(1,))
    other = ["Walking 1 km", "Driving", "Lifting"]
    make_note(alice, therapist, signed=True, visit_date=DAY + dt.timedelta(weeks=3),
              psfs=psfs([5, 5, 5], other))  # fmt: skip
    (episode,) = client_episodes(alice)
    svg = ET.fromstring(str(chart.svg(episode)))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "New activities" in texts
    first = [t for _, t in _dots(svg, "Function (PSFS mean)") if "activities from" not in t]
    assert len(first) == 2
    assert len(_dots(svg, "Function (PSFS mean), activities from 23 Mar 2026")) == 1
    # Never one line through both sets.
    assert all(len(p.get("points").split()) < 3 for p in svg.iter(f"{SVG}polyline")
               if p.get("stroke") == chart.COLOURS["psfs"])  # fmt: skip


def test_the_pdf_drawing_comes_from_the_same_figure(alice, therapist):
    figure = chart.figure(_episode(alice, therapist))
    drawing = chart.drawing(figure, width=320)
    kinds = {"rect": Rect, "circle": Circle, "polyline": PolyLine, "text": String}
    for kind, cls in kinds.items():
        expected = sum(1 for s in figure.shapes if s.kind == kind)
        assert sum(1 for c in drawing.contents if isinstance(c, cls)) == expected
    assert drawing.width == 320 and abs(drawing.height - figure.height / 2) < 0.01
    strings = {c.text for c in drawing.contents if isinstance(c, String)}
    assert "2 Mar (intake)" in strings and "Function (PSFS mean)" in strings


def test_the_chart_page_has_the_change_the_chart_and_the_table(therapist_http, alice, therapist):
    _episode(alice, therapist)
    body = therapist_http.get(reverse("client_chart", args=[alice.pk])).content.decode()
    assert 'data-testid="outcome-chart"' in body and 'id="episode-1-table"' in body
    assert "Meaningful improvement" in body  # pain now 8 -> 3
    assert "Sitting at my desk; Climbing stairs; Gardening" in body
    assert "Intake (baseline)" in body


def test_the_csv_export_is_audited_and_defuses_formulas(therapist_http, alice, therapist):
    when = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9)))
    make_intake(alice, when=when, current_pain=6, psfs=psfs([2, 3, 4], ["=HYPERLINK(1)", "B", "C"]))
    make_note(alice, therapist, signed=True, visit_date=DAY + dt.timedelta(days=7), pain_before=4,
              psfs=psfs([4, 4, 4], ["=HYPERLINK(1)", "B", "C"]))  # fmt: skip
    response = therapist_http.get(reverse("client_outcomes_csv", args=[alice.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, baseline, follow_up = rows
    assert header[:4] == ["episode started", "date", "from", "pain now"]
    assert baseline[1:4] == ["2026-03-02", "intake (baseline)", "6"]
    assert follow_up[2:4] == ["signed note", "4"] and follow_up[6] == "4.0"
    assert follow_up[8] == "'=HYPERLINK(1)"
    assert AuditEvent.objects.filter(action="export", client=alice,
                                     detail="outcome series CSV").count() == 1  # fmt: skip


def test_the_csv_export_is_for_staff_only(client, alice_http, alice):
    url = reverse("client_outcomes_csv", args=[alice.pk])
    assert client.get(url).status_code == 302
    assert alice_http.get(url).status_code == 403
