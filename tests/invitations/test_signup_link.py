"""Signing up with the e-mail of a client the front desk booked links to that record (through a
link e-mailed to the address) instead of creating a second client."""

from django.core import mail

from intake.accounts.models import Client, User
from tests.invitations.conftest import link_in

FORM = {"first_name": "Nina", "last_name": "Newman", "email": "Nina@Example.org",
        "password1": "waiting-Room-2026", "password2": "waiting-Room-2026"}  # fmt: skip


def test_it_e_mails_a_link_instead_of_a_second_client(
    client, booked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", FORM)
    assert response.status_code == 200
    assert b"Check your e-mail" in response.content
    assert Client.objects.count() == 1
    assert not User.objects.filter(email="nina@example.org").exists()
    link = link_in(mail.outbox[-1])
    assert mail.outbox[-1].to == ["nina@example.org"]
    pw = FORM["password1"]
    client.post(link, {"password1": pw, "password2": pw})
    booked.refresh_from_db()
    assert booked.user is not None and Client.objects.count() == 1


def test_a_new_person_still_signs_up_at_once(client, booked):
    response = client.post("/accounts/signup/", {**FORM, "email": "other@example.org"})
    assert response.status_code == 302
    assert Client.objects.filter(email="other@example.org").count() == 1
