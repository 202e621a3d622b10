"""Issue 16, in Chromium at 390 px: a client walks the whole intake in French, and in Spanish.
Every page is in the client's language (``<html lang>``, the step heading, the buttons, the
screening questions, the urgent advice the script shows after an urgent yes, the review, the
consent, the done page), axe finds nothing on any of them, and what is stored is the same codes
as in English. The language is the client's own (on their record), as the picker leaves it.
Without JavaScript, the urgent advice opens the page in Spanish."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from intake import body_map
from intake.submissions import screening
from intake.submissions.consent_form import CONSENT_TEXT
from intake.submissions.models import IntakeSubmission
from tests.browser.axe import assert_accessible
from tests.conftest import login_page

pytestmark = pytest.mark.django_db(transaction=True)

# What each language's pages say (the catalogue's words; the tests under tests/submissions check
# the rest of each page).
WORDS = {
    "fr": {
        "step": "Étape {n} sur 7 :",
        "next": "Enregistrer et continuer",
        "review": "Vérifiez vos réponses",
        "submit": "Envoyer mon questionnaire d'accueil",
        "done": "Merci : votre questionnaire d'accueil a été envoyé à la clinique",
        "start": "Commencer mon questionnaire d'accueil",
    },
    "es": {
        "step": "Paso {n} de 7:",
        "next": "Guardar y continuar",
        "review": "Revise sus respuestas",
        "submit": "Enviar mi formulario de admisión",
        "done": "Gracias: su formulario de admisión se envió a la clínica",
        "start": "Empezar mi formulario de admisión",
    },
}
ENGLISH = ("Save and continue", "Your intake", "Step 1 of 7", "Please answer yes or no")


def said(language: str, text) -> str:  # noqa: ANN001 (a lazy translation, or a callable)
    """``text`` in ``language``; a callable is called in it (labels read when they are asked)."""
    with translation.override(language):
        return str(text() if callable(text) else text)


def check_page(page, language: str, where: str) -> None:
    """The page is in ``language``, has no English wizard words, and axe finds nothing."""
    assert page.evaluate("document.documentElement.lang") == language, where
    main = page.locator("main").inner_text()
    leftovers = [words for words in ENGLISH if words in main]
    assert not leftovers, f"{where}: English left on the page: {leftovers}"
    assert_accessible(page, f"{where} ({language})")
    wide, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= screen, f"{where} ({language}): {wide} px wide on a {screen} px screen"


def at_step(page, language: str, number: int) -> None:
    expect(page.get_by_text(WORDS[language]["step"].format(n=number))).to_be_visible()


def save(page, language: str) -> None:
    page.get_by_role("button", name=WORDS[language]["next"]).click()
    page.wait_for_load_state()


def answer_all(page, value: str) -> None:
    for radio in page.locator(f'input[type=radio][value="{value}"]').all():
        radio.check()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_client_walks_the_whole_intake_in_their_language(browser, live_server, alice, language):
    alice.language = language
    alice.save()
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    login_page(page, live_server, alice.user)
    words = WORDS[language]

    page.goto(live_server.url + "/intake/")
    expect(page.get_by_test_id("start-intake")).to_have_text(words["start"])
    check_page(page, language, "start")
    page.get_by_test_id("start-intake").click()

    # 1. About you.
    at_step(page, language, 1)
    check_page(page, language, "step 1")
    page.locator("#id_phone").fill("555-0101")
    page.locator("#id_emergency_contact_name").fill("Sam Anders")
    page.locator("#id_emergency_contact_phone").fill("555-0199")
    save(page, language)

    # 2. The body map: one area from its part's list, named in the language.
    at_step(page, language, 2)
    check_page(page, language, "step 2")
    part = page.get_by_role(
        "button", name=said(language, lambda: body_map.ZOOM_BY_CODE["calf_l"].label)
    )
    if part.get_attribute("aria-expanded") != "true":
        part.click()
    page.locator("#region-calf_l").check()
    detail = page.locator('[data-region-detail="calf_l"]')
    detail.get_by_label(
        said(language, lambda: dict(body_map.SENSATIONS)["pain"]), exact=True
    ).check()
    detail.get_by_role("spinbutton").fill("5")
    save(page, language)

    # 3. Symptoms: an error first (a month without its year), in the language, nothing lost.
    at_step(page, language, 3)
    check_page(page, language, "step 3")
    page.locator("#id_main_complaint").fill("Mal au mollet / dolor de pantorrilla")
    page.locator("#id_symptoms_started_month").select_option("8")
    page.locator('input[name="onset"][value="gradual"]').check()
    page.locator('input[name="first_episode"][value="no"]').check()
    page.locator("#id_worst_pain").fill("6")
    page.locator("#id_current_pain").fill("3")
    save(page, language)
    error = {"fr": "Choisissez le mois et tapez l'année", "es": "Elija el mes y escriba el año"}
    expect(page.locator("main")).to_contain_text(error[language])
    expect(page.locator("#id_main_complaint")).to_have_value("Mal au mollet / dolor de pantorrilla")
    check_page(page, language, "step 3 sent back")
    page.locator("#id_symptoms_started_year").fill("2026")
    save(page, language)

    # 4. Health history: the questions in the language.
    at_step(page, language, 4)
    blood_thinners = screening.QUESTION_BY_FIELD["takes_blood_thinners"]
    expect(page.locator("main")).to_contain_text(said(language, blood_thinners.question))
    check_page(page, language, "step 4")
    answer_all(page, "no")
    save(page, language)

    # 5. Safety: the urgent advice the script shows after an urgent yes is in the language.
    at_step(page, language, 5)
    saddle = screening.QUESTION_BY_FIELD["saddle_numbness"]
    expect(page.locator("main")).to_contain_text(said(language, saddle.question))
    check_page(page, language, "step 5")
    answer_all(page, "no")
    advice = page.get_by_test_id("urgent-answer-advice")
    expect(advice).to_be_hidden()
    page.locator('input[name="sudden_foot_drop"][value="yes"]').tap()
    expect(advice).to_be_visible()
    expect(advice).to_contain_text(said(language, screening.URGENT_ADVICE))
    check_page(page, language, "step 5 with the urgent advice")
    page.locator('input[name="sudden_foot_drop"][value="no"]').tap()
    expect(advice).to_be_hidden()
    save(page, language)

    # 6. Referral.
    at_step(page, language, 6)
    check_page(page, language, "step 6")
    page.locator('input[name="referred"][value="no"]').check()
    save(page, language)

    # 7. The review, then consent.
    expect(page.get_by_text(words["review"], exact=True)).to_be_visible()
    check_page(page, language, "review")
    page.get_by_test_id("go-to-consent").click()
    expect(page.get_by_test_id("consent-text")).to_contain_text(said(language, CONSENT_TEXT))
    check_page(page, language, "consent")
    page.locator("#id_agree").check()
    page.locator("#id_signature").fill("Alice Anders")
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.get_by_test_id("intake-done")).to_have_text(words["done"])
    check_page(page, language, "done")

    intake = IntakeSubmission.objects.get(client=alice)
    assert intake.status == "submitted" and intake.onset == "gradual"
    assert intake.sudden_foot_drop is False and intake.takes_blood_thinners is False
    assert intake.symptoms_started.isoformat() == "2026-08-01"
    assert [(m.region, m.sensations) for m in intake.marks.all()] == [("calf_l", ["pain"])]
    context.close()


def test_without_javascript_the_urgent_advice_opens_the_page_in_spanish(
    browser, live_server, alice
):
    """No script: the safety step sent back (a question left unanswered) with an urgent yes opens
    on the advice in Spanish, and so does the next step once every question is answered."""
    alice.language = "es"
    alice.save()
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
        java_script_enabled=False,
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)
    login_page(page, live_server, alice.user)
    page.goto(live_server.url + "/intake/")
    page.get_by_test_id("start-intake").click()
    page.locator("#id_phone").fill("555-0101")
    save(page, "es")
    page.locator("#region-calf_l").check()
    page.locator("#id_sens_calf_l_0").check()
    page.locator("#id_int_calf_l").fill("4")
    save(page, "es")
    page.locator("#id_main_complaint").fill("Dolor de pantorrilla")
    page.locator('input[name="onset"][value="gradual"]').check()
    page.locator('input[name="first_episode"][value="yes"]').check()
    page.locator("#id_worst_pain").fill("5")
    page.locator("#id_current_pain").fill("3")
    save(page, "es")
    answer_all(page, "no")
    save(page, "es")

    at_step(page, "es", 5)
    for radio in page.locator('input[type=radio][value="no"]').all():
        if radio.get_attribute("name") != "sudden_foot_drop":
            radio.check()
    page.locator('input[name="bowel_change"][value="yes"]').check()
    save(page, "es")
    top = page.get_by_test_id("urgent-advice")
    expect(top).to_be_visible()
    expect(top).to_contain_text(said("es", screening.URGENT_ADVICE))
    expect(top).to_contain_text("Busque atención médica hoy")
    expect(page.get_by_test_id("urgent-answer-advice")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Responda sí o no.")
    assert page.evaluate("document.documentElement.lang") == "es"

    page.locator('input[name="sudden_foot_drop"][value="no"]').check()
    save(page, "es")
    assert page.url.endswith("/step/6/#urgent-advice")
    expect(page.get_by_test_id("urgent-advice")).to_contain_text(
        said("es", screening.URGENT_ADVICE)
    )
    assert IntakeSubmission.objects.get(client=alice).bowel_change is True
    context.close()
