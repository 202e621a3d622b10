"""What a therapist meets writing and signing a note (issue 19): "Sign and lock" asks first, the only
usable referral is chosen already, an unverified referral says so, and times are the clinic's."""

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.notes.models import SessionNote
from tests.factories import make_note, make_referral

pytestmark = pytest.mark.django_db

CONFIRM = {"confirm": "on"}
BACK = ["lower_back_l"]  # not a sensitive region: signing asks no reason
ROOT = Path(__file__).resolve().parent.parent.parent


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


# ---------------------------------------------------------------- sign and lock


def test_the_sign_form_asks_to_confirm_with_a_required_box(therapist_http, draft_note):
    html = therapist_http.get(reverse("note_detail", args=[draft_note.pk])).content.decode()
    start = html.index('data-testid="note-sign-form"')
    form = html[start : html.index("</form>", start)]
    assert "Signing is permanent" in form
    box = re.search(r"<input[^>]*name=\"confirm\"[^>]*>", form).group(0)
    assert 'type="checkbox"' in box and "required" in box  # the browser asks, without JavaScript
    assert 'for="sign_confirm"' in form and 'id="sign_confirm"' in box


def test_it_does_not_sign_without_the_confirmation(therapist_http, draft_note):
    response = therapist_http.post(reverse("note_sign", args=[draft_note.pk]))
    assert response.status_code == 302
    assert "I have checked this note" in said(response)
    draft_note.refresh_from_db()
    assert not draft_note.is_signed
    assert not AuditEvent.objects.filter(action="sign").exists()


def test_it_signs_with_the_confirmation(therapist_http, draft_note):
    SessionNote.objects.filter(pk=draft_note.pk).update(regions_treated=BACK)  # no consent asked
    response = therapist_http.post(reverse("note_sign", args=[draft_note.pk]), CONFIRM)
    assert "Note signed" in said(response)
    draft_note.refresh_from_db()
    assert draft_note.is_signed


def test_another_therapist_is_refused_confirmed_or_not(therapist2, draft_note):
    from tests.conftest import _logged_in

    http = _logged_in(therapist2)
    for data in ({}, CONFIRM):
        assert http.post(reverse("note_sign", args=[draft_note.pk]), data).status_code == 403
    draft_note.refresh_from_db()
    assert not draft_note.is_signed


def test_a_signed_note_offers_no_sign_form(therapist_http, signed_note):
    html = therapist_http.get(reverse("note_detail", args=[signed_note.pk])).content.decode()
    assert 'data-testid="note-sign-form"' not in html


# ---------------------------------------------------------------- the referral


def selected(html: str) -> list[str]:
    select = html[
        html.index('name="referral"') : html.index("</select>", html.index('name="referral"'))
    ]
    return re.findall(r'<option value="(\d*)"[^>]*selected', select)


def test_the_only_usable_referral_is_chosen_already(therapist_http, alice):
    today = timezone.localdate()
    usable = make_referral(alice, status="active")
    make_referral(
        alice,
        status="active",
        referral_date=today - dt.timedelta(days=90),
        expires_on=today - dt.timedelta(days=1),
    )  # fmt: skip  (expired)
    make_referral(alice, status="completed")
    html = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert selected(html) == [str(usable.pk)]


def test_no_referral_is_chosen_when_there_are_two_to_choose_from(therapist_http, alice):
    make_referral(alice, status="active")
    make_referral(alice, status="verified")
    html = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert selected(html) == [""]  # "No referral"


def test_a_used_up_referral_is_not_chosen(therapist_http, therapist, alice):
    used_up = make_referral(alice, status="active", visits_authorized=1)
    make_note(alice, therapist, signed=True, referral=used_up)
    html = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert selected(html) == [""]


def test_a_draft_keeps_the_referral_it_was_saved_with(therapist_http, therapist, alice):
    make_referral(alice, status="active")
    draft = make_note(alice, therapist)  # saved with no referral
    html = therapist_http.get(reverse("note_edit", args=[draft.pk])).content.decode()
    assert selected(html) == [""]


def test_an_unverified_referral_says_so_and_still_counts_the_visit(therapist_http, therapist,
                                                                   alice):  # fmt: skip
    received = make_referral(alice)  # received, not verified by the front desk
    html = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert "Received, not verified yet" in html
    assert "has not been checked by the front desk: a visit still counts against it" in html
    note = make_note(alice, therapist, referral=received, regions_treated=BACK)
    page = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert "which the front desk has not verified yet" in page
    therapist_http.post(reverse("note_sign", args=[note.pk]), CONFIRM)
    assert SessionNote.objects.get(pk=note.pk).is_signed
    assert received.visits_used() == 1
    assert received.visits_remaining() == 5


def test_a_verified_referral_is_not_called_unverified(therapist_http, alice):
    make_referral(alice, status="verified")
    html = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert "not verified yet" not in html


# ---------------------------------------------------------------- the clinic's time zone


def run_django(code: str, **env_over) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TIME_ZONE"}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="clinic.settings", **env_over)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_the_default_time_zone_is_a_clinics_not_utc():
    result = run_django("from django.conf import settings; print(settings.TIME_ZONE)")
    assert result.stdout.strip() == "America/Toronto", result.stderr


def test_signed_times_show_in_the_clinics_time_zone(settings, therapist_http, signed_note):
    settings.TIME_ZONE = "America/Toronto"
    SessionNote.objects.filter(pk=signed_note.pk).update(
        signed_at=dt.datetime(2026, 1, 15, 15, 30, tzinfo=dt.UTC)
    )
    html = therapist_http.get(reverse("note_detail", args=[signed_note.pk])).content.decode()
    assert "10:30" in html and "15:30" not in html  # EST is UTC-5 in January
    settings.TIME_ZONE = "Europe/London"
    html = therapist_http.get(reverse("note_detail", args=[signed_note.pk])).content.decode()
    assert "15:30" in html


def test_an_unknown_time_zone_stops_start_up():
    result = run_django("pass", TIME_ZONE="Mars/Olympus_Mons")
    assert result.returncode != 0
    assert "TIME_ZONE='Mars/Olympus_Mons' is not a time zone name" in result.stderr
