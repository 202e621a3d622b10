"""The client e-mails in the client's language (their record; the clinic's default until they
pick one), still without a health detail."""

import pytest
from django.core import mail

from intake.notifications import emails
from tests.clients_pages.test_client_emails import _mail, assert_no_health_details, submit  # noqa: F401
from tests.factories import make_handout, make_intake

pytestmark = pytest.mark.django_db


def test_the_intake_receipt_is_in_french_for_a_french_reader(
    alice, django_capture_on_commit_callbacks
):
    alice.language = "fr"
    alice.save()
    intake = make_intake(alice, submitted=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(intake)
    (message,) = mail.outbox
    assert message.subject == "Elm & Oak <Massage> a reçu votre questionnaire d'accueil"
    assert message.body.startswith("Bonjour,") and "connectez-vous :" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html and "Connectez-vous pour voir ce que vous avez envoyé" in html
    assert_no_health_details(message, "douleur", "jambe", "dos")


def test_the_handout_note_is_in_spanish_for_a_spanish_reader(alice, therapist):
    from intake.handouts.models import Exercise
    from intake.handouts.seed import load_library
    from intake.handouts.services import assign_handout

    load_library()
    slugs = list(Exercise.objects.values_list("slug", flat=True)[:2])
    handout = make_handout(alice, therapist, slugs=slugs)

    alice.language = "es"
    alice.save()
    assign_handout(handout=handout)
    mail.outbox.clear()
    assert emails.handout_given(handout.pk) == 1
    message = mail.outbox[-1]
    assert message.subject == "Tiene un documento de Elm & Oak <Massage> esperándole"
    assert "Hola:" in message.body and "inicie sesión:" in message.body
    assert_no_health_details(message, "dolor", "pierna", "espalda")


def test_the_receipt_stays_in_english_when_the_client_chose_nothing(
    alice, django_capture_on_commit_callbacks
):
    intake = make_intake(alice, submitted=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(intake)
    assert mail.outbox[-1].body.startswith("Hello,")
