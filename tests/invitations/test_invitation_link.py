"""The invitation link's lifecycle: open, set a password, land in the intake linked to the
record; used twice, expired, revoked, tampered or resent links are refused plainly, never naming
whose link it was; only a hash of the token is stored."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from intake.accounts.models import Client, User
from intake.audit.models import AuditEvent
from intake.invitations import services
from intake.invitations.models import Invitation
from tests.invitations.conftest import link_in

PASSWORD = "waiting-Room-2026"


def set_password(http, link, password=PASSWORD):
    return http.post(link, {"password1": password, "password2": password})


def assert_refused(response, words: str) -> None:
    body = response.content.decode()
    assert response.status_code == 410
    assert words in body
    assert "Nina" not in body and "Newman" not in body and "nina@example.org" not in body
    assert 'href="/accounts/login/"' in body


def test_it_stores_only_a_hash_of_the_token(sent):
    invitation, link = sent
    token = link.split("/")[2]
    stored = Invitation.objects.get(pk=invitation.pk)
    assert token not in stored.token_hash and stored.token_hash == services.hash_token(token)
    assert len(token) >= 40


def test_it_e_mails_a_link_without_health_details(sent, booked):
    message = mail.outbox[-1]
    assert message.to == ["nina@example.org"]
    assert "Newman" not in message.body and "Nina" not in message.body
    assert "works once" in message.body


def test_it_sets_a_password_and_lands_in_the_linked_intake(client, sent, booked):
    invitation, link = sent
    page = client.get(link)
    assert page.status_code == 200 and b"nina@example.org" in page.content
    response = set_password(client, link)
    assert response.status_code == 302
    assert "/step/1/" in response["Location"]
    booked.refresh_from_db()
    assert booked.user.email == "nina@example.org"
    assert Client.objects.filter(email="nina@example.org").count() == 1
    assert booked.intakes.filter(status="draft").count() == 1
    assert client.get(response["Location"]).status_code == 200
    invitation.refresh_from_db()
    assert invitation.used_at and invitation.opened_at
    assert AuditEvent.objects.filter(client=booked, detail="invitation used").exists()


def test_it_refuses_a_link_used_twice(client, sent):
    _, link = sent
    set_password(client, link)
    client.logout()
    assert_refused(client.get(link), "already been used")
    assert_refused(set_password(client, link, "another-Pass-2026"), "already been used")
    assert User.objects.filter(email="nina@example.org").count() == 1


def test_it_refuses_an_expired_link(client, sent):
    invitation, link = sent
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert_refused(client.get(link), "expired")
    assert_refused(set_password(client, link), "expired")
    assert not User.objects.filter(email="nina@example.org").exists()


def test_it_expires_after_the_setting(settings, booked, admin_user):
    settings.INVITATION_EXPIRY_DAYS = 3
    invitation = services.invite(client=booked, by=admin_user)
    left = invitation.expires_at - timezone.now()
    assert dt.timedelta(days=2, hours=23) < left <= dt.timedelta(days=3)


def test_it_refuses_a_revoked_link(client, sent, admin_user):
    invitation, link = sent
    assert services.revoke(invitation=invitation, by=admin_user)
    assert_refused(client.get(link), "withdrawn")
    assert_refused(set_password(client, link), "withdrawn")


@pytest.mark.parametrize("change", ["last", "cut", "extra", "unknown"])
def test_it_refuses_a_tampered_link(client, sent, change):
    _, link = sent
    token = link.split("/")[2]
    tampered = {
        "last": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "cut": token[:-4],
        "extra": token + "x",
        "unknown": "x" * 43,
    }[change]
    response = client.get(f"/invite/{tampered}/")
    assert_refused(response, "do not recognise")
    assert_refused(set_password(client, f"/invite/{tampered}/"), "do not recognise")
    assert not User.objects.filter(email="nina@example.org").exists()


def test_a_resent_link_replaces_the_old_one(client, sent, django_capture_on_commit_callbacks):
    invitation, old_link = sent
    with django_capture_on_commit_callbacks(execute=True):
        services.resend(invitation=invitation)
    new_link = link_in(mail.outbox[-1])
    assert new_link != old_link
    assert_refused(client.get(old_link), "do not recognise")
    assert client.get(new_link).status_code == 200
    invitation.refresh_from_db()
    assert invitation.times_sent == 2


def test_a_new_invitation_revokes_the_open_one(client, sent, booked, admin_user):
    invitation, link = sent
    services.invite(client=booked, by=admin_user)
    assert_refused(client.get(link), "withdrawn")
    assert Invitation.objects.filter(client=booked, revoked_at__isnull=True).count() == 1


def test_it_asks_a_signed_in_person_to_log_out_first(alice_http, sent):
    _, link = sent
    assert alice_http.get(link).status_code == 409
    assert set_password(alice_http, link).status_code == 409
    assert not User.objects.filter(email="nina@example.org").exists()


def test_it_refuses_a_weak_password_and_keeps_the_link(client, sent):
    _, link = sent
    response = set_password(client, link, "newman1234")
    assert response.status_code == 200
    assert not User.objects.filter(email="nina@example.org").exists()
    assert set_password(client, link).status_code == 302


def test_it_sends_an_existing_login_to_log_in(client, sent):
    _, link = sent
    User.objects.create_user(email="nina@example.org", password=PASSWORD)
    response = client.get(link)
    assert response.status_code == 409 and b"already have an account" in response.content
    assert set_password(client, link).status_code == 409
