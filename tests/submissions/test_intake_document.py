"""Downloading a referral letter sent with an intake: staff and the owning client only."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.referrals.models import Physician, Referral, ReferralDocument
from tests.factories import make_intake
from tests.fixtures.submissions import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(alice):
    intake = make_intake(alice)
    referral = Referral.objects.create(
        client=alice,
        physician=Physician.objects.create(name="Dr. Roe"),
        intake=intake,
        direction="incoming",
        status="received",
        referral_date=timezone.localdate(),
    )
    doc = ReferralDocument(
        referral=referral,
        original_name='evil"; name=x.pdf',
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    doc.file.save("random-name.pdf", ContentFile(PDF_BYTES), save=False)
    doc.save()
    return doc


def url(document):
    return reverse("intake_document", kwargs={"document_id": document.pk})


def test_it_sends_the_letter_to_staff_as_an_attachment_and_audits(therapist_http, document):
    response = therapist_http.get(url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and '"; name' not in disposition
    assert AuditEvent.objects.filter(action="download", object_id=str(document.pk)).count() == 1


def test_it_sends_the_letter_to_the_client_it_belongs_to(alice_http, document):
    assert alice_http.get(url(document)).status_code == 200


def test_it_404s_for_another_client(bob_http, document):
    assert bob_http.get(url(document)).status_code == 404
    assert not AuditEvent.objects.filter(action="download").exists()


def test_it_sends_anonymous_visitors_to_log_in(client, document):
    response = client.get(url(document))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_posting(therapist_http, document):
    assert therapist_http.post(url(document)).status_code == 405


def test_it_links_the_letter_from_the_summary(admin_http, document):
    summary = reverse("intake_summary", kwargs={"intake_id": document.referral.intake_id})
    assert url(document) in admin_http.get(summary).content.decode()
