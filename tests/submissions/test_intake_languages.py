"""Issue 16: the intake wizard in French and Spanish. Each step's page (its heading, labels, a
question, and an error message after an invalid answer, with ``<html lang>``), the screening
questions and the urgent advice in the client's language (without JavaScript too: the page the
server sends back, and the next step's), the review before consent, the done page and the
"Save and finish later" message; what is stored stays codes and booleans, whatever the language.
The body map's own words are tested in tests/body_map/test_body_map_language.py."""

import html

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from intake.submissions import screening
from intake.submissions.consent_form import CONSENT_TEXT
from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import step_data
from tests.submissions.test_intake_wizard import start, step_url

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es"]


def speaks(client, language: str) -> None:
    client.language = language
    client.save()


def in_language(language: str, text) -> str:  # noqa: ANN001 (a lazy translation)
    with translation.override(language):
        return str(text)


def page(http, url: str) -> str:
    response = http.get(url)
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def post(http, intake, step, **answers):
    response = http.post(step_url(intake, step), step_data(step, **answers))
    assert response.status_code == 302, (step, response.content.decode()[:2000])
    return response


def sent_back(http, intake, step, data) -> str:
    """An invalid answer: the page comes back (200) with its messages."""
    response = http.post(step_url(intake, step), data)
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def answered_until(http, step: int, **safety):
    """A new draft with steps 1 to ``step`` saved (``safety``: answers on step 5)."""
    intake = start(http)
    for number in range(1, step + 1):
        post(http, intake, number, **(safety if number == 5 else {}))
    return intake


# Each step: (what the page says, in French and in Spanish), the words that must be there.
STEP_WORDS = {
    1: {
        "fr": ["Étape 1 sur 7 :", "À propos de vous", "Votre questionnaire d'accueil", "Prénom",
               "Nom de famille", "Date de naissance", "Adresse",
               "Numéro de téléphone", "Qui devons-nous appeler en cas d'urgence ?",
               "Personne à joindre en cas d'urgence : téléphone", "Enregistrer et continuer",
               "Enregistrer et terminer plus tard"],
        "es": ["Paso 1 de 7:", "Sobre usted", "Su formulario de admisión", "Nombre", "Apellido",
               "Fecha de nacimiento", "Dirección", "Número de teléfono",
               "¿A quién debemos llamar en caso de emergencia?",
               "Contacto de emergencia: teléfono", "Guardar y continuar",
               "Guardar y terminar más tarde"],
    },
    2: {"fr": ["Étape 2 sur 7 :", "Où vous le sentez", "Retour"],
        "es": ["Paso 2 de 7:", "Dónde lo siente", "Atrás"]},
    3: {
        "fr": ["Étape 3 sur 7 :", "Vos symptômes", "Quand cela a-t-il commencé ?", "septembre",
               "Petit à petit, sans raison claire", "Qu'est-ce qui aggrave le problème ?",
               "Tousser ou éternuer", "Activités qui vous sont difficiles"],
        "es": ["Paso 3 de 7:", "Sus síntomas", "¿Cuándo empezó?", "septiembre",
               "Poco a poco, sin una razón clara", "¿Qué lo empeora?", "Toser o estornudar",
               "Actividades que le resultan difíciles"],
    },
    4: {"fr": ["Étape 4 sur 7 :", "Antécédents de santé", "Médicaments que vous prenez", "Oui",
               "Non"],
        "es": ["Paso 4 de 7:", "Antecedentes de salud", "Medicamentos que toma", "Sí", "No"]},
    5: {"fr": ["Étape 5 sur 7 :", "Questions de sécurité",
               "Ces questions cherchent des signes qui demandent de voir un médecin"],
        "es": ["Paso 5 de 7:", "Preguntas de seguridad",
               "Estas preguntas buscan señales que necesitan un médico"]},
    6: {"fr": ["Étape 6 sur 7 :", "Recommandation du médecin",
               "Un médecin vous a-t-il recommandé à nous ?", "Le médecin qui vous a recommandé"],
        "es": ["Paso 6 de 7:", "Remisión del médico", "¿Le remitió un médico a nosotros?",
               "El médico que le remitió"]},
}  # fmt: skip

