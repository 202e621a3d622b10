"""Issue 19, the intake wizard in daily use: the urgent advice where the client is looking (with
and without JavaScript), the review page before consent, what the pages say after saving or
submitting, and the intake questions (telephone, emergency contact, an approximate start date,
yes/no health history, the referral's letter in several files)."""

import re

import pytest
from django.urls import reverse

from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import step_data

pytestmark = pytest.mark.django_db


def step_url(intake, step):
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


def start(http):
    response = http.post(reverse("intake_start"))
    assert response.status_code == 302
    return IntakeSubmission.objects.get(status="draft", client__user=response.wsgi_request.user)


def complete(http, intake, until, overrides=None):
    overrides = overrides or {}
    for step in range(1, until + 1):
        response = http.post(step_url(intake, step), step_data(step, **overrides.get(step, {})))
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return response


def position(html: str, needle: str) -> int:
    found = html.find(needle)
    assert found >= 0, needle
    return found


# ---------------------------------------------------------------- 1. urgent advice, in place


def test_it_shows_the_advice_right_below_an_urgent_answer_when_the_page_comes_back(alice_http):
    """Without JavaScript: the step fails (a question left unanswered) and comes back with the
    advice below the urgent yes, before the next question, not at the top of the page."""
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    data = step_data(5, bowel_change="yes")
    del data["unexplained_weight_loss"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert position(html, 'name="bowel_change"') < advice < position(html, 'name="saddle_numbness"')
    box = html[html.rfind("<div", 0, advice) : html.find("</div>", advice)]
    assert "hidden" not in box and 'role="alert"' in box and "emergency department now" in box
    assert re.search(r'name="bowel_change" value="yes"[^>]*checked', html)  # nothing lost


def test_it_places_the_advice_after_the_last_of_answers_urgent_together(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    data = step_data(5, calf_warm_swollen="yes", breathless_or_chest_pain="yes")
    del data["bladder_change"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert position(html, 'name="breathless_or_chest_pain"') < advice
    assert "hidden" not in html[advice - 200 : advice]


def test_it_keeps_the_advice_hidden_for_the_script_when_no_answer_is_urgent(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    html = alice_http.get(step_url(intake, 5)).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert re.search(r"data-urgent-advice[^>]*hidden", html[advice - 300 : advice + 100])
    assert advice < position(html, 'name="bladder_change"')
    # An answer urgent only together with another is not urgent alone.
    data = step_data(5, calf_warm_swollen="yes")
    del data["bladder_change"]
    html = alice_http.post(step_url(intake, 5), data).content.decode()
    advice = position(html, 'data-testid="urgent-answer-advice"')
    assert advice < position(html, 'name="bladder_change"')


def test_it_anchors_the_next_page_on_the_advice_after_an_urgent_answer(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    response = alice_http.post(step_url(intake, 5), step_data(5, saddle_numbness="yes"))
    assert response["Location"] == step_url(intake, 6) + "#urgent-advice"
    html = alice_http.get(step_url(intake, 6)).content.decode()
    assert re.search(r'id="urgent-advice" tabindex="-1"', html)


def test_it_goes_on_without_an_anchor_when_nothing_is_urgent(alice_http):
    intake = start(alice_http)
    complete(alice_http, intake, until=4)
    response = alice_http.post(step_url(intake, 5), step_data(5))
    assert response["Location"] == step_url(intake, 6)
