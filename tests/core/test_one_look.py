"""One look across staff pages (issue 19): one colour per flag level, defined once in site.css and
used by the badges and the banner's boxes; dates and times written one way (clinic/formats)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils.formats import date_format

from intake.submissions.models import FlagLevel
from tests.core.test_navigation import luminance
from tests.factories import make_intake, make_note

ROOT = Path(settings.BASE_DIR)
CSS = (ROOT / "intake" / "static" / "intake" / "site.css").read_text()
#: Staff templates kept to the named formats (the homes, the notes, the safety banner, and those
#: that wrote "2026-11-28", "28 November 2026" or "November 2026").
DATED_TEMPLATES = [
    "templates/referrals/physicians/detail.html",
    "templates/outcomes/clinic.html",
    "templates/referrals/dashboard.html",
    "templates/home/admin.html",
    "templates/home/staff.html",
    "templates/home/_needs_attention.html",
    "templates/notes/note_detail.html",
    "templates/notes/note_form.html",
    "templates/clients/_safety_banner.html",
]


@pytest.mark.parametrize("level", [level.value for level in FlagLevel])
def test_each_flag_level_has_one_colour_defined_once(level):
    definitions = re.findall(rf"\.flag-{level}\s*\{{\s*--flag:\s*(#[0-9a-f]{{6}});", CSS)
    assert len(definitions) == 1, f"flag-{level}: {definitions}"
    # no other rule paints the level with a colour of its own
    assert not re.search(rf"\.flag-{level}[^{{]*\{{[^}}]*(background|color)\s*:\s*#", CSS)


@pytest.mark.parametrize("level", [level.value for level in FlagLevel])
def test_each_flag_colour_has_readable_text(level):
    rule = re.search(rf"\.flag-{level}\s*\{{([^}}]*)\}}", CSS).group(1)
    colour = re.search(r"--flag:\s*(#[0-9a-f]{6})", rule).group(1)
    ink = re.search(r"--flag-ink:\s*(#[0-9a-f]{3,6})", rule).group(1)
    ink = "#" + "".join(c * 2 for c in ink[1:]) if len(ink) == 4 else ink
    high, low = sorted((luminance(colour), luminance(ink)), reverse=True)
    assert (high + 0.05) / (low + 0.05) >= 4.5


@pytest.mark.django_db
def test_the_urgent_advice_on_the_chart_wears_the_urgent_colour(therapist_http, alice):
    make_intake(alice, saddle_numbness=True)
    html = therapist_http.get(reverse("client_chart", args=[alice.pk])).content.decode()
    assert 'class="flag-box flag-urgent" role="alert" data-testid="safety-urgent"' in html
    assert 'class="badge flag-urgent" data-testid="safety-level"' in html
    assert (
        "alert-danger"
        not in html[html.index('data-testid="safety-banner"') :].split("</section>")[0]
    )


@pytest.mark.django_db
def test_the_lists_and_the_summary_use_the_same_badges(therapist_http, alice):
    intake = make_intake(alice, flagged=True)
    for url in (
        reverse("staff_home"),
        reverse("staff_intakes"),
        reverse("intake_summary", args=[intake.pk]),
        reverse("client_chart", args=[alice.pk]),
    ):
        assert 'class="badge flag-physician"' in therapist_http.get(url).content.decode(), url


def test_dates_and_times_are_written_one_way(settings):
    settings.TIME_ZONE = "America/Toronto"
    assert date_format(dt.date(2026, 11, 28)) == "28 Nov 2026"
    moment = dt.datetime(2026, 11, 28, 19, 5, tzinfo=dt.UTC)
    rendered = Template('{{ day|date }} · {{ moment|date:"DATETIME_FORMAT" }}').render(
        Context({"day": dt.date(2026, 11, 28), "moment": moment})
    )
    assert rendered == "28 Nov 2026 · 28 Nov 2026, 14:05"


@pytest.mark.parametrize("path", DATED_TEMPLATES)
def test_staff_templates_use_the_named_formats(path):
    formats = re.findall(r'\|date:"([^"]*)"', (ROOT / path).read_text())
    assert set(formats) <= {"DATETIME_FORMAT", "YEAR_MONTH_FORMAT"}, f"{path}: {formats}"


@pytest.mark.django_db
def test_the_note_page_writes_its_dates_that_way(therapist_http, alice, therapist):
    note = make_note(alice, therapist, visit_date=dt.date(2026, 3, 4))
    html = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert "Session note · 4 Mar 2026" in html
