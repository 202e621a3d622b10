"""The clinic's own questions in the client's language: an admin writes the French and Spanish
wording beside the clinic's; a client reads theirs (the clinic's words when none was given) and
the answer is stored in the clinic's words, so staff and the flags read one value."""

import re

import pytest
from django.urls import reverse

from intake.questions.models import ClinicAnswer, ClinicQuestionVersion
from tests.factories import make_intake
from tests.fixtures.submissions import step_data
from tests.questions.helpers import field, make_question, step_url
from tests.questions.test_admin_views import NEW, form, url

pytestmark = pytest.mark.django_db

OILS = "Almond\nJojoba\nNone of these"


def test_an_admin_gives_the_wording_in_french_and_spanish(admin_http):
    response = admin_http.post(NEW, form(
        kind="one", choices=OILS, text="Which oil suits you?",
        text_fr="  Quelle huile vous convient ? ", choices_fr="Amande\nJojoba\nAucune de ces huiles",
        text_es="¿Qué aceite le conviene?", choices_es="Almendra\nJojoba\nNinguno de estos",
    ))  # fmt: skip
    assert response.status_code == 302
    version = ClinicQuestionVersion.objects.get()
    assert version.translations == {
        "fr": {"text": "Quelle huile vous convient ?",
               "choices": ["Amande", "Jojoba", "Aucune de ces huiles"]},
        "es": {"text": "¿Qué aceite le conviene?",
               "choices": ["Almendra", "Jojoba", "Ninguno de estos"]},
    }  # fmt: skip
    page = admin_http.get(url("question_edit", version.question)).content.decode()
    assert 'value="Quelle huile vous convient ?"' in page and "Ninguno de estos" in page


@pytest.mark.parametrize(
    "fields, error_field",
    [
        ({"text_fr": "Quelle huile ?", "choices_fr": "Amande\nJojoba"}, "choices_fr"),  # 2 of 3
        ({"choices_fr": "Amande\nJojoba\nAucune"}, "text_fr"),  # choices without the question
        ({"text_fr": "Quelle huile ?"}, "choices_fr"),  # the question without its choices
    ],
)
def test_it_refuses_a_translation_that_does_not_match(admin_http, fields, error_field):
    response = admin_http.post(NEW, form(kind="one", choices=OILS, **fields))
    assert response.status_code == 200
    assert response.context["form"].has_error(error_field)
    assert not ClinicQuestionVersion.objects.exists()


def test_a_translation_alone_changes_the_version(admin_http):
    question = make_question("history", "Lenses?")
    admin_http.post(url("question_edit", question), form(text="Lenses?", text_es="¿Lentillas?"))
    assert list(question.versions.values_list("number", "translations")) == [
        (2, {"es": {"text": "¿Lentillas?"}}),
        (1, {}),
    ]


def test_a_client_reads_their_language_and_the_answer_keeps_the_clinics_words(alice, alice_http):
    alice.language = "fr"
    alice.save()
    question = make_question("history", "Which oil suits you?", kind="one",
                             choices=["Almond", "Jojoba", "None of these"],
                             translations={"fr": {"text": "Quelle huile vous convient ?",
                                                  "choices": ["Amande", "Jojoba", "Aucune"]}})  # fmt: skip
    draft = make_intake(alice, submitted=False)
    page = alice_http.get(step_url(draft, 4)).content.decode()
    assert "Quelle huile vous convient ?" in page and "Amande" in page
    assert 'value="Almond"' in page and "Which oil suits you?" not in page
    response = alice_http.post(step_url(draft, 4), step_data(4, **{field(question): "Almond"}))
    assert response.status_code == 302
    assert ClinicAnswer.objects.get(intake=draft).value == "Almond"


def test_a_language_without_a_translation_reads_the_clinics_words(alice, alice_http):
    alice.language = "es"
    alice.save()
    make_question("history", "Do you wear contact lenses?",
                  translations={"fr": {"text": "Portez-vous des lentilles ?"}})  # fmt: skip
    draft = make_intake(alice, submitted=False)
    page = alice_http.get(step_url(draft, 4)).content.decode()
    assert "Do you wear contact lenses?" in page and "Portez-vous" not in page


def test_the_yes_no_answers_are_in_the_clients_language(alice, alice_http):
    alice.language = "es"
    alice.save()
    question = make_question("history", "Do you wear contact lenses?")
    draft = make_intake(alice, submitted=False)
    page = alice_http.get(step_url(draft, 4)).content.decode()
    name = field(question)
    labels = re.findall(rf'<label[^>]*for="id_{name}_\d"[^>]*>\s*([^<]*?)\s*</label>', page)
    assert labels == ["Sí", "No"]


def test_the_question_list_still_opens(admin_http):
    assert admin_http.get(reverse("clinic_questions")).status_code == 200
