"""Safety follow-ups: what the clinic told a client whose intake raised urgent or see-a-physician
flags. A follow-up that reached the client takes the intake off the "needs attention" queue."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.clients import followups
from intake.clients.models import SafetyFollowUp
from intake.clients.safety import needs_attention
from tests.factories import make_follow_up, make_intake


def url(intake):
    return reverse("safety_follow_up", args=[intake.pk])


def form_data(**over):
    now = timezone.localtime().replace(second=0, microsecond=0)
    data = {
        "contacted_at": now.strftime("%Y-%m-%dT%H:%M"),
        "method": "phone",
        "advice": "Go to the emergency department today; no massage until a doctor has seen you.",
        "outcome": "emergency",
        "details": "",
    }
    data.update(over)
    return data


def queued(intake) -> bool:
    return intake.pk in [row.intake_id for row in needs_attention().rows]


@pytest.fixture
def urgent(alice):
    return make_intake(alice, saddle_numbness=True)


def test_the_form_shows_the_flags_and_suggests_the_rules_advice(therapist_http, urgent):
    response = therapist_http.get(url(urgent))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="safety-urgent"' in body  # the banner, with the urgent flags
    assert "Advised to go to an emergency department today" in body  # a starting point
    assert 'data-testid="no-follow-ups"' in body
    assert f'href="{url(urgent)}"' not in body  # the banner does not link the page to itself
    assert AuditEvent.objects.filter(
        action="view", object_id=str(urgent.pk), client_id=urgent.client_id
    ).exists()


def test_recording_one_takes_the_intake_off_the_queue_and_shows_it(
    therapist_http, therapist, urgent
):
    assert queued(urgent)
    response = therapist_http.post(url(urgent), form_data())
    assert response.status_code == 302 and response["Location"] == urgent.get_absolute_url()
    follow_up = SafetyFollowUp.objects.get(intake=urgent)
    assert follow_up.recorded_by == therapist and follow_up.client_id == urgent.client_id
    assert follow_up.method == "phone" and follow_up.outcome == "emergency"
    assert not queued(urgent)
    assert AuditEvent.objects.filter(
        action="create", object_type="safetyfollowup", client_id=urgent.client_id
    ).exists()
    summary = therapist_http.get(urgent.get_absolute_url()).content.decode()
    assert "Client is going to emergency care" in summary
    assert "no massage until a doctor has seen you" in summary
    assert "Tess Healer" in summary


def test_could_not_reach_keeps_it_on_the_queue(admin_http, urgent):
    assert admin_http.post(url(urgent), form_data(outcome="not_reached")).status_code == 302
    assert queued(urgent)
    chart = admin_http.get(reverse("client_chart", args=[urgent.client_id])).content.decode()
    assert 'data-testid="safety-follow-up-needed"' in chart


def test_the_banner_says_when_none_has_reached_the_client_then_the_latest(therapist_http, urgent):
    chart_url = reverse("client_chart", args=[urgent.client_id])
    body = therapist_http.get(chart_url).content.decode()
    assert 'data-testid="safety-follow-up-needed"' in body and url(urgent) in body
    make_follow_up(urgent, outcome="physician")
    body = therapist_http.get(chart_url).content.decode()
    assert 'data-testid="safety-follow-up-needed"' not in body
    assert "Client will see their physician before treatment" in body


def test_a_caution_only_intake_needs_no_follow_up(therapist_http, alice):
    intake = make_intake(alice, takes_blood_thinners=True)
    body = therapist_http.get(reverse("client_chart", args=[alice.pk])).content.decode()
    assert 'data-testid="safety-follow-up-needed"' not in body
    assert not queued(intake)


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"contacted_at": "2099-01-01T10:00"}, "contacted_at", "in the future"),
        ({"contacted_at": "2001-01-01T10:00"}, "contacted_at", "before the client started"),
        ({"contacted_at": "yesterday"}, "contacted_at", "valid date"),
        ({"advice": "   "}, "advice", "required"),
        ({"outcome": "declined", "details": ""}, "details", "Say a little more"),
        ({"outcome": "answer_wrong", "details": " "}, "details", "Say a little more"),
        ({"outcome": "maybe"}, "outcome", "valid choice"),
        ({"method": "pigeon"}, "method", "valid choice"),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(
    therapist_http, urgent, over, field, message
):
    data = form_data(advice="Told her to call 911 now.", details="typed words kept")
    data.update(over)
    response = therapist_http.post(url(urgent), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    body = response.content.decode()
    if "advice" not in over:
        assert "Told her to call 911 now." in body
    if "details" not in over:
        assert "typed words kept" in body
    assert not SafetyFollowUp.objects.exists()
    assert queued(urgent)


def test_clients_cannot_record_or_read_follow_ups(alice_http, bob_http, urgent):
    for http in (alice_http, bob_http):
        assert http.get(url(urgent)).status_code == 403
        assert http.post(url(urgent), form_data()).status_code == 403
    assert not SafetyFollowUp.objects.exists()


def test_the_service_refuses_a_client_and_bad_values(alice, urgent, therapist):
    with pytest.raises(PermissionDenied):
        followups.record_follow_up(
            intake=urgent, by=alice.user, contacted_at=timezone.now(), method="phone",
            advice="x", outcome="emergency",
        )  # fmt: skip
    with pytest.raises(ValidationError) as raised:
        followups.record_follow_up(
            intake=urgent, by=therapist, contacted_at=timezone.now() + dt.timedelta(hours=1),
            method="phone", advice=" ", outcome="declined",
        )  # fmt: skip
    assert set(raised.value.message_dict) == {"contacted_at", "advice", "details"}
    assert not SafetyFollowUp.objects.exists()


def test_a_draft_with_an_urgent_answer_can_be_followed_up(therapist_http, bob):
    draft = make_intake(bob, submitted=False, saddle_numbness=True)
    assert draft.pk in [row.intake_id for row in needs_attention().rows if row.is_draft]
    body = therapist_http.get(url(draft)).content.decode()
    assert "draft the client has not submitted" in body
    response = therapist_http.post(url(draft), form_data(outcome="physician"))
    assert response["Location"] == reverse("client_chart", args=[bob.pk])
    assert draft.pk not in [row.intake_id for row in needs_attention().rows]


def test_the_queue_links_each_row_to_its_follow_up_form(therapist_http, urgent):
    body = therapist_http.get("/staff/").content.decode()
    assert f'href="{url(urgent)}"' in body


def test_a_missing_intake_is_404(therapist_http):
    assert therapist_http.get(reverse("safety_follow_up", args=[999999])).status_code == 404


def test_the_suggested_advice_follows_the_level_and_the_rules_own_advice(alice):
    calf = make_intake(alice, calf_warm_swollen=True, marks=[("calf_l", ["pain"], 5)])
    advice = followups.suggested_advice(calf)
    assert advice.startswith("Advised to see their physician before any massage treatment")
    assert "Also told: Because of your answer about a warm, swollen or painful calf" in advice
    assert followups.suggested_advice(make_intake(alice, takes_blood_thinners=True)) == ""
