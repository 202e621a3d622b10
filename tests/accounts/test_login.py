import pytest
from django.core import mail

from intake.audit.models import AuditEvent
from tests.conftest import PASSWORD, totp_code, verified_device


@pytest.mark.parametrize(
    ("fixture", "home"),
    [("alice", "/me/"), ("therapist", "/staff/"), ("admin_user", "/staff/office/")],
)
def test_it_lands_each_role_on_its_own_home(client, request, fixture, home):
    """Clients after their password; staff after their password and their authenticator's code."""
    obj = request.getfixturevalue(fixture)
    user = getattr(obj, "user", obj)
    staff = user.is_clinic_staff
    device = verified_device(user) if staff else None
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": PASSWORD}, follow=True
    )
    if staff:
        assert response.redirect_chain[-1][0] == "/accounts/two-factor/?next=%2F"
        response = client.post(
            "/accounts/two-factor/", {"code": totp_code(device), "next": "/"}, follow=True
        )
    assert response.redirect_chain[-1][0] == home
    assert response.status_code == 200
    assert AuditEvent.objects.filter(user=user, action="login").count() == (2 if staff else 1)


def test_it_rejects_a_wrong_password_and_audits_it(client, therapist):
    response = client.post("/accounts/login/", {"username": therapist.email, "password": "nope"})
    assert response.status_code == 200
    assert "correct" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login-failed").count() == 1


def test_it_logs_out_on_post_only(therapist_http):
    assert therapist_http.get("/accounts/logout/").status_code == 405
    response = therapist_http.post("/accounts/logout/")
    assert response.status_code == 302
    assert therapist_http.get("/staff/").status_code == 302


def test_it_sends_a_password_reset_email(client, alice):
    response = client.post("/accounts/password-reset/", {"email": alice.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_it_reveals_nothing_for_an_unknown_reset_address(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
