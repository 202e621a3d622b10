"""Session-note pages: write, edit, sign, addendum; who may do what; audit trail."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.notes.models import SessionNote
from tests.factories import make_note, make_referral
from tests.hostile import CVE_2023_33733

CONFIRM = {"confirm": "on"}  # the "I have checked this note" box of the sign form


def note_data(**overrides) -> dict:
    data = {
        "visit_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "duration_minutes": "45",
        "referral": "",
        "subjective": "Sore after gardening.",
        "pain_before": "6",
        "changes_since_last": "",
        "posture": "Leans left.",
        "range_of_motion": "",
        "palpation": "Tight piriformis.",
        "treated_regions": ["lower_back_l", "back_thigh_l"],
        "techniques": "Trigger-point release.",
        "assessment": "Eased with treatment.",
        "plan_next_visit": "Next week.",
        "plan_frequency": "Weekly",
        "plan_home_care": "Figure-four stretch.",
        "pain_after": "3",
        "psfs_activity_0": "Sitting",
        "psfs_score_0": "4",
        "psfs_activity_1": "Walking",
        "psfs_score_1": "6",
        "psfs_activity_2": "Stairs",
        "psfs_score_2": "5",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- new note


def test_it_saves_a_draft_note_with_the_author_and_regions(therapist_http, therapist, alice):
    response = therapist_http.post(reverse("note_new", args=[alice.pk]), note_data())
    note = SessionNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("note_detail", args=[note.pk])
    assert note.therapist == therapist
    assert note.client == alice
    assert note.signed_at is None
    assert note.regions_treated == ["lower_back_l", "back_thigh_l"]
    assert note.psfs == [{"activity": "Sitting", "score": 4}, {"activity": "Walking", "score": 6},
                         {"activity": "Stairs", "score": 5}]  # fmt: skip
    assert AuditEvent.objects.filter(action="create", object_id=str(note.pk)).exists()


def test_it_shows_the_form_with_the_not_a_diagnosis_reminder(therapist_http, alice):
    response = therapist_http.get(reverse("note_new", args=[alice.pk]))
    assert response.status_code == 200
    assert b"do not write a diagnosis" in response.content
    assert b'name="treated_regions"' in response.content
    assert b"data-body-map" in response.content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_minutes", "-5", "positive number of minutes"),
        ("duration_minutes", "0", "positive number of minutes"),
        ("pain_before", "11", "Pain is rated from 0 to 10"),
        ("pain_after", "-1", "Pain is rated from 0 to 10"),
        ("visit_date", (timezone.localdate() + dt.timedelta(days=2)).isoformat(), "in the future"),
    ],
)
def test_it_refuses_bad_values_and_saves_nothing(therapist_http, alice, field, value, message):
    response = therapist_http.post(
        reverse("note_new", args=[alice.pk]), note_data(**{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SessionNote.objects.exists()


def test_it_refuses_an_expired_referral_for_a_therapist(therapist_http, alice):
    referral = make_referral(alice, expires_on=timezone.localdate() - dt.timedelta(days=2))
    response = therapist_http.post(
        reverse("note_new", args=[alice.pk]), note_data(referral=str(referral.pk))
    )
    assert response.status_code == 200
    assert "This referral expired on" in response.content.decode()
    assert not SessionNote.objects.exists()


def test_it_refuses_another_clients_referral(therapist_http, alice, bob):
    referral = make_referral(bob)
    response = therapist_http.post(
        reverse("note_new", args=[alice.pk]), note_data(referral=str(referral.pk))
    )
    assert response.status_code == 200
    assert not SessionNote.objects.exists()


def test_it_lets_an_admin_override_a_cancelled_referral_and_records_it(
    admin_http, admin_user, alice
):
    referral = make_referral(alice, status="cancelled")
    url = reverse("note_new", args=[alice.pk])
    refused = admin_http.post(url, note_data(referral=str(referral.pk)))
    assert "Tick the override" in refused.content.decode()
    no_reason = admin_http.post(url, note_data(referral=str(referral.pk), referral_override="on"))
    assert "Give the reason" in no_reason.content.decode()
    assert not SessionNote.objects.exists()
    admin_http.post(
        url,
        note_data(
            referral=str(referral.pk),
            referral_override="on",
            referral_override_reason="Physician renewed by phone",
        ),
    )
    note = SessionNote.objects.get()
    assert note.referral == referral
    assert note.referral_override_by == admin_user
    assert note.referral_override_reason == "Physician renewed by phone"
    assert note.referral_override_at is not None
    assert AuditEvent.objects.filter(detail="referral check overridden").count() == 1


def test_it_ignores_an_override_posted_by_a_therapist(therapist_http, alice):
    referral = make_referral(alice, status="cancelled")
    therapist_http.post(
        reverse("note_new", args=[alice.pk]),
        note_data(referral=str(referral.pk), referral_override="on", referral_override_reason="x"),
    )
    assert not SessionNote.objects.exists()


# ---------------------------------------------------------------- edit


def test_it_lets_the_author_edit_a_draft(therapist_http, draft_note):
    url = reverse("note_edit", args=[draft_note.pk])
    assert therapist_http.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="view", detail="edit form").count() == 1
    response = therapist_http.post(url, note_data(subjective="Updated report"))
    assert response.status_code == 302
    draft_note.refresh_from_db()
    assert draft_note.subjective == "Updated report"
    assert AuditEvent.objects.filter(action="change", object_id=str(draft_note.pk)).exists()


def test_it_forbids_editing_someone_elses_draft(alice, therapist2, draft_note):
    from tests.conftest import _logged_in

    http = _logged_in(therapist2)
    url = reverse("note_edit", args=[draft_note.pk])
    assert http.get(url).status_code == 403
    assert http.post(url, note_data(subjective="Hijack")).status_code == 403
    draft_note.refresh_from_db()
    assert draft_note.subjective != "Hijack"


def test_it_refuses_to_edit_a_signed_note(therapist_http, signed_note):
    before = signed_note.subjective
    response = therapist_http.post(
        reverse("note_edit", args=[signed_note.pk]), note_data(subjective="Changed"), follow=True
    )
    assert "signed and locked" in response.content.decode()
    signed_note.refresh_from_db()
    assert signed_note.subjective == before


# ---------------------------------------------------------------- sign


def test_it_signs_a_draft_once_and_audits_it(therapist_http, draft_note):
    SessionNote.objects.filter(pk=draft_note.pk).update(regions_treated=["lower_back_l"])
    url = reverse("note_sign", args=[draft_note.pk])
    response = therapist_http.post(url, CONFIRM, follow=True)
    draft_note.refresh_from_db()
    assert draft_note.is_signed
    assert "Note signed" in response.content.decode()
    assert AuditEvent.objects.filter(action="sign", object_id=str(draft_note.pk)).count() == 1
    signed_at = draft_note.signed_at
    again = therapist_http.post(url, CONFIRM, follow=True)
    assert "already signed" in again.content.decode()
    draft_note.refresh_from_db()
    assert draft_note.signed_at == signed_at


def test_it_forbids_signing_someone_elses_note(therapist2, draft_note):
    from tests.conftest import _logged_in

    response = _logged_in(therapist2).post(reverse("note_sign", args=[draft_note.pk]), CONFIRM)
    assert response.status_code == 403
    draft_note.refresh_from_db()
    assert not draft_note.is_signed


def test_it_refuses_signing_against_a_used_up_referral(therapist_http, therapist, alice):
    referral = make_referral(alice, visits_authorized=1)
    make_note(alice, therapist, signed=True, referral=referral)
    draft = make_note(alice, therapist, referral=referral)
    response = therapist_http.post(reverse("note_sign", args=[draft.pk]), CONFIRM, follow=True)
    assert "authorized visits are used" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_signed


def test_it_requires_post_to_sign(therapist_http, draft_note):
    assert therapist_http.get(reverse("note_sign", args=[draft_note.pk])).status_code == 405


# ---------------------------------------------------------------- addendum


def test_it_adds_an_addendum_to_a_signed_note(therapist_http, therapist, signed_note):
    response = therapist_http.post(
        reverse("note_addendum", args=[signed_note.pk]), {"text": "Forgot: used hot pack."}
    )
    assert response.status_code == 302
    addendum = signed_note.addenda.get()
    assert addendum.author == therapist
    assert addendum.text == "Forgot: used hot pack."
    assert AuditEvent.objects.filter(detail="addendum added").count() == 1


def test_it_refuses_an_addendum_on_a_draft(therapist_http, draft_note):
    response = therapist_http.post(
        reverse("note_addendum", args=[draft_note.pk]), {"text": "Late entry"}, follow=True
    )
    assert "Addenda are for signed notes" in response.content.decode()
    assert not draft_note.addenda.exists()


def test_it_refuses_an_empty_addendum(therapist_http, signed_note):
    therapist_http.post(reverse("note_addendum", args=[signed_note.pk]), {"text": "   "})
    assert not signed_note.addenda.exists()


def test_it_requires_post_for_an_addendum(therapist_http, signed_note):
    assert therapist_http.get(reverse("note_addendum", args=[signed_note.pk])).status_code == 405


# ---------------------------------------------------------------- detail


def test_it_shows_a_note_with_hostile_text_escaped_and_audits_the_view(
    therapist_http, alice, therapist
):
    note = make_note(alice, therapist, subjective="<script>alert(1)</script>")
    response = therapist_http.get(reverse("note_detail", args=[note.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert AuditEvent.objects.filter(action="view", object_id=str(note.pk)).count() == 1


def test_it_offers_sign_only_to_the_author(alice, therapist2, draft_note, therapist_http):
    from tests.conftest import _logged_in

    assert (
        b"Sign and lock" in therapist_http.get(reverse("note_detail", args=[draft_note.pk])).content
    )
    other = _logged_in(therapist2).get(reverse("note_detail", args=[draft_note.pk]))
    assert other.status_code == 200
    assert b"Sign and lock" not in other.content


# ---------------------------------------------------------------- access


VIEWS = [
    ("note_new", "client", "get"),
    ("note_detail", "note", "get"),
    ("note_edit", "note", "get"),
    ("note_sign", "note", "post"),
    ("note_addendum", "note", "post"),
    ("note_pdf", "note", "get"),
]


@pytest.mark.parametrize(("name", "arg", "method"), VIEWS)
def test_it_sends_anonymous_users_to_login(client, alice, signed_note, name, arg, method):
    pk = alice.pk if arg == "client" else signed_note.pk
    response = getattr(client, method)(reverse(name, args=[pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "arg", "method"), VIEWS)
def test_it_forbids_clients_even_their_own_notes(alice_http, alice, signed_note, name, arg, method):
    pk = alice.pk if arg == "client" else signed_note.pk
    assert getattr(alice_http, method)(reverse(name, args=[pk])).status_code == 403


@pytest.mark.parametrize(("name", "arg", "method"), VIEWS)
def test_it_404s_for_missing_objects(therapist_http, name, arg, method):
    assert getattr(therapist_http, method)(reverse(name, args=[999999])).status_code == 404


def test_it_refuses_wrong_methods(therapist_http, alice, draft_note):
    assert therapist_http.delete(reverse("note_new", args=[alice.pk])).status_code == 405
    assert therapist_http.post(reverse("note_detail", args=[draft_note.pk])).status_code == 405
    assert therapist_http.post(reverse("note_pdf", args=[draft_note.pk])).status_code == 405


def test_it_keeps_reportlab_exploits_literal_on_the_page(therapist_http, alice, therapist):
    note = make_note(alice, therapist, assessment=CVE_2023_33733)
    body = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert "&lt;font color=" in body
