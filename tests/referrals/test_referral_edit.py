"""Creating, editing and moving referrals; attaching documents. Bad input changes nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.referrals.models import Referral
from tests.fixtures.submissions import PDF_BYTES

pytestmark = pytest.mark.django_db
NEW = reverse("referral_new")


def data(owner, doctor, **overrides) -> dict:
    today = timezone.localdate()
    values = {
        "client": owner.pk,
        "physician": doctor.pk,
        "direction": "incoming",
        "referral_date": today.isoformat(),
        "received_on": today.isoformat(),
        "reason": "Sciatica, left",
        "visits_authorized": "6",
        "expires_on": (today + dt.timedelta(days=90)).isoformat(),
        "notes": "",
    }
    values.update(overrides)
    return values


def test_it_creates_an_incoming_referral_as_received(admin_http, alice, physician):
    response = admin_http.post(NEW, data(alice, physician))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == referral.get_absolute_url()
    assert referral.status == "received"
    assert referral.transitions.get().to_status == "received"
    assert AuditEvent.objects.filter(action="create", object_type="referral").exists()


def test_it_creates_an_outgoing_referral_as_draft(admin_http, alice, physician):
    admin_http.post(NEW, data(alice, physician, direction="outgoing", visits_authorized=""))
    assert Referral.objects.get().status == "draft"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"visits_authorized": "0"}, "at least 1"),
        ({"visits_authorized": "-3"}, "at least 1"),
        ({"expires_on": "2000-01-01"}, "cannot be before"),
        ({"direction": "sideways"}, "valid choice"),
        ({"client": "99999"}, "valid choice"),
    ],
)
def test_it_refuses_bad_input(admin_http, alice, physician, overrides, message):
    response = admin_http.post(NEW, data(alice, physician, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_it_edits_but_keeps_client_and_direction(admin_http, incoming, bob, physician2):
    url = reverse("referral_edit", kwargs={"referral_id": incoming.pk})
    assert admin_http.get(url).status_code == 200
    payload = data(bob, physician2, direction="outgoing", visits_authorized="8",
                   referral_date=incoming.referral_date.isoformat())  # fmt: skip
    response = admin_http.post(url, payload)
    assert response.status_code == 302
    incoming.refresh_from_db()
    assert incoming.visits_authorized == 8
    assert incoming.physician == physician2
    assert incoming.client.first_name == "Alice"
    assert incoming.direction == "incoming"


def test_it_refuses_fewer_visits_than_already_used(admin_http, incoming, alice, physician,
                                                   therapist):  # fmt: skip
    from tests.factories import signed_note_for

    signed_note_for(incoming, therapist)
    signed_note_for(incoming, therapist)
    url = reverse("referral_edit", kwargs={"referral_id": incoming.pk})
    payload = data(alice, physician, visits_authorized="1",
                   referral_date=incoming.referral_date.isoformat())  # fmt: skip
    response = admin_http.post(url, payload)
    assert "2 visits are already used" in response.content.decode()
    incoming.refresh_from_db()
    assert incoming.visits_authorized == 6


def test_it_refuses_an_expiry_before_the_date_on_edit(admin_http, incoming, alice, physician):
    url = reverse("referral_edit", kwargs={"referral_id": incoming.pk})
    before = incoming.expires_on
    bad = (incoming.referral_date - dt.timedelta(days=1)).isoformat()
    response = admin_http.post(url, data(alice, physician, expires_on=bad,
                                         referral_date=incoming.referral_date.isoformat()))  # fmt: skip
    assert response.status_code == 200
    incoming.refresh_from_db()
    assert incoming.expires_on == before


@pytest.mark.parametrize("name", ["referral_new", "referral_edit"])
@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
def test_it_refuses_non_admins(request, who, name, incoming):
    kwargs = {"referral_id": incoming.pk} if name == "referral_edit" else {}
    http = request.getfixturevalue(who)
    assert http.get(reverse(name, kwargs=kwargs)).status_code == 403
    assert http.post(reverse(name, kwargs=kwargs), {}).status_code == 403


def test_it_sends_anonymous_users_to_log_in(client):
    assert client.get(NEW).status_code == 302


def test_it_refuses_wrong_methods(admin_http, incoming):
    assert admin_http.put(NEW).status_code == 405
    for name in ("referral_transition", "referral_document_upload"):
        assert admin_http.get(reverse(name, kwargs={"referral_id": incoming.pk})).status_code == 405


# ---------------------------------------------------------------- status


def move(http, referral, to_status):
    url = reverse("referral_transition", kwargs={"referral_id": referral.pk})
    return http.post(url, {"to_status": to_status, "note": "phoned the office"}, follow=True)


def test_it_moves_a_referral_along_its_lifecycle(admin_http, incoming):
    response = move(admin_http, incoming, "verified")
    assert "Referral is now verified" in response.content.decode()
    incoming.refresh_from_db()
    assert incoming.status == "verified"
    last = incoming.transitions.last()
    assert (last.from_status, last.to_status, last.note) == ("received", "verified",
                                                             "phoned the office")  # fmt: skip
    assert AuditEvent.objects.filter(action="change", object_type="referral").exists()


def test_it_refuses_an_illegal_transition_with_a_message(admin_http, incoming):
    response = move(admin_http, incoming, "completed")
    assert "not allowed" in response.content.decode()
    incoming.refresh_from_db()
    assert incoming.status == "received"
    assert incoming.transitions.count() == 1


@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
def test_it_refuses_status_changes_by_non_admins(request, who, incoming):
    url = reverse("referral_transition", kwargs={"referral_id": incoming.pk})
    assert request.getfixturevalue(who).post(url, {"to_status": "verified"}).status_code == 403
    incoming.refresh_from_db()
    assert incoming.status == "received"


def test_it_answers_404_for_an_unknown_referral(admin_http):
    url = reverse("referral_transition", kwargs={"referral_id": 99999})
    assert admin_http.post(url, {"to_status": "verified"}).status_code == 404


# ---------------------------------------------------------------- documents


def upload(http, referral, content: bytes, name: str = "letter.pdf"):
    url = reverse("referral_document_upload", kwargs={"referral_id": referral.pk})
    return http.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_it_attaches_a_document_and_serves_it_back(admin_http, incoming):
    response = upload(admin_http, incoming, PDF_BYTES, "../../etc/passwd.pdf")
    assert "Document attached" in response.content.decode()
    document = incoming.documents.get()
    assert document.content_type == "application/pdf"
    assert "passwd" not in document.file.name
    download = admin_http.get(reverse("referral_document_download",
                                      kwargs={"document_id": document.pk}))  # fmt: skip
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "attachment" in download["Content-Disposition"]


def test_it_refuses_a_file_that_is_not_a_pdf_or_image(admin_http, incoming):
    response = upload(admin_http, incoming, b"MZ\x90\x00 not a pdf", "letter.pdf")
    assert "not a PDF, JPEG or PNG" in response.content.decode()
    assert not incoming.documents.exists()


def test_it_refuses_uploads_by_therapists(therapist_http, incoming):
    url = reverse("referral_document_upload", kwargs={"referral_id": incoming.pk})
    response = therapist_http.post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    assert response.status_code == 403
    assert not incoming.documents.exists()
