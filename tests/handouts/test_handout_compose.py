"""Composing a handout from a client's chart: start, edit doses, reorder, remove, add, preview,
assign; the suggestion; bad input; permissions; audit events."""

import pytest
from django.db import connection

from intake.audit.models import AuditEvent
from intake.handouts.models import DOSE_FIELDS, Exercise, Handout, HandoutItem, HandoutTemplate
from tests.factories import make_intake
from tests.hostile import CVE_2023_33733, MARKUP_STRINGS

pytestmark = pytest.mark.django_db


def new_url(client) -> str:
    return f"/staff/clients/{client.pk}/handouts/new/"


def compose_url(handout) -> str:
    return f"/staff/handouts/{handout.pk}/"


def form_data(handout, **overrides) -> dict:
    """What the composer form posts back unchanged, plus ``overrides``."""
    data = {"title": handout.title, "introduction": handout.introduction, "notes": handout.notes}
    for item in handout.items.all():
        for name in (*DOSE_FIELDS, "custom_instructions"):
            value = getattr(item, name)
            data[f"item-{item.pk}-{name}"] = "" if value is None else value
    data.update(overrides)
    return data


def order(handout) -> list[str]:
    return list(handout.items.order_by("position").values_list("exercise__slug", flat=True))


# --------------------------------------------------------------------------- starting


def test_it_suggests_the_template_fitting_the_latest_intake(therapist_http, alice, library):
    make_intake(alice, marks=[("back_thigh_l", ["tingling"], 5), ("calf_l", ["numbness"], 4)])
    response = therapist_http.get(new_url(alice))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Suggested template: Buttock and back-of-leg pain: self-care" in body
    assert "not a diagnosis" in body
    sciatica = HandoutTemplate.objects.get(slug="sciatic-nerve-pain")
    assert response.context["form"]["template"].value() == sciatica.pk
    assert AuditEvent.objects.filter(action="view", client=alice).exists()


def test_it_says_when_there_is_no_suggestion(therapist_http, alice, library):
    response = therapist_http.get(new_url(alice))
    assert 'data-testid="no-suggestion"' in response.content.decode()


def test_it_starts_composing_from_a_template_without_storing_anything(
    therapist_http, alice, sciatica_template
):
    response = therapist_http.post(new_url(alice), {"template": sciatica_template.pk})
    assert response.status_code == 200
    assert not Handout.objects.exists() and not HandoutItem.objects.exists()
    body = response.content.decode()
    assert f'action="/staff/clients/{alice.pk}/handouts/compose/"' in body
    assert "Not saved yet" in body
    names = [row.exercise.slug for row in response.context["rows"]]
    assert names[:3] == ["seated-figure-four", "pelvic-tilt", "walking"]
    assert f'name="template" value="{sciatica_template.pk}"' in body
    assert AuditEvent.objects.filter(action="view", detail="handout compose").exists()


