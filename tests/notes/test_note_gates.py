"""Flags change what a therapist can sign (issue 13): urgent, see-a-physician, consent and areas to
avoid, through the note form and through ``sign_note`` (one rule set: services.safety_gate_errors),
and what was recorded shown on the note page and its PDF."""

import datetime as dt
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.notes.forms import SessionNoteForm
from intake.notes.models import SessionNote
from intake.notes.services import NoteRuleError, sign_note
from intake.referrals.models import Referral
from tests.factories import make_intake, make_note, make_referral

CONFIRM = {"confirm": "on"}  # the "I have checked this note" box of the sign form

BACK = ["lower_back_l"]
#: Before yesterday's visit (make_note's default visit date).
EARLIER = timezone.now() - dt.timedelta(days=3)


def urgent(client, **answers):
    return make_intake(client, saddle_numbness=True, when=EARLIER, **answers)


def physician(client, **answers):
    return make_intake(client, cancer_history=True, when=EARLIER, **answers)


def plain(client, **answers):
    return make_intake(client, consents_to_glute_work=True, when=EARLIER, **answers)


def form_for(client, user, **data):
    values = {
        "visit_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "duration_minutes": "60",
        "subjective": "Typed and kept.",
        "treated_regions": BACK,
    }
    values.update(data)
    form = SessionNoteForm(
        values, instance=SessionNote(client=client, therapist=user), client=client, user=user
    )
    form.is_valid()
    return form


def refused(note, therapist) -> dict:
    with pytest.raises(NoteRuleError) as info:
        sign_note(note=note, therapist=therapist)
    note.refresh_from_db()
    assert not note.is_signed
    return info.value.message_dict


def signs(note, therapist) -> None:
    sign_note(note=note, therapist=therapist)
    note.refresh_from_db()
    assert note.is_signed


# ---------------------------------------------------------------- urgent


def test_it_refuses_a_treatment_note_for_an_urgent_client(alice, therapist):
    urgent(alice, consents_to_glute_work=True)
    errors = refused(make_note(alice, therapist, regions_treated=BACK), therapist)
    assert "urgent flag" in errors["treatment_given"][0]
    form = form_for(alice, therapist)
    assert "urgent flag" in form.errors["no_treatment"][0]
    assert form["subjective"].value() == "Typed and kept."


def test_it_signs_only_no_treatment_with_advice_and_no_region_for_an_urgent_client(
    alice, therapist
):
    urgent(alice)
    note = make_note(alice, therapist, treatment_given=False, regions_treated=BACK)
    errors = refused(note, therapist)
    assert set(errors) == {"advice_given", "treated_regions"}
    form = form_for(alice, therapist, no_treatment="on")
    assert set(form.errors) == {"advice_given", "treated_regions"}
    SessionNote.objects.filter(pk=note.pk).update(regions_treated=[], advice_given="Go to A&E now.")
    signs(note, therapist)
    form = form_for(alice, therapist, no_treatment="on", treated_regions=[], advice_given="A&E")
    assert form.is_valid(), form.errors
    assert form.apply().treatment_given is False


def test_it_lets_a_client_without_an_urgent_flag_be_treated(alice, therapist):
    plain(alice)
    signs(make_note(alice, therapist, regions_treated=BACK), therapist)
    assert form_for(alice, therapist).is_valid()


def test_it_reads_the_flags_of_the_visit_date(alice, therapist):
    urgent(alice)  # three days ago: after a visit of a week ago
    note = make_note(
        alice, therapist, regions_treated=BACK, visit_date=timezone.localdate() - dt.timedelta(7)
    )
    signs(note, therapist)


# ---------------------------------------------------------------- see a physician


def test_it_needs_a_clearance_for_a_see_a_physician_flag(alice, therapist):
    physician(alice, consents_to_glute_work=True)
    errors = refused(make_note(alice, therapist, regions_treated=BACK), therapist)
    assert "see-a-physician" in errors["clearance_reason"][0]
    assert "clearance_reason" in form_for(alice, therapist).errors


@pytest.mark.parametrize("status", [Referral.Status.VERIFIED, Referral.Status.ACTIVE])
def test_it_accepts_a_verified_or_active_referral_as_clearance(alice, therapist, status):
    physician(alice, consents_to_glute_work=True)
    referral = make_referral(alice, status=status)
    signs(make_note(alice, therapist, regions_treated=BACK, referral=referral), therapist)
    assert form_for(alice, therapist, referral=str(referral.pk)).is_valid()


def test_it_does_not_take_a_referral_only_received_as_clearance(alice, therapist):
    physician(alice, consents_to_glute_work=True)
    referral = make_referral(alice, status=Referral.Status.RECEIVED)
    refused(make_note(alice, therapist, regions_treated=BACK, referral=referral), therapist)
    assert "clearance_reason" in form_for(alice, therapist, referral=str(referral.pk)).errors


def test_it_accepts_the_therapists_stated_reason_as_clearance(alice, therapist):
    physician(alice, consents_to_glute_work=True)
    reason = "Oncologist's letter of 3 Nov seen; cleared for gentle work."
    signs(make_note(alice, therapist, regions_treated=BACK, clearance_reason=reason), therapist)
    assert form_for(alice, therapist, clearance_reason=reason).is_valid()


def test_it_needs_no_clearance_when_no_treatment_is_given(alice, therapist):
    physician(alice)
    note = make_note(
        alice, therapist, treatment_given=False, regions_treated=[], advice_given="See your GP."
    )
    signs(note, therapist)


# ---------------------------------------------------------------- consent and areas to avoid


