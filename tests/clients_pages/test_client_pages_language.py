"""Issue 16: the client's own pages in French and Spanish. Their home page, their intakes list,
an intake's summary, a signed visit note and the summary PDF read in the client's language, with
dates in that language's format and ``<html lang>`` set; what the client or the therapist typed
stays as typed (and escaped). Labels that come from the wizard's questions, the body map or the
referral ledger are those modules' own and are not checked here."""

import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import make_intake, make_note, make_physician, make_referral

pytestmark = pytest.mark.django_db

HOME = reverse("client_home")
MARKUP = '<b>bold?</b> <img src="/etc/passwd"/>'
VISIT = dt.date(2026, 2, 3)
PSFS = [{"activity": "Walking uphill", "score": 4}, {"activity": "Sitting", "score": 5}]


def summary_url(intake) -> str:
    return reverse("my_intake_summary", kwargs={"intake_id": intake.pk})


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def speaks(client, language: str) -> None:
    client.language = language
    client.save()


def page(http, url: str, **headers) -> str:
    response = http.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------- the home page


def test_the_home_page_is_in_french_for_a_french_client(alice, alice_http, therapist2):
    speaks(alice, "fr")
    make_note(alice, therapist2, signed=True, visit_date=VISIT)
    make_intake(alice)
    html = page(alice_http, HOME)
    assert '<html lang="fr">' in html
    assert "Bonjour, Alice" in html and "Vos visites" in html and "Votre vie privée" in html
    assert "3 février 2026" in html and "Avec Theo Kneader" in html
    assert "Dernier envoi le " in html and "Tous mes questionnaires" in html
    assert "Your visits" not in html and "Hello, Alice" not in html


def test_the_home_page_is_in_spanish_when_the_browser_asks_for_it(
    alice, alice_http, therapist2, settings
):
    settings.CLIENTS_SEE_SIGNED_NOTES = True
    note = make_note(alice, therapist2, signed=True, visit_date=VISIT)
    html = page(alice_http, HOME, HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="es">' in html
    assert "Hola, Alice" in html and "Sus visitas" in html and "Con Theo Kneader" in html
    assert "3 de febrero de 2026" in html
    assert "Leer la nota de la visita" in html and "del 3 de febrero de 2026" in html
    assert reverse("my_note", kwargs={"note_id": note.pk}) in html
    assert "Empezar mi formulario" in html  # no intake yet


def test_the_home_page_names_an_unnamed_therapist_in_the_clients_language(
    alice, alice_http, therapist
):
    therapist.first_name = therapist.last_name = ""
    therapist.save()
    make_note(alice, therapist, signed=True, visit_date=VISIT)
    speaks(alice, "fr")
    assert "Avec votre thérapeute" in page(alice_http, HOME)
    speaks(alice, "es")
    assert "Con su terapeuta" in page(alice_http, HOME)


def test_the_home_page_stays_english_by_default(alice, alice_http, therapist2):
    make_note(alice, therapist2, signed=True, visit_date=VISIT)
    html = page(alice_http, HOME)
    assert '<html lang="en">' in html and "Hello, Alice" in html and "3 Feb 2026" in html


def test_the_picked_language_wins_over_the_record(alice, alice_http):
    speaks(alice, "es")
    alice_http.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = page(alice_http, HOME)
    assert '<html lang="fr">' in html and "Bonjour, Alice" in html


def test_the_landing_page_follows_the_browser(client):
    html = page(client, "/", HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="fr">' in html and "Créer un compte" in html
    html = page(client, "/", HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="es">' in html and "Crear una cuenta" in html


# ---------------------------------------------------------------- intakes list and summary


def test_the_intakes_list_is_in_spanish(alice, alice_http):
    speaks(alice, "es")
    make_intake(alice)
    make_intake(alice, submitted=False)
    html = page(alice_http, reverse("my_intakes"))
    assert '<html lang="es">' in html and "Mis formularios" in html
    assert "Enviado el " in html and "Borrador (paso 7 de 7)" in html
    assert "Resumen" in html and "Continuar" in html and "Submitted" not in html


def test_the_summary_is_in_french_with_typed_text_as_typed(alice, alice_http):
    speaks(alice, "fr")
    intake = make_intake(alice, main_complaint=MARKUP, first_episode=True)
    make_referral(alice, intake=intake, physician=make_physician("Dr. Jane Roe"))
    html = page(alice_http, summary_url(intake))
    assert '<html lang="fr">' in html
    assert "Résumé du questionnaire d'accueil : Alice Anders" in html
    assert "Né(e) le 15 juin 1975" in html and "Télécharger en PDF" in html
    assert "Problème principal" in html and "la première fois" in html
    assert "Signé en tapant le nom « Alice Anders » le " in html
    assert "Dr. Jane Roe" in html and "Visites autorisées" in html and "valable jusqu" in html
    assert MARKUP not in html and "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_the_summary_is_in_spanish(alice, alice_http):
    speaks(alice, "es")
    intake = make_intake(alice)
    html = page(alice_http, summary_url(intake))
    assert '<html lang="es">' in html
    assert "Resumen del formulario de admisión: Alice Anders" in html
    assert "Nacido/a el 15 de junio de 1975" in html and "Antecedentes de salud" in html
    assert "Firmado escribiendo el nombre «Alice Anders» el " in html
    assert "Sin remisión de un médico." in html and "Intake summary" not in html


# ---------------------------------------------------------------- the visit note


def test_a_signed_note_reads_in_spanish(alice, alice_http, therapist2, settings):
    settings.CLIENTS_SEE_SIGNED_NOTES = True
    speaks(alice, "es")
    note = make_note(alice, therapist2, signed=True, visit_date=VISIT)
    html = page(alice_http, reverse("my_note", kwargs={"note_id": note.pk}))
    assert '<html lang="es">' in html and "Su visita del 3 de febrero de 2026" in html
    assert "Con Theo Kneader · 60 min · firmado el " in html
    assert "No es un diagnóstico médico" in html and "Volver a mi página" in html
    assert "Pain down the back of the left leg after long sitting" in html  # as typed


# ---------------------------------------------------------------- the summary PDF


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            [
                "Résumé du questionnaire d'accueil",
                "Date de naissance: 15 juin 1975",
                "Problème principal",
                "Antécédents de santé",
                "Signé en tapant le nom « Alice Anders » le ",
                "Pas de recommandation d'un médecin.",
                "Moyenne 4,5",
                "Page 1 sur 1",  # the page frame too
                "Renseignements de santé confidentiels.",
                "Alice Anders · né(e) le 15 juin 1975",
            ],
        ),
        (
            "es",
            [
                "Resumen del formulario de admisión",
                "Fecha de nacimiento: 15 de junio de 1975",
                "Molestia principal",
                "Antecedentes de salud",
                "Firmado escribiendo el nombre «Alice Anders» el ",
                "Sin remisión de un médico.",
                "Media 4,5",
                "Página 1 de 1",
                "Información de salud confidencial.",
                "Alice Anders · nacimiento: 15 de junio de 1975",
            ],
        ),
    ],
)
def test_the_summary_pdf_is_in_the_clients_language(alice, alice_http, language, words):
    speaks(alice, language)
    intake = make_intake(
        alice, main_complaint="Pain down my left leg", medications=MARKUP, psfs=PSFS
    )
    text = pdf_text(alice_http.get(reverse("my_intake_pdf", kwargs={"intake_id": intake.pk})))
    for word in words:
        assert word in text, (language, word)
    assert "Pain down my left leg" in text and MARKUP in text  # typed text, literally
    assert "Main complaint" not in text and "Signed by typing" not in text
    assert "Page 1 of" not in text and "Confidential health" not in text and "DOB" not in text