def test_it_starts_composing_from_scratch(therapist_http, alice, library):
    chin, rolls = Exercise.objects.filter(slug__in=["chin-tuck", "shoulder-rolls"]).order_by("name")
    response = therapist_http.post(
        new_url(alice), {"template": "", "exercises": [chin.pk, rolls.pk]}
    )
    assert [row.exercise for row in response.context["rows"]] == [chin, rolls]
    assert not Handout.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"template": ""}, "A handout needs at least one exercise"),
        ({"template": "999999"}, "Select a valid choice"),
        ({"template": "<b>1</b>"}, "Select a valid choice"),
        ({"exercises": ["abc"]}, "is not a valid value"),
    ],
)
def test_it_refuses_bad_starts(therapist_http, alice, library, data, message):
    response = therapist_http.post(new_url(alice), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Handout.objects.exists()


def test_it_links_the_clients_handouts_from_the_start_page(therapist_http, alice, library):
    body = therapist_http.get(new_url(alice)).content.decode()
    assert f'href="/staff/clients/{alice.pk}/handouts/"' in body


def test_its_breadcrumbs_lead_to_the_chart_and_the_list_never_to_a_new_handout(
    therapist_http, handout
):
    client_id = handout.client_id
    for url in (compose_url(handout), f"/staff/handouts/{handout.pk}/preview/"):
        body = therapist_http.get(url).content.decode()
        crumbs = body[
            body.index('aria-label="breadcrumb"') : body.index(
                "</nav>", body.index('aria-label="breadcrumb"')
            )
        ]
        assert f'href="/staff/clients/{client_id}/"' in crumbs
        assert f'href="/staff/clients/{client_id}/handouts/"' in crumbs
        assert "/handouts/new/" not in crumbs


# --------------------------------------------------------------------------- composing


def test_it_shows_the_composer_and_audits_the_view(therapist_http, handout):
    response = therapist_http.get(compose_url(handout))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="item"') == 5
    assert AuditEvent.objects.filter(action="view", object_id=str(handout.pk)).exists()


def test_it_saves_doses_notes_and_instructions(therapist_http, handout):
    item = handout.items.get(exercise__slug="pelvic-tilt")
    data = form_data(
        handout,
        notes="Walk after lunch.",
        save="1",
        **{
            f"item-{item.pk}-sets": "2",
            f"item-{item.pk}-reps": "3",
            f"item-{item.pk}-hold_seconds": "300",
            f"item-{item.pk}-times_per_day": "10",
            f"item-{item.pk}-custom_instructions": "Use the park loop.",
        },
    )
    response = therapist_http.post(compose_url(handout), data)
    assert response.status_code == 302
    item.refresh_from_db()
    handout.refresh_from_db()
    assert (item.sets, item.reps, item.hold_seconds, item.times_per_day) == (2, 3, 300, 10)
    assert item.custom_instructions == "Use the park loop."
    assert handout.notes == "Walk after lunch."
    assert AuditEvent.objects.filter(action="change", object_id=str(handout.pk)).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sets", "0", "Sets must be between 1 and 10."),
        ("sets", "-1", "Sets must be between 1 and 10."),
        ("reps", "500", "Repetitions must be between 1 and 50."),
        ("hold_seconds", "86400", "Hold (seconds) must be between 0 and 300."),
        ("times_per_day", "", "Times a day is required (1 to 10)."),
        ("reps", "1e3", "Repetitions must be a whole number between 1 and 50."),
    ],
)
def test_it_rejects_doses_out_of_bounds_and_stores_nothing(
    therapist_http, handout, field, value, message
):
    item = handout.items.first()
    before = list(HandoutItem.objects.values_list("sets", "reps", "hold_seconds", "times_per_day"))
    data = form_data(handout, notes="changed", **{f"item-{item.pk}-{field}": value})
    response = therapist_http.post(compose_url(handout), {**data, "move_down": item.pk})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "Nothing was saved" in body
    assert (
        list(HandoutItem.objects.values_list("sets", "reps", "hold_seconds", "times_per_day"))
        == before
    )
    handout.refresh_from_db()
    assert handout.notes == "" and order(handout)[0] == "seated-figure-four"


def test_it_requires_a_title(therapist_http, handout):
    response = therapist_http.post(compose_url(handout), form_data(handout, title="   "))
    assert response.status_code == 400
    handout.refresh_from_db()
    assert handout.title == "Buttock and back-of-leg pain: self-care"


def test_it_reorders_with_up_and_down_buttons(therapist_http, handout):
    walking = handout.items.get(exercise__slug="walking")
    therapist_http.post(compose_url(handout), {**form_data(handout), "move_up": walking.pk})
    assert order(handout)[:3] == ["seated-figure-four", "walking", "pelvic-tilt"]
    therapist_http.post(compose_url(handout), {**form_data(handout), "move_down": walking.pk})
    therapist_http.post(compose_url(handout), {**form_data(handout), "move_down": walking.pk})
    assert order(handout)[2:4] == ["sciatic-nerve-glide", "walking"]


def test_it_keeps_unsaved_dose_edits_when_reordering(therapist_http, handout):
    first = handout.items.order_by("position").first()
    data = {**form_data(handout, **{f"item-{first.pk}-reps": "7"}), "move_down": first.pk}
    therapist_http.post(compose_url(handout), data)
    first.refresh_from_db()
    assert first.reps == 7 and first.position == 2


def test_it_removes_and_adds_exercises(therapist_http, handout):
    walking = handout.items.get(exercise__slug="walking")
    therapist_http.post(compose_url(handout), {**form_data(handout), "remove": walking.pk})
    assert "walking" not in order(handout)
    chin = Exercise.objects.get(slug="chin-tuck")
    response = therapist_http.post(
        compose_url(handout), {**form_data(handout), "add": "1", "exercise": chin.pk}, follow=True
    )
    assert order(handout)[-1] == "chin-tuck"
    assert "Added Chin tuck." in response.content.decode()


def test_it_explains_refused_actions(therapist_http, alice, therapist, library, other_handout):
    from tests.factories import make_handout

    handout = make_handout(alice, therapist, slugs=["walking"])
    only = handout.items.get()
    foreign = other_handout.items.get()
    cases = [
        ({"remove": only.pk}, "A handout needs at least one exercise"),
        ({"remove": foreign.pk}, "That exercise is not on this handout."),
        ({"move_up": "abc"}, "That exercise is not on this handout."),
        ({"add": "1"}, "Choose an exercise to add."),
    ]
    for extra, message in cases:
        response = therapist_http.post(
            compose_url(handout), {**form_data(handout), **extra}, follow=True
        )
        assert message in response.content.decode()
    assert order(handout) == ["walking"]
    assert other_handout.items.count() == 1