def test_it_needs_a_reason_to_treat_a_sensitive_region_without_consent(alice, therapist):
    make_intake(alice, when=EARLIER)
    for region in ("buttock_l", "groin_r", "chest_l"):
        errors = refused(make_note(alice, therapist, regions_treated=[region]), therapist)
        assert "no sensitive-area consent" in errors["consent_reason"][0]
        assert "consent_reason" in form_for(alice, therapist, treated_regions=[region]).errors
    note = make_note(alice, therapist, regions_treated=["buttock_l"], consent_reason="Asked again")
    signs(note, therapist)


def test_it_lets_a_consenting_client_be_treated_on_a_sensitive_region(alice, therapist):
    plain(alice)
    signs(make_note(alice, therapist, regions_treated=["buttock_l"]), therapist)
    assert form_for(alice, therapist, treated_regions=["buttock_l"]).is_valid()


def test_it_needs_a_reason_to_treat_while_areas_to_avoid_are_listed(alice, therapist):
    plain(alice, avoid_areas="Left knee")
    errors = refused(make_note(alice, therapist, regions_treated=BACK), therapist)
    assert "avoid: Left knee" in errors["consent_reason"][0]
    form = form_for(alice, therapist, consent_reason="Knee not touched; back only.")
    assert form.is_valid(), form.errors
    assert form.apply().consent_reason == "Knee not touched; back only."


def test_it_asks_for_every_missing_reason_at_once(alice, therapist):
    physician(alice, avoid_areas="Neck")
    form = form_for(alice, therapist, treated_regions=["buttock_l"])
    assert {"clearance_reason", "consent_reason"} <= set(form.errors)


# ---------------------------------------------------------------- pages and PDF


def test_it_shows_the_form_block_and_the_reason_fields(therapist_http, alice):
    urgent(alice, avoid_areas="Neck")
    page = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert 'data-testid="note-urgent-block"' in page
    assert "no treatment can be signed" in page
    tag = re.search(r'<input[^>]*name="no_treatment"[^>]*>', page).group(0)
    assert "checked" in tag  # ticked for the therapist: the only note that can be signed
    assert 'data-testid="note-consent-reason"' in page


def test_it_shows_no_block_nor_clearance_for_a_plain_client(therapist_http, alice):
    plain(alice)
    page = therapist_http.get(reverse("note_new", args=[alice.pk])).content.decode()
    assert "note-urgent-block" not in page
    assert 'name="clearance_reason"' not in page
    assert 'name="consent_reason"' not in page


def test_it_keeps_what_was_typed_when_a_gate_refuses(therapist_http, alice):
    physician(alice, consents_to_glute_work=True)
    url = reverse("note_new", args=[alice.pk])
    data = {"visit_date": timezone.localdate().isoformat(), "duration_minutes": "30",
            "subjective": "Kept <words>", "treated_regions": BACK}  # fmt: skip
    response = therapist_http.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "link a verified or active referral" in page
    assert "Kept &lt;words&gt;" in page
    assert not SessionNote.objects.exists()


def test_it_refuses_signing_through_the_page_and_says_why(therapist_http, alice, therapist):
    urgent(alice)
    note = make_note(alice, therapist, regions_treated=BACK)
    page = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert 'data-testid="note-sign-needs"' in page
    assert "no treatment note can be signed" in page
    response = therapist_http.post(reverse("note_sign", args=[note.pk]), CONFIRM)
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "urgent flag: no treatment note can be signed" in said
    note.refresh_from_db()
    assert not note.is_signed
    assert not AuditEvent.objects.filter(action="sign").exists()


def recorded_note(alice, therapist):
    physician(alice, avoid_areas="Neck")
    referral = make_referral(alice, status=Referral.Status.VERIFIED)
    return make_note(
        alice,
        therapist,
        referral=referral,
        regions_treated=["buttock_l"],
        clearance_reason="Letter <b>seen</b>",
        consent_reason="Client re-consented <i>verbally</i>",
    )


def test_it_shows_the_recorded_reasons_on_the_note_page(therapist_http, alice, therapist):
    note = recorded_note(alice, therapist)
    page = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert "note-sign-needs" not in page  # nothing more is needed
    signs(note, therapist)
    page = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert "Referral from Dr. Paula Grant" in page and "(Verified)" in page
    assert "Therapist's reason: Letter &lt;b&gt;seen&lt;/b&gt;" in page
    assert "Client re-consented &lt;i&gt;verbally&lt;/i&gt;" in page


def advised_note(client, therapist):
    """A signed "no treatment given, client advised" note of an urgent client."""
    urgent(client)
    note = make_note(
        client, therapist, treatment_given=False, regions_treated=[], advice_given="A&E <now>"
    )
    signs(note, therapist)
    return note


def test_it_shows_no_treatment_and_the_advice_on_the_page(therapist_http, alice, therapist):
    note = advised_note(alice, therapist)
    page = therapist_http.get(reverse("note_detail", args=[note.pk])).content.decode()
    assert "No treatment given, client advised" in page
    assert "A&amp;E &lt;now&gt;" in page


def pdf_text(http, note) -> str:
    response = http.get(reverse("note_pdf", args=[note.pk]))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_it_prints_the_recorded_reasons_in_the_pdf(therapist_http, alice, therapist):
    note = recorded_note(alice, therapist)
    signs(note, therapist)
    text = pdf_text(therapist_http, note)
    assert "Treatment, clearance and consent" in text
    assert "Referral from Dr. Paula Grant" in text
    assert "Letter <b>seen</b>" in text  # escaped: printed literally
    assert "Client re-consented <i>verbally</i>" in text


def test_it_prints_no_treatment_and_the_advice_in_the_pdf(therapist_http, alice, therapist):
    text = pdf_text(therapist_http, advised_note(alice, therapist))
    assert "No treatment given, client advised" in text
    assert "A&E <now>" in text
