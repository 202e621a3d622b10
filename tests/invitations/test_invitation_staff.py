"""The front desk's pages: a new client and their invitation, the list with states, resend and
revoke; who may use them."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from intake.accounts.models import Client
from intake.audit.models import AuditEvent
from intake.invitations import services
from intake.invitations.models import Invitation
from tests.factories import make_intake

NEW = {"first_name": "Nina", "last_name": "Newman", "date_of_birth": "1970-03-04",
       "email": "nina@example.org", "phone": "", "send_invitation": "on"}  # fmt: skip


def test_it_creates_a_client_and_e_mails_the_invitation(
    admin_http, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_http.post("/staff/invitations/new/", NEW)
    client = Client.objects.get(email="nina@example.org")
    assert response.status_code == 302 and f"/staff/clients/{client.pk}/" in response["Location"]
    assert client.user is None
    assert Invitation.objects.get(client=client).email == "nina@example.org"
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(client=client, action="create").count() == 2


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"email": "", "phone": ""}, "Give an e-mail or a phone"),
        ({"email": ""}, "An invitation goes by e-mail"),
        ({"email": "alice@example.org"}, "already logs in"),
        ({"date_of_birth": "2999-01-01"}, "cannot be in the future"),
    ],
)
def test_it_refuses_what_cannot_be_right(admin_http, alice, change, error):
    response = admin_http.post("/staff/invitations/new/", {**NEW, **change})
    assert response.status_code == 200 and error in response.content.decode()
    assert not Client.objects.filter(first_name="Nina").exists()


def test_it_refuses_a_duplicate_person(admin_http, booked):
    response = admin_http.post("/staff/invitations/new/", {**NEW, "email": "n2@example.org"})
    assert b"already exists" in response.content
    assert Client.objects.filter(last_name="Newman").count() == 1


def test_a_phone_only_client_is_created_without_an_invitation(admin_http):
    data = {**NEW, "email": "", "phone": "555-0199", "send_invitation": ""}
    assert admin_http.post("/staff/invitations/new/", data).status_code == 302
    assert not Invitation.objects.exists()


def states(http) -> list[str]:
    import re

    page = http.get("/staff/invitations/").content.decode()
    return re.findall(r'data-testid="invitation-state">([^<]+)<', page)


def test_it_shows_each_state(therapist_http, sent, booked, admin_user, client):
    invitation, link = sent
    assert states(therapist_http) == ["Sent"]
    client.get(link)
    assert states(therapist_http) == ["Opened"]
    client.post(link, {"password1": "waiting-Room-2026", "password2": "waiting-Room-2026"})
    assert states(therapist_http) == ["Intake started"]
    booked.intakes.all().delete()
    make_intake(booked)
    assert states(therapist_http) == ["Intake submitted"]


def test_it_shows_expired_and_revoked(therapist_http, sent, admin_user):
    invitation, _ = sent
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    assert states(therapist_http) == ["Expired"]
    services.revoke(invitation=invitation, by=admin_user)
    assert states(therapist_http) == ["Revoked"]


def test_the_list_reads_a_fixed_number_of_queries(
    therapist_http, admin_user, django_assert_max_num_queries
):
    from tests.factories import make_client

    for n in range(2):
        services.invite(client=make_client(f"c{n}@example.org", "C", f"N{n}"), by=admin_user)
    with django_assert_max_num_queries(10):  # the audit event: chain head (and lock on PostgreSQL)
        therapist_http.get("/staff/invitations/")
    for n in range(2, 8):
        services.invite(client=make_client(f"c{n}@example.org", "C", f"N{n}"), by=admin_user)
    with django_assert_max_num_queries(10):  # the audit event: chain head (and lock on PostgreSQL)
        therapist_http.get("/staff/invitations/")


def test_staff_resend_and_revoke(admin_http, sent, django_capture_on_commit_callbacks):
    invitation, _ = sent
    with django_capture_on_commit_callbacks(execute=True):
        admin_http.post(f"/staff/invitations/{invitation.pk}/resend/")
    assert len(mail.outbox) == 2
    admin_http.post(f"/staff/invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.revoked_at and invitation.times_sent == 2
    admin_http.post(f"/staff/invitations/{invitation.pk}/resend/")
    invitation.refresh_from_db()
    assert invitation.times_sent == 2  # a revoked link is not sent again


def test_staff_invite_an_existing_client_without_a_login(admin_http, booked):
    response = admin_http.post(f"/staff/clients/{booked.pk}/invite/")
    assert response.status_code == 302
    assert Invitation.objects.filter(client=booked).count() == 1


def test_a_client_with_a_login_is_not_invited(admin_http, alice):
    admin_http.post(f"/staff/clients/{alice.pk}/invite/")
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("url", ["/staff/invitations/", "/staff/invitations/new/"])
def test_clients_and_visitors_are_kept_out(client, alice_http, url):
    assert client.get(url).status_code == 302
    assert alice_http.get(url).status_code == 403


def test_the_actions_refuse_get_and_clients(alice_http, admin_http, sent):
    invitation, _ = sent
    for action in ("resend", "revoke"):
        assert admin_http.get(f"/staff/invitations/{invitation.pk}/{action}/").status_code == 405
        assert alice_http.post(f"/staff/invitations/{invitation.pk}/{action}/").status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and invitation.times_sent == 1


def test_the_front_desk_finds_a_client_s_intake_access_page(therapist_http, alice, bob):
    page = therapist_http.get("/staff/invitations/", {"q": "Anders"}).content.decode()
    assert f"/staff/clients/{alice.pk}/intake-access/" in page
    assert f"/staff/clients/{bob.pk}/intake-access/" not in page
    access = therapist_http.get(f"/staff/clients/{alice.pk}/intake-access/")
    assert access.status_code == 200 and b"Alice Anders" in access.content