# Each step: an invalid post (the step's valid data changed) and the message it brings back.
INVALID = {
    1: ({"phone": "call me"}, "Tapez un numéro de téléphone avec son indicatif régional",
        "Escriba un número de teléfono con su prefijo"),
    3: ({"symptoms_started_year": ""}, "Choisissez le mois et tapez l'année",
        "Elija el mes y escriba el año"),
    4: ({"pregnant": ""}, "Veuillez répondre oui ou non.", "Responda sí o no."),
    5: ({"bladder_change": ""}, "Veuillez répondre oui ou non.", "Responda sí o no."),
    6: ({"referred": "yes"}, "Choisissez votre médecin dans la liste, ou tapez son nom.",
        "Elija a su médico de la lista, o escriba su nombre."),
    7: ({"agree": ""}, "Veuillez cocher la case pour donner votre consentement.",
        "Marque la casilla para dar su consentimiento."),
}  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6])
def test_each_step_reads_in_the_clients_language(alice, alice_http, language, step):
    speaks(alice, language)
    intake = answered_until(alice_http, step - 1)
    text = page(alice_http, step_url(intake, step))
    assert f'<html lang="{language}">' in text
    missing = [words for words in STEP_WORDS[step][language] if words not in text]
    assert not missing, missing
    assert "Save and continue" not in text and "Your intake" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_screening_questions_read_in_the_clients_language(alice, alice_http, language):
    speaks(alice, language)
    intake = answered_until(alice_http, 4)
    safety = page(alice_http, step_url(intake, 5))
    for q in screening.asked_on_safety_step(()):
        assert in_language(language, q.question) in safety, q.field
        assert in_language("en", q.question) not in safety, q.field  # not the English
    # The advice the script shows after an urgent yes is already on the page, in the language.
    assert in_language(language, screening.URGENT_ADVICE) in safety
    history = page(alice_http, step_url(intake, 4))
    for q in screening.HISTORY_QUESTIONS.values():
        assert in_language(language, q.question) in history, q.field


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("step", sorted(INVALID))
def test_an_invalid_answer_comes_back_with_its_message_in_the_language(
    alice, alice_http, language, step
):
    speaks(alice, language)
    intake = answered_until(alice_http, step - 1)
    change, french, spanish = INVALID[step]
    text = sent_back(alice_http, intake, step, step_data(step, **change))
    assert f'<html lang="{language}">' in text
    assert (french if language == "fr" else spanish) in text
    assert "Please answer yes or no." not in text and "Some answers need another look" not in text


def test_the_picked_language_wins_over_the_clients_record(alice, alice_http):
    speaks(alice, "es")
    alice_http.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    intake = answered_until(alice_http, 0)
    text = page(alice_http, step_url(intake, 1))
    assert '<html lang="fr">' in text and "À propos de vous" in text


