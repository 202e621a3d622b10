"""Letters and reports to physicians open with "Dear Dr Patel", print the safety flags before
the closing and the signature, and are signed with the signer's name and credentials, chosen
on the letter page."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.referrals import letters, services
from intake.referrals.models import Referral
from intake.referrals.pdf import render_progress_report, render_referral_letter
from intake.referrals.selectors import letter_document, progress_report_document
from tests.factories import make_intake, make_physician, make_user, signed_note_for

pytestmark = pytest.mark.django_db


def in_order(text: str, *parts: str) -> bool:
    """Whether ``parts`` appear in ``text`` one after the other (each after the previous)."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def fresh(referral) -> Referral:
    return Referral.objects.select_related("client", "physician", "intake", "signed_by").get(
        pk=referral.pk
    )


@pytest.fixture
def rmt(db):
    return make_user("sam@example.org", first="Sam", last="Rivera", credentials="RMT")


@pytest.fixture
def letter_referral(alice, admin_user, rmt):
    physician = make_physician("Dr. Samira Patel")
    intake = make_intake(alice, flagged=True)
    referral = services.create_outgoing_from_intake(
        intake=intake, physician=physician, by=admin_user
    )
    Referral.objects.filter(pk=referral.pk).update(signed_by=rmt)
    return fresh(referral)


# ---------------------------------------------------------------- the words


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dr. Samira Patel", "Dear Dr Patel,"),
        ("Dr Samira Patel", "Dear Dr Patel,"),
        ("Samira Patel, MD", "Dear Dr Patel,"),
        ("Samira Patel MD FRCPC", "Dear Dr Patel,"),
        ("Doctor Omar Reyes", "Dear Dr Reyes,"),
        ("Prof. Anna van der Berg", "Dear Professor van der Berg,"),
        ("Dr. Maria de la Cruz", "Dear Dr de la Cruz,"),
        ("Ms. Jane Doe-Smith", "Dear Ms Doe-Smith,"),
        ("Patel", "Dear Dr Patel,"),
        ("  Dr.  ", "Dear Doctor,"),
        ("", "Dear Doctor,"),
    ],
)
def test_it_greets_a_physician_by_title_and_surname(name, greeting):
    assert letters.greeting(name) == greeting


@pytest.mark.parametrize(
    ("text", "body", "closing"),
    [
        ("Dear Dr Patel,\n\nPlease see her.\n\nKind regards,", "Dear Dr Patel,\n\nPlease see her.",
         "Kind regards,"),
        ("Body.\nYours sincerely,\n", "Body.", "Yours sincerely,"),
        ("Body.\nBest regards", "Body.", "Best regards"),
        ("Body without a closing.", "Body without a closing.", "Kind regards,"),
        ("Regards are due to the team.", "Regards are due to the team.", "Kind regards,"),
    ],
)  # fmt: skip
def test_it_takes_the_letters_own_closing_line(text, body, closing):
    assert letters.split_closing(text) == (body, closing)


def test_it_writes_the_signer_with_credentials():
    assert letters.signer_line("Sam  Rivera", " RMT ") == "Sam Rivera, RMT"
    assert letters.signer_line("Sam Rivera", "") == "Sam Rivera"


# ---------------------------------------------------------------- the referral letter


def test_the_prefilled_letter_greets_by_title_and_surname_and_has_no_closing(letter_referral):
    text = letter_referral.letter_text
    assert text.startswith("Dear Dr Patel,\n")
    assert "Samira" not in text.split("\n")[0]
    assert "Kind regards" not in text


def test_the_letter_prints_flags_then_closing_then_signature_then_the_map(letter_referral):
    text = pdf_text(render_referral_letter(letter_document(letter_referral)))
    assert in_order(
        text,
        "Dear Dr Patel,",
        "Safety screening answers",
        "See a physician first",  # a flag's level
        "Kind regards,",
        "Sam Rivera, RMT",
        "Enclosed: where the client reports symptoms",
    )
    assert not in_order(text, "Sam Rivera, RMT", "Safety screening answers")
    assert text.count("Kind regards,") == 1
    assert "Dr. Samira Patel" in text  # the address keeps the name as written