def test_the_summary_pdf_uses_the_clients_record_and_english_by_default(alice, alice_http):
    intake = make_intake(alice, psfs=PSFS)
    url = reverse("my_intake_pdf", kwargs={"intake_id": intake.pk})
    english = pdf_text(alice_http.get(url))
    assert "Main complaint" in english and "Born: 15 Jun 1975" in english
    assert "Mean 4.5" in english
    speaks(alice, "es")  # picked on their phone; this browser still has French picked
    alice_http.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "Molestia principal" in pdf_text(alice_http.get(url))


def test_a_guardians_consent_prints_in_french_escaped(alice, alice_http):
    speaks(alice, "fr")
    intake = make_intake(alice)
    intake.guardian_name = "Gina <i>Anders</i>"
    intake.guardian_relationship = "mère"
    intake.guardian_signature = "Gina Anders"
    intake.save()
    text = pdf_text(alice_http.get(reverse("my_intake_pdf", kwargs={"intake_id": intake.pk})))
    assert (
        "Consentement d'un parent ou tuteur : Gina <i>Anders</i> (mère), signé en tapant le nom "
        "« Gina Anders »." in " ".join(text.split())
    )


def test_the_home_page_lists_handout_titles_in_the_clients_language(alice, alice_http, therapist):
    from intake.handouts.models import HandoutTemplate
    from intake.handouts.seed import load_library
    from tests.factories import make_handout

    load_library()
    template = HandoutTemplate.objects.exclude(translations={}).first()
    make_handout(alice, therapist, template=template, assigned=True)
    speaks(alice, "es")
    page = alice_http.get(reverse("client_home")).content.decode()
    assert template.translations["es"]["title"] in page
