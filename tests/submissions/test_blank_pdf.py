"""The blank paper intake form, read back: the wizard's steps, questions and choices from the
same definitions, the safety questions, the consent text and signature lines, page numbers."""

import io
import re

import pypdf
import pytest

from intake.submissions import blank_pdf, forms, screening
from intake.submissions.consent_form import CONSENT_TEXT
from intake.submissions.services import STEPS


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def text(db) -> str:
    reader = pypdf.PdfReader(io.BytesIO(blank_pdf.render_blank_intake()))
    return words(" ".join(page.extract_text() for page in reader.pages))


def test_it_prints_every_step(text):
    for step in STEPS:
        assert f"Step {step.number} of 7: {step.title}" in text


def test_it_prints_every_safety_question(text):
    for question in screening.SAFETY_QUESTIONS:
        assert words(str(question.question)) in text, question.field


def test_it_prints_the_history_boxes_and_choices_the_wizard_asks(text):
    for question in screening.HISTORY_QUESTIONS.values():
        assert words(str(question.question)) in text, question.field
    for _, label in (*forms.AGGRAVATING, *forms.EASING):
        assert str(label) in text


def test_it_prints_the_consent_and_signature_lines(text):
    assert words(str(CONSENT_TEXT)) in text
    assert "Type your full name as your signature" in text
    assert "Parent or guardian's full name" in text


def test_it_numbers_its_pages_and_leaves_the_name_blank(text):
    assert re.search(r"Page 1 of (\d+)", text)
    assert "Name: ____" in text


def test_it_draws_the_body_map_outline(db):
    reader = pypdf.PdfReader(io.BytesIO(blank_pdf.render_blank_intake()))
    names = [
        name
        for page in reader.pages
        for name in (page["/Resources"].get("/XObject") or {})
        if "BodyMap" in name
    ]
    assert len(names) == 1


def test_staff_print_it_and_it_is_audited(therapist_http, alice_http, client):
    from intake.audit.models import AuditEvent

    response = therapist_http.get("/staff/intakes/blank-form.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="print", detail="blank intake form (en)").exists()
    assert alice_http.get("/staff/intakes/blank-form.pdf").status_code == 403
    assert client.get("/staff/intakes/blank-form.pdf").status_code == 302


@pytest.mark.parametrize("step", ["symptoms", "history", "safety"])
def test_it_prints_the_clinic_s_own_questions_literally(db, step):
    from tests.questions.helpers import make_question

    make_question(step=step, text='Contact lenses? <img src="/etc/passwd"/> <b>bold?</b>')
    data = blank_pdf.render_blank_intake()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert 'Contact lenses? <img src="/etc/passwd"/> <b>bold?</b>' in text
    assert not any(
        ref.get_object().get("/Subtype") == "/Image"
        for page in reader.pages
        for ref in ((page["/Resources"].get("/XObject") or {}).values())
    )


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", ["Questionnaire d'accueil", "Étape 1 sur 7", "Veuillez répondre à chaque question.",
                "Avez-vous le diabète ?", "Page 1 sur"]),
        ("es", ["Formulario de admisión", "Paso 1 de 7", "Responda todas las preguntas.",
                "¿Tiene diabetes?", "Página 1 de"]),
    ],
)  # fmt: skip
def test_staff_print_it_in_the_clients_language(therapist_http, language, expected):
    from intake.audit.models import AuditEvent

    response = therapist_http.get(f"/staff/intakes/blank-form.pdf?language={language}")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    printed = words(" ".join(page.extract_text() for page in reader.pages))
    for text in expected:
        assert text in printed, (language, text)
    assert "Please answer every question." not in printed
    detail = f"blank intake form ({language})"
    assert AuditEvent.objects.filter(action="print", detail=detail).exists()


def test_it_refuses_a_language_the_clinic_does_not_offer(therapist_http):
    assert therapist_http.get("/staff/intakes/blank-form.pdf?language=de").status_code == 400