def test_the_start_page_follows_the_browser(alice_http):
    response = alice_http.get(reverse("intake_start"), HTTP_ACCEPT_LANGUAGE="es")
    text = html.unescape(response.content.decode())
    assert '<html lang="es">' in text
    assert "Empezar mi formulario de admisión" in text and "Start my intake" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_urgent_advice_without_javascript_is_in_the_language(alice, alice_http, language):
    """The page sent back with an urgent yes (another question left unanswered) opens on the
    advice, and the next step after an urgent yes shows it at the top: both in the language."""
    speaks(alice, language)
    intake = answered_until(alice_http, 4)
    advice = in_language(language, screening.URGENT_ADVICE)
    heading = {"fr": "Veuillez obtenir de l'aide médicale aujourd'hui",
               "es": "Busque atención médica hoy"}[language]  # fmt: skip
    text = sent_back(alice_http, intake, 5, step_data(5, saddle_numbness="yes", bladder_change=""))
    assert 'data-testid="urgent-advice"' in text and text.count(advice) == 2
    assert heading in text and in_language("en", screening.URGENT_ADVICE) not in text
    response = post(alice_http, intake, 5, saddle_numbness="yes")
    assert response["Location"].endswith("#urgent-advice")
    after = page(alice_http, step_url(intake, 6))
    assert 'data-testid="urgent-advice"' in after and advice in after and heading in after


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_review_before_consent_is_in_the_language(alice, alice_http, language):
    speaks(alice, language)
    intake = answered_until(alice_http, 6, calf_warm_swollen="yes")
    text = page(alice_http, step_url(intake, 7))
    words = {
        "fr": ["Vérifiez vos réponses", "Modifier", "Date de naissance", "15 juin 1975",
               "1 septembre 2026", "Oui", "Non",
               "Petit à petit, sans raison claire", "Être assis(e), Me pencher en avant",
               "Mes réponses sont justes : passer au consentement"],
        "es": ["Revise sus respuestas", "Cambiar", "Fecha de nacimiento", "15 de junio de 1975",
               "1 de septiembre de 2026", "Sí", "No",
               "Poco a poco, sin una razón clara", "Estar sentado/a, Inclinarme hacia delante",
               "Mis respuestas son correctas: pasar al consentimiento"],
    }[language]  # fmt: skip
    missing = [w for w in words if w not in text]
    assert not missing, missing
    calf = screening.QUESTION_BY_FIELD["calf_warm_swollen"]
    assert in_language(language, calf.question) in text
    assert "Check your answers" not in text and "Not answered" not in text
    consent = page(alice_http, step_url(intake, 7) + "?sign=1")
    assert in_language(language, CONSENT_TEXT) in consent
    assert {"fr": "Tapez votre nom complet en guise de signature",
            "es": "Escriba su nombre completo como firma"}[language] in consent  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_done_page_gives_the_advice_in_the_language(alice, alice_http, language):
    speaks(alice, language)
    intake = answered_until(alice_http, 6, saddle_numbness="yes", calf_warm_swollen="yes")
    post(alice_http, intake, 7)
    text = page(alice_http, reverse("intake_done", kwargs={"intake_id": intake.pk}))
    assert f'<html lang="{language}">' in text
    assert in_language(language, screening.URGENT_ADVICE) in text
    assert in_language(language, screening.CALF_ADVICE) in text
    assert {"fr": "Votre questionnaire d'accueil a été envoyé à la clinique",
            "es": "Su formulario de admisión se envió a la clínica"}[language] in text  # fmt: skip


def test_the_physician_advice_is_in_the_language(alice, alice_http):
    speaks(alice, "es")
    intake = answered_until(alice_http, 6, unexplained_weight_loss="yes")
    post(alice_http, intake, 7)
    text = page(alice_http, reverse("intake_done", kwargs={"intake_id": intake.pk}))
    assert in_language("es", screening.PHYSICIAN_ADVICE) in text
    assert "Gracias: su formulario de admisión se envió a la clínica" in text


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "Enregistré : les réponses des étapes 1 à 3 sont conservées. Continuez quand "
               "vous voulez : votre questionnaire d'accueil s'ouvrira à l'étape 4, Antécédents "
               "de santé."),
        ("es", "Guardado: las respuestas de los pasos 1 a 3 se conservan. Continúe cuando "
               "quiera: su formulario de admisión se abrirá en el paso 4, Antecedentes de salud."),
    ],
)  # fmt: skip
def test_save_and_finish_later_says_so_in_the_language(alice, alice_http, language, said):
    speaks(alice, language)
    intake = answered_until(alice_http, 2)
    response = alice_http.post(step_url(intake, 3), {**step_data(3), "go": "later"}, follow=True)
    assert said in html.unescape(response.content.decode())


def test_a_french_intake_stores_the_same_codes_and_answers(alice, alice_http):
    speaks(alice, "fr")
    intake = answered_until(alice_http, 6, saddle_numbness="yes")
    post(alice_http, intake, 7)
    intake = IntakeSubmission.objects.get(pk=intake.pk)
    assert intake.status == "submitted" and intake.flag_level == "urgent"
    assert intake.onset == "gradual" and intake.first_episode is False
    assert intake.worse_with == ["sitting", "bending"] and intake.better_with == ["walking"]
    assert intake.saddle_numbness is True and intake.bladder_change is False
    assert intake.pregnant is False and intake.consents_to_glute_work is True
    assert sorted(m.region for m in intake.marks.all()) == ["back_thigh_l", "calf_l"]
    assert intake.marks.get(region="back_thigh_l").sensations == ["pain", "tingling"]
    assert intake.symptoms_started.isoformat() == "2026-09-01"
    assert intake.referral_details == {"referred": False}