def test_it_stores_hostile_text_literally_and_shows_it_escaped(therapist_http, handout):
    hostile = "\n".join([*MARKUP_STRINGS, CVE_2023_33733, "{{ 7|add:7 }}"])
    item = handout.items.first()
    data = form_data(
        handout,
        title="<script>alert(1)</script>",
        notes=hostile,
        **{f"item-{item.pk}-custom_instructions": "<img src=x onerror=alert(1)>"},
    )
    therapist_http.post(compose_url(handout), data)
    handout.refresh_from_db()
    item.refresh_from_db()
    assert handout.notes == hostile.replace("\n", "\r\n") or handout.notes == hostile
    assert item.custom_instructions == "<img src=x onerror=alert(1)>"
    body = therapist_http.get(f"/staff/handouts/{handout.pk}/preview/").content.decode()
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "{{ 7|add:7 }}" in body


# --------------------------------------------------------------------------- preview and assign


def test_it_previews_with_pictures_and_the_stop_box(therapist_http, handout):
    response = therapist_http.post(compose_url(handout), {**form_data(handout), "preview": "1"})
    assert response["Location"] == f"/staff/handouts/{handout.pk}/preview/"
    body = therapist_http.get(response["Location"]).content.decode()
    assert body.count("<svg") == 5
    assert "Stop and seek care if" in body


def test_it_assigns_the_handout_to_the_client(therapist_http, alice_http, handout):
    assert "Buttock and back-of-leg pain" not in alice_http.get("/me/").content.decode()
    response = therapist_http.post(f"/staff/handouts/{handout.pk}/assign/")
    assert response.status_code == 302
    handout.refresh_from_db()
    assert handout.is_assigned
    assert AuditEvent.objects.filter(action="change", detail="assign").exists()
    home = alice_http.get("/me/").content.decode()
    assert "Buttock and back-of-leg pain: self-care" in home
    assert f"/me/handouts/{handout.pk}/pdf/" in home


@pytest.mark.parametrize(
    "url",
    [
        "/staff/clients/{client}/handouts/new/",
        "/staff/handouts/{handout}/",
        "/staff/handouts/{handout}/preview/",
    ],
)
def test_it_denies_anonymous_and_clients_on_staff_pages(client, alice_http, handout, url):
    url = url.format(client=handout.client_id, handout=handout.pk)
    assert client.get(url).status_code == 302
    assert alice_http.get(url).status_code == 403
    assert alice_http.post(url, form_data(handout, notes="x")).status_code in (403, 405)
    handout.refresh_from_db()
    assert handout.notes == ""


def test_it_denies_assigning_to_anyone_but_staff(client, alice_http, handout):
    url = f"/staff/handouts/{handout.pk}/assign/"
    assert client.post(url).status_code == 302
    assert alice_http.post(url).status_code == 403
    handout.refresh_from_db()
    assert not handout.is_assigned


def test_it_returns_404_for_missing_clients_and_handouts(therapist_http):
    assert therapist_http.get("/staff/clients/999999/handouts/new/").status_code == 404
    assert therapist_http.get("/staff/handouts/999999/").status_code == 404
    assert therapist_http.get("/staff/handouts/999999/preview/").status_code == 404
    assert therapist_http.post("/staff/handouts/999999/assign/").status_code == 404


def test_it_refuses_wrong_methods(therapist_http, handout):
    assert therapist_http.get(f"/staff/handouts/{handout.pk}/assign/").status_code == 405
    assert therapist_http.post(f"/staff/handouts/{handout.pk}/preview/").status_code == 405
    assert therapist_http.put(compose_url(handout)).status_code == 405
    assert therapist_http.delete(new_url(handout.client)).status_code == 405


def test_it_shows_the_staff_panel_with_recent_handouts(therapist_http, handout):
    body = therapist_http.get("/staff/").content.decode()
    assert 'data-testid="staff-handouts"' in body and compose_url(handout) in body


@pytest.mark.parametrize("count", [1, 8])
def test_it_lists_client_handouts_on_me_in_constant_queries(
    alice_http, alice, therapist, library, count, django_assert_max_num_queries
):
    from tests.factories import make_handout

    for _ in range(count):
        make_handout(alice, therapist, slugs=["walking"], assigned=True)
    alice_http.get("/me/")
    # session, user, client, intakes, handouts, visits, referrals, the audit event (its chain's
    # last hash, the insert)
    # audited: on PostgreSQL the audit chain's lock is one query more
    with django_assert_max_num_queries(9 + (connection.vendor == "postgresql")):
        response = alice_http.get("/me/")
    assert response.content.decode().count("Download PDF") == count


def test_it_refuses_an_overlong_exercise_id_with_a_message(therapist_http, alice, library):
    from intake.handouts.models import Handout

    response = therapist_http.post(
        f"/staff/clients/{alice.pk}/handouts/new/", {"exercises": ["9" * 25]}
    )
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()
    assert not Handout.objects.exists()
