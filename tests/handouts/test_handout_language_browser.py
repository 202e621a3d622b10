"""In Chromium: a French client reads their handout in French (axe, ``<html lang="fr">``, nothing
wider than a phone), and a therapist previews it in Spanish on request, the article marked
``lang="es"`` inside the English staff page (axe), then exercise translations on the form."""

import pytest
from playwright.sync_api import expect

from intake.handouts.models import Exercise
from tests.browser.axe import assert_accessible
from tests.factories import make_handout

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_french_client_reads_their_handout_and_a_therapist_previews_it_in_spanish(
    page, live_server, therapist, alice, sciatica_template, login_page
):
    alice.language = "fr"
    alice.save(update_fields=["language"])
    handout = make_handout(alice, therapist, template=sciatica_template, assigned=True)

    page.set_viewport_size({"width": 390, "height": 844})
    login_page(page, live_server, alice.user)
    page.goto(f"{live_server.url}/me/handouts/{handout.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    article = page.get_by_test_id("handout-article")
    expect(article).to_contain_text("Bascule du bassin à partir du plancher pelvien")
    expect(page.get_by_test_id("stop-box")).to_contain_text("Arrêtez et consultez si…")
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "client handout, French")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login_page(page, live_server, therapist)
    page.goto(f"{live_server.url}/staff/handouts/{handout.pk}/preview/")
    expect(page.get_by_test_id("handout-article")).to_have_attribute("lang", "fr")
    page.get_by_test_id("handout-languages").get_by_role("link", name="Español").click()
    article = page.get_by_test_id("handout-article")
    expect(article).to_have_attribute("lang", "es")
    expect(article).to_contain_text("Basculación de la pelvis desde el suelo pélvico")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("print-pdf")).to_have_attribute(
        "href", f"/staff/handouts/{handout.pk}/pdf/?language=es"
    )
    assert_accessible(page, "preview in Spanish")

    exercise = Exercise.objects.get(slug="chin-tuck")
    page.goto(f"{live_server.url}/staff/exercises/{exercise.pk}/edit/")
    page.get_by_label("Name in Español").fill("Mentón hacia atrás")
    page.get_by_label("Steps in Español, one per line, as many as above").fill("Uno.")
    page.get_by_role("button", name="Save exercise").click()
    expect(page.get_by_text("Give the 3 steps of the exercise")).to_be_visible()
    expect(page.get_by_label("Name in Español")).to_have_value("Mentón hacia atrás")
    assert_accessible(page, "exercise form with a translation error")
