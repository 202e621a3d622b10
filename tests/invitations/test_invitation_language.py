"""Invitations in the client's language: the front desk records it, the e-mail follows it, the
link's pages follow the reader's browser or choice."""

from django.core import mail

from intake.accounts.models import Client
from tests.invitations.conftest import link_in
from tests.invitations.test_invitation_staff import NEW


def test_the_front_desk_records_the_language_and_the_e_mail_is_in_it(
    admin_http, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_http.post("/staff/invitations/new/", {**NEW, "language": "es"})
    assert response.status_code == 302
    assert Client.objects.get(first_name="Nina").language == "es"
    message = mail.outbox[-1]
    assert message.subject.startswith("Su formulario de admisión para ")
    assert "El enlace funciona una sola vez" in message.body and link_in(message)
    assert "Nina" not in message.body and "Newman" not in message.body


def test_the_e_mail_is_in_french_for_a_french_reader(
    booked, admin_user, django_capture_on_commit_callbacks
):
    from intake.invitations.services import invite

    booked.language = "fr"
    booked.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(client=booked, by=admin_user)
    body = mail.outbox[-1].body
    assert body.startswith("Bonjour,") and "ne fonctionne qu'une fois" in body


def test_the_e_mail_is_in_the_clinics_language_when_none_is_known(sent):
    assert mail.outbox[-1].body.startswith("Hello,")


def test_it_refuses_a_language_the_clinic_does_not_offer(admin_http):
    response = admin_http.post("/staff/invitations/new/", {**NEW, "language": "de"})
    assert response.status_code == 200 and not Client.objects.filter(first_name="Nina").exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_link_page_follows_the_readers_language(client, sent):
    _invitation, link = sent
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="fr">' in html and "Bienvenue : choisissez votre mot de passe" in html


def test_a_refused_link_says_why_in_spanish(client, db):
    page = client.get(
        "/invite/not-a-real-token-at-all-000000000000000000/", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "Este enlace no se puede usar" in page.content.decode()
