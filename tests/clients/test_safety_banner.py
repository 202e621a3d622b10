"""The safety banner (flags and consent at the top) on the chart, the note form, the note page,
the handout composer and the intake summary; and its selector."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from intake.clients.safety import safety_summary, summaries_on
from intake.handouts.models import Handout
from tests.factories import make_intake, make_note


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def urgent_intake(client, **answers):
    return make_intake(
        client,
        flagged=True,
        saddle_numbness=True,
        consents_to_glute_work=False,
        avoid_areas="Left <b>knee</b>",
        **answers,
    )


def pages(client, therapist):
    note = make_note(client, therapist)
    handout = Handout.objects.create(client=client, therapist=therapist, title="Home care")
    return {
        "chart": reverse("client_chart", args=[client.pk]),
        "new note": reverse("note_new", args=[client.pk]),
        "edit note": reverse("note_edit", args=[note.pk]),
        "note": reverse("note_detail", args=[note.pk]),
        "composer": reverse("handout_compose", args=[handout.pk]),
    }


def banner(body: str) -> str:
    start = body.index('data-testid="safety-banner"')
    return body[start : body.index("</section>", start)]


def test_it_shows_flags_highest_first_urgent_advice_and_consent(therapist_http, therapist, alice):
    intake = urgent_intake(alice)
    urls = pages(alice, therapist)
    urls["intake summary"] = reverse("intake_summary", args=[intake.pk])
    for name, url in urls.items():
        response = therapist_http.get(url)
        assert response.status_code == 200, name
        part = banner(response.content.decode())
        assert 'role="alert"' in part, name
        assert "do not treat; the client has been advised to seek emergency care" in part, name
        assert (
            part.index("between the legs")
            < part.index("History of cancer.")
            < part.index("Takes blood thinners")
        ), name
        assert "No consent" in part, name
        assert "Left &lt;b&gt;knee&lt;/b&gt;" in part and "<b>knee" not in part, name


def test_it_says_no_flags_and_shows_the_consent_given(therapist_http, therapist, alice):
    days_ago = timezone.now() - dt.timedelta(days=3)  # before the note's visit (yesterday)
    intake = make_intake(alice, consents_to_glute_work=True, when=days_ago)
    urls = pages(alice, therapist)
    urls["intake summary"] = reverse("intake_summary", args=[intake.pk])
    for name, url in urls.items():
        part = banner(therapist_http.get(url).content.decode())
        assert "No safety flags from the answers." in part, name
        assert 'role="alert"' not in part, name
        assert "Consented" in part and "None given" in part, name


def test_it_says_when_no_intake_is_on_file(therapist_http, therapist, bob):
    for name, url in pages(bob, therapist).items():
        part = banner(therapist_http.get(url).content.decode())
        assert "No submitted intake on file" in part, name


def test_the_note_page_shows_the_flags_of_its_visit_date(therapist_http, therapist, alice):
    make_intake(alice, flagged=True, when=at(dt.date(2026, 11, 12)))
    make_intake(alice, saddle_numbness=True, when=at(dt.date(2026, 11, 20)))
    note = make_note(alice, therapist, visit_date=dt.date(2026, 11, 14))
    part = banner(therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode())
    assert "from the intake of 12 Nov 2026" in part
    assert "History of cancer." in part and "between the legs" not in part
    # The chart shows the current flags: the later intake.
    chart = banner(therapist_http.get(reverse("client_chart", args=[alice.pk])).content.decode())
    assert "between the legs" in chart


def test_the_selector_picks_the_latest_intake_on_or_before_a_date(alice):
    make_intake(alice, flagged=True, when=at(dt.date(2026, 11, 12)))
    make_intake(alice, saddle_numbness=True, when=at(dt.date(2026, 11, 20)))
    make_intake(alice, submitted=False, bladder_bowel_change=True)  # a draft never counts
    assert safety_summary(client=alice, on=dt.date(2026, 11, 11)).has_intake is False
    assert safety_summary(client=alice, on=dt.date(2026, 11, 12)).intake_date.day == 12
    assert safety_summary(client=alice, on=dt.date(2026, 11, 19)).level == "physician"
    assert safety_summary(client=alice).level == "urgent"
    days = [dt.date(2026, 11, d) for d in (1, 12, 25)]
    assert [summaries_on(client=alice, days=days)[d].intake_date for d in days] == [
        None,
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 20),
    ]


@pytest.mark.parametrize("count", [1, 4])
def test_the_note_pages_use_a_bounded_number_of_queries(
    therapist_http, therapist, alice, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_intake(alice, flagged=True)
    note = make_note(alice, therapist)
    for url in (
        reverse("note_new", args=[alice.pk]),
        reverse("note_edit", args=[note.pk]),
        reverse("note_detail", args=[note.pk]),
    ):
        # audited: on PostgreSQL the audit chain's lock is one query more
        with django_assert_max_num_queries(16 + (connection.vendor == "postgresql")):
            assert therapist_http.get(url).status_code == 200
