"""Issue 19: the client's own physician referral and the clinic's letters to a physician on the
intake summary. The client sees only the referral they gave, as they signed it (a letter staff
start, a status change or an edited reason never shows on their page); the staff summary shows
both, each under its own label."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intake.referrals import services as referral_services
from intake.referrals.models import Referral
from tests.factories import make_intake, make_physician, make_referral
from tests.fixtures.submissions import PDF_BYTES, step_data

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def own_summary(intake) -> str:
    return reverse("my_intake_summary", kwargs={"intake_id": intake.pk})


def staff_summary(intake) -> str:
    return reverse("intake_summary", kwargs={"intake_id": intake.pk})


def page(http, url: str) -> str:
    """The page's HTML without its per-response CSRF token."""
    response = http.get(url)
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


@pytest.fixture
def referred_intake(alice, alice_http):
    """Alice's flagged intake, submitted through the wizard with a physician's referral and its
    letter (the last two steps posted as a client does)."""
    intake = make_intake(alice, submitted=False, cancer_history=True)
    steps = lambda n: reverse("intake_step", kwargs={"intake_id": intake.pk, "step": n})  # noqa: E731
    referral = {
        "referred": "yes",
        "new_name": "Dr. Jane Roe",
        "new_practice": "Main St Clinic",
        "referral_date": "2026-10-01",
        "reason": "Low back pain with left leg symptoms",
        "visits_authorized": "6",
        "expires_on": "2027-01-01",
        "letter": SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    assert alice_http.post(steps(6), referral).status_code == 302
    assert alice_http.post(steps(7), step_data(7)).status_code == 302
    intake.refresh_from_db()
    assert intake.is_submitted and intake.flag_level == "physician"
    return intake


def start_letter(admin_http, intake, physician) -> Referral:
    """What the admin does: "Write a referral letter to a physician" from the summary."""
    url = reverse("referral_from_intake", kwargs={"intake_id": intake.pk})
    assert admin_http.post(url, {"physician": physician.pk}).status_code == 302
    return Referral.objects.filter(intake=intake, direction="outgoing").latest("id")


def test_it_never_shows_the_clinics_draft_letter_on_the_clients_summary(
    referred_intake, alice_http, admin_http
):
    before = page(alice_http, own_summary(referred_intake))
    assert before.count('data-testid="referral"') == 1
    assert "Dr. Jane Roe" in before and "Low back pain with left leg symptoms" in before

    start_letter(admin_http, referred_intake, make_physician("Dr. Helen Cho"))
    after = page(alice_http, own_summary(referred_intake))

    assert after == before
    assert "Dr. Helen Cho" not in after and "Draft" not in after


def test_it_keeps_the_clients_page_as_signed_when_staff_work_on_the_referral(
    referred_intake, alice_http, admin_user, admin_http
):
    before = page(alice_http, own_summary(referred_intake))
    filed = Referral.objects.get(intake=referred_intake, direction="incoming")
    letter = start_letter(admin_http, referred_intake, make_physician("Dr. Helen Cho"))
    referral_services.transition(referral=filed, to_status="verified", by=admin_user)
    referral_services.transition(referral=letter, to_status="sent", by=admin_user)
    Referral.objects.filter(pk=filed.pk).update(reason="Edited by the office", visits_authorized=9)

    after = page(alice_http, own_summary(referred_intake))

    assert after == before
    assert "Received" not in after and "Verified" not in after  # no status: it changes later
    assert "6 · valid until 1 Jan 2027" in after


def test_it_lists_only_the_letter_the_client_sent(referred_intake, alice_http, admin_user):
    """A document the office adds to the client's referral later is not part of what they
    signed (the office's own copy is on the staff summary)."""
    from django.core.files.base import ContentFile

    from intake.referrals.models import ReferralDocument

    filed = Referral.objects.get(intake=referred_intake, direction="incoming")
    sent = filed.documents.get()
    extra = ReferralDocument(referral=filed, original_name="fax.pdf", content_type="application/pdf",
                             size=len(PDF_BYTES), uploaded_by=admin_user)  # fmt: skip
    extra.file.save("fax.pdf", ContentFile(PDF_BYTES), save=False)
    extra.save()
    html = page(alice_http, own_summary(referred_intake))
    assert reverse("intake_document", kwargs={"document_id": sent.pk}) in html
    assert reverse("intake_document", kwargs={"document_id": extra.pk}) not in html


def test_it_labels_the_clients_referral_and_the_clinics_letters_apart_for_staff(
    referred_intake, admin_http, therapist_http
):
    letter = start_letter(admin_http, referred_intake, make_physician("Dr. Helen Cho"))
    html = page(therapist_http, staff_summary(referred_intake))

    own = html[html.index('data-testid="client-referral-section"') :]
    own = own[: own.index("</section>")]
    letters = html[html.index('data-testid="clinic-letters"') :]
    letters = letters[: letters.index("</section>")]
    assert "Physician referral from the client" in own and "incoming" in own
    assert "Dr. Jane Roe" in own and "Dr. Helen Cho" not in own
    assert "The clinic's letters to a physician" in letters and "outgoing" in letters
    assert "Dr. Helen Cho" in letters and "Draft, not sent" in letters
    assert "Dr. Jane Roe" not in letters
    assert reverse("referral_detail", kwargs={"referral_id": letter.pk}) in letters


def test_it_says_when_the_clinic_wrote_no_letter(referred_intake, therapist_http):
    html = page(therapist_http, staff_summary(referred_intake))
    letters = html[html.index('data-testid="clinic-letters"') :]
    assert "None." in letters[: letters.index("</section>")]


def test_it_never_shows_outgoing_referrals_on_the_clients_pages(alice, alice_http):
    """An outgoing referral of the client's, with or without an intake, and sent or not, is on
    none of their pages."""
    intake = make_intake(alice, flagged=True)
    make_referral(alice, outgoing=True, intake=intake, physician=make_physician("Dr. Helen Cho"))
    make_referral(alice, outgoing=True, status="sent", physician=make_physician("Dr. Omar Reyes"))
    pages = [own_summary(intake), reverse("my_intakes"), reverse("client_home")]
    for url in pages:
        html = page(alice_http, url)
        assert "Dr. Helen Cho" not in html and "Dr. Omar Reyes" not in html, url
    assert "Not referred by a physician." in page(alice_http, own_summary(intake))


def test_it_shows_an_older_referral_filed_without_typed_details_as_filed(alice, alice_http):
    intake = make_intake(alice)
    make_referral(alice, intake=intake, reason="From the old form")
    html = page(alice_http, own_summary(intake))
    assert html.count('data-testid="referral"') == 1 and "From the old form" in html


def test_it_reads_the_staff_summary_in_the_same_number_of_queries_for_more_letters(
    referred_intake, admin_http, therapist_http
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for letters in (1, 4):
        while Referral.objects.filter(direction="outgoing").count() < letters:
            start_letter(admin_http, referred_intake, make_physician())
        therapist_http.get(staff_summary(referred_intake))  # the session is read once, first
        with CaptureQueriesContext(connection) as captured:
            assert therapist_http.get(staff_summary(referred_intake)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
