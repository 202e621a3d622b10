"""In Chromium on a phone (390 px), issue 16: a client reads their home page and their intake
summary in French (the language on their record) and in Spanish (picked with the picker at the
foot of the page): the page's ``lang`` is right, axe finds no violation, nothing is wider than
the window, and the summary's PDF downloads in the same language."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.axe import assert_accessible
from tests.browser.test_client_pages import assert_fits
from tests.factories import make_intake, make_note, make_physician, make_referral

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 390
WORDS = {
    "fr": {
        "hello": "Bonjour, Alice",
        "visits": "Vos visites",
        "summary": "Résumé du questionnaire d'accueil : Alice Anders",
        "pdf": "Télécharger en PDF",
        "in_pdf": "Problème principal",
    },
    "es": {
        "hello": "Hola, Alice",
        "visits": "Sus visitas",
        "summary": "Resumen del formulario de admisión: Alice Anders",
        "pdf": "Descargar en PDF",
        "in_pdf": "Molestia principal",
    },
}


@pytest.fixture
def client_record(alice, therapist2, settings):
    """Alice after a visit, with a flagged intake and the referral she gave with it."""
    settings.CLIENTS_SEE_SIGNED_NOTES = True
    intake = make_intake(alice, flagged=True, main_complaint="Pain down the back of my left leg")
    make_referral(alice, intake=intake, physician=make_physician("Dr. Jane Roe"))
    make_note(alice, therapist2, signed=True)
    return intake


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_clients_home_and_summary_read_in_their_language(
    browser, live_server, alice, client_record, login_page, language
):
    words = WORDS[language]
    if language == "fr":
        alice.language = "fr"  # chosen before: on their record
        alice.save()
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login_page(page, live_server, alice.user)
        page.goto(f"{live_server.url}/me/")
        if language == "es":  # picked at the foot of the page
            picker = page.get_by_test_id("language-picker")
            picker.locator("select").select_option("es")
            picker.get_by_role("button").click()
            page.wait_for_load_state()
            alice.refresh_from_db()
            assert alice.language == "es"
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_test_id("client-home")).to_have_text(words["hello"])
        expect(page.get_by_test_id("client-visits")).to_contain_text(words["visits"])
        assert_accessible(page, f"client home in {language} at {WIDTH} px")
        assert_fits(page, WIDTH, f"client home in {language}")

        page.goto(f"{live_server.url}/me/intakes/{client_record.pk}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_text(words["summary"])
        expect(page.get_by_test_id("referral")).to_contain_text("Dr. Jane Roe")
        assert_accessible(page, f"intake summary in {language} at {WIDTH} px")
        assert_fits(page, WIDTH, f"intake summary in {language}")

        link = page.get_by_test_id("my-intake-pdf")
        expect(link).to_have_text(words["pdf"])
        with page.expect_download() as download:
            link.click()
        data = open(download.value.path(), "rb").read()
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert words["in_pdf"] in text and "Pain down the back of my left leg" in text
        assert "Main complaint" not in text
    finally:
        context.close()
