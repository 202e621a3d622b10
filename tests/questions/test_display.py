"""The answers appear, in the words answered, on the staff intake summary, the client's own
summary, the chart and the note PDF, escaped like any typed text; an old intake keeps its
questions however they are edited or retired later."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intake.notes.pdf import render_session_note, render_session_notes
from intake.notes.selectors import note_document, notes_for_print, range_documents
from intake.questions import services
from intake.questions.selectors import AnswerLine, clinic_answers
from intake.submissions.models import FlagLevel
from intake.submissions.services import submit_intake
from tests.factories import make_intake, make_note
from tests.hostile import CVE_2023_33733, MARKUP_STRINGS
from tests.questions.helpers import edit, make_question

pytestmark = pytest.mark.django_db

HOSTILE = MARKUP_STRINGS[0]  # "<b>x</b>"


def answered_intake(client, answers):
    """A submitted intake with ``answers``: [(question, value)]."""
    intake = make_intake(client, submitted=False)
    services.save_answers(
        intake=intake,
        answers=[(q.versions.order_by("-number").first(), value) for q, value in answers],
    )
    intake, _ = submit_intake(intake=intake, signature="A", ip=None, user=client.user)
    return intake


@pytest.fixture
def old_intake(alice):
    """Answered before its questions were edited and retired."""
    lenses = make_question("history", "Do you wear contact lenses?", yes_level="caution")
    oils = make_question("symptoms", "Oils you like", kind="several",
                         choices=["Almond", HOSTILE, "Jojoba"])  # fmt: skip
    sitting = make_question("safety", "Hours sitting a day", kind="scale")
    note = make_question("history", "Anything else?", kind="text")
    intake = answered_intake(alice, [(lenses, True), (oils, ["Almond", HOSTILE]),
                                     (sitting, 0), (note, CVE_2023_33733)])  # fmt: skip
    edit(lenses, text="Do you wear glasses?", yes_level="none")
    edit(oils, text="Oils", choices=["Almond", "Jojoba"])
    services.retire_question(question=sitting)
    return intake


def test_the_selector_gives_each_answer_in_the_words_answered_in_step_order(old_intake):
    assert clinic_answers(old_intake) == [
        AnswerLine("Oils you like", "several", f"Almond, {HOSTILE}", FlagLevel.NONE),
        AnswerLine("Do you wear contact lenses?", "yes_no", "Yes", FlagLevel.CAUTION),
        AnswerLine("Anything else?", "text", CVE_2023_33733, FlagLevel.NONE),
        AnswerLine("Hours sitting a day", "scale", "0 / 10", FlagLevel.NONE),
    ]


def test_the_staff_summary_and_the_clients_own_show_the_old_wording_escaped(
    old_intake, therapist_http, alice_http
):
    for http, name in ((therapist_http, "intake_summary"), (alice_http, "my_intake_summary")):
        page = http.get(reverse(name, args=[old_intake.pk])).content.decode()
        section = page.split('data-testid="clinic-answers"')[1].split("</section>")[0]
        assert "Do you wear contact lenses?" in section and "glasses" not in section
        assert "Almond, &lt;b&gt;x&lt;/b&gt;" in section and "<b>x</b>" not in section
        assert "Hours sitting a day" in section and "0 / 10" in section
        assert "the clinic's own flag" in section
        assert "The clinic&#x27;s own question, answered yes: “Do you wear contact lenses?”" in page


def test_the_chart_shows_the_latest_intakes_answers(old_intake, therapist_http, alice):
    page = therapist_http.get(reverse("client_chart", args=[alice.pk])).content.decode()
    assert 'data-testid="clinic-answers"' in page
    assert "Do you wear contact lenses?" in page and "Do you wear glasses?" not in page


def test_pages_without_answers_show_no_section(alice, therapist_http):
    intake = make_intake(alice)
    page = therapist_http.get(reverse("intake_summary", args=[intake.pk])).content.decode()
    assert 'data-testid="clinic-answers"' not in page


def read(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_note_pdf_prints_the_answers_literally(old_intake, alice, therapist):
    note = make_note(alice, therapist, signed=True, visit_date=timezone.localdate())
    doc = note_document(notes_for_print().get(pk=note.pk))
    text = read(render_session_note(doc))
    assert "The clinic's own questions" in text
    assert "Do you wear contact lenses?" in text and "glasses" not in text
    assert "Almond, <b>x</b>" in text  # printed literally, not as markup
    assert "Yes — Caution (the clinic's own flag)" in text
    assert "Hours sitting a day" in text


def test_a_range_of_notes_prints_each_visits_intake_answers(old_intake, alice, therapist):
    first = make_note(alice, therapist, signed=True, visit_date=timezone.localdate())
    docs = range_documents(list(notes_for_print().filter(pk=first.pk)))
    assert [a.question for a in docs[0].clinic_answers][:2] == [
        "Oils you like", "Do you wear contact lenses?"
    ]  # fmt: skip
    assert "Oils you like" in read(render_session_notes(docs))


def test_a_note_without_an_intake_prints_no_section(alice, therapist):
    note = make_note(alice, therapist, signed=True)
    doc = note_document(notes_for_print().get(pk=note.pk))
    assert doc.clinic_answers == ()
    assert "The clinic's own questions" not in read(render_session_note(doc))