def test_the_letter_keeps_the_admins_own_closing(letter_referral):
    data = render_referral_letter(
        letter_document(
            letter_referral, letter_text="Dear Dr Patel,\nPlease see her.\nYours sincerely,"
        )
    )
    text = pdf_text(data)
    assert "Kind regards" not in text
    assert in_order(text, "Please see her.", "Safety screening answers", "Yours sincerely,",
                    "Sam Rivera, RMT")  # fmt: skip


def test_an_unsigned_letter_leaves_a_line_for_the_clinic(letter_referral):
    Referral.objects.filter(pk=letter_referral.pk).update(signed_by=None)
    text = pdf_text(render_referral_letter(letter_document(fresh(letter_referral))))
    assert in_order(text, "Dear Dr", "Safety screening answers", "Signature, for the clinic")


# ---------------------------------------------------------------- the progress report


def test_the_report_is_signed_after_its_flags_with_name_and_credentials(
    alice, incoming, therapist, rmt
):
    make_intake(alice, flagged=True)
    signed_note_for(incoming, therapist)
    Referral.objects.filter(pk=incoming.pk).update(signed_by=rmt, report_text="Two more visits.")
    text = pdf_text(render_progress_report(progress_report_document(fresh(incoming))))
    assert in_order(text, "Safety flags that apply now", "Two more visits.", "Sam Rivera, RMT")
    assert not in_order(text, "Sam Rivera, RMT", "Safety flags that apply now")


# ---------------------------------------------------------------- choosing the signer


def test_the_letter_page_preselects_the_admin_and_lists_staff_with_credentials(
    admin_http, admin_user, letter_referral, rmt, alice
):
    Referral.objects.filter(pk=letter_referral.pk).update(signed_by=None)
    url = reverse("referral_letter_pdf", kwargs={"referral_id": letter_referral.pk})
    response = admin_http.get(url)
    form = response.context["form"]
    assert form["signed_by"].value() == admin_user.pk
    choices = [label for _, label in form.fields["signed_by"].choices]
    assert "Sam Rivera, RMT" in choices
    assert alice.full_name not in choices  # clients never sign


def test_printing_stores_the_signer_and_signs_with_them(admin_http, letter_referral, therapist):
    url = reverse("referral_letter_pdf", kwargs={"referral_id": letter_referral.pk})
    response = admin_http.post(
        url, {"letter_text": "Dear Dr Patel,\nPlease.", "signed_by": therapist.pk}
    )
    assert response["Content-Type"] == "application/pdf"
    assert "Tess Healer" in pdf_text(response.content)
    assert fresh(letter_referral).signed_by == therapist
    again = admin_http.get(url)
    assert again.context["form"]["signed_by"].value() == therapist.pk


@pytest.mark.parametrize("signer", ["client", "inactive", "abc", "", "99999999999999999999999"])
def test_it_refuses_a_signer_who_is_not_active_staff(admin_http, letter_referral, alice, signer):
    inactive = make_user("gone@example.org", is_active=False)
    value = {"client": alice.user_id, "inactive": inactive.pk}.get(signer, signer)
    url = reverse("referral_letter_pdf", kwargs={"referral_id": letter_referral.pk})
    response = admin_http.post(url, {"letter_text": "Changed.", "signed_by": value})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "signed_by" in response.context["form"].errors
    stored = fresh(letter_referral)
    assert stored.letter_text != "Changed." and stored.signed_by.email == "sam@example.org"
    assert not AuditEvent.objects.filter(action="print").exists()


def test_only_admins_choose_the_signer(
    therapist_http, alice_http, client, letter_referral, therapist
):
    url = reverse("referral_letter_pdf", kwargs={"referral_id": letter_referral.pk})
    data = {"letter_text": "x", "signed_by": therapist.pk}
    assert therapist_http.post(url, data).status_code == 403
    assert alice_http.post(url, data).status_code == 403
    assert client.post(url, data).status_code == 302
    assert fresh(letter_referral).signed_by.email == "sam@example.org"
