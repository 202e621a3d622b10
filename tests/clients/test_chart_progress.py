"""The server-drawn progress chart: pain before/after and PSFS across signed visits, by date."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from intake.clients.progress import Point, points_from_notes, progress_svg
from tests.factories import make_note

SVG = "{http://www.w3.org/2000/svg}"


def test_it_draws_three_series_in_date_order(alice, therapist):
    make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 1, 14), pain_before=4,
              pain_after=2)  # fmt: skip
    make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 1, 7), pain_before=7,
              pain_after=5)  # fmt: skip
    make_note(
        alice,
        therapist,
        signed=True,
        visit_date=dt.date(2026, 1, 21),
        pain_before=None,
        pain_after=None,
        psfs=[],
    )  # nothing to plot: left out
    points = points_from_notes(list(alice.notes.all()))
    assert [p.visit_date.day for p in points] == [7, 14]
    svg = ET.fromstring(str(progress_svg(points)))
    assert len(svg.findall(f".//{SVG}polyline")) == 3
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert "Pain before: 7" in titles and "Pain after: 2" in titles
    assert "Function (PSFS mean): 5" in titles
    assert "across 2 visits" in titles[0]


def test_it_plots_higher_values_higher_up():
    points = [Point(dt.date(2026, 1, 1), 0, None, None), Point(dt.date(2026, 1, 8), 10, None, None)]
    svg = ET.fromstring(str(progress_svg(points)))
    low, high = (float(c.get("cy")) for c in svg.iter(f"{SVG}circle"))
    assert high < low  # SVG y grows downwards


def test_it_draws_a_single_visit_as_points_and_nothing_for_none():
    svg = ET.fromstring(str(progress_svg([Point(dt.date(2026, 1, 1), 5, 3, 6.5)])))
    assert svg.findall(f".//{SVG}polyline") == []
    assert len(svg.findall(f".//{SVG}circle")) == 3
    assert str(progress_svg([])) == ""


def test_it_leaves_out_drafts(alice, therapist):
    make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 1, 7), pain_before=7)
    make_note(alice, therapist, visit_date=dt.date(2026, 1, 14), pain_before=2)  # a draft
    points = points_from_notes(list(alice.notes.all()))
    assert [p.visit_date.day for p in points] == [7]


def test_it_places_visits_by_date_not_by_visit_number():
    days = [dt.date(2026, 1, 1), dt.date(2026, 1, 2), dt.date(2026, 1, 11)]
    svg = ET.fromstring(str(progress_svg([Point(day, 5, None, None) for day in days])))
    first, second, last = (float(c.get("cx")) for c in svg.iter(f"{SVG}circle"))
    # One day, then nine: the second gap is nine times the first (not equal, as by visit number).
    assert (last - second) == pytest.approx(9 * (second - first), rel=0.01)
