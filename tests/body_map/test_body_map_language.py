"""Issue 16: the body map in French and Spanish. The intake's body-map step reads in the client's
language (their record, else the browser's), with the region, part and sensation names, the
screen-reader names and what the script says translated; answers are still stored as codes. The
PDF drawing's captions and key are in the document's language. Staff see region names in their
own language, from the same catalogue."""

import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from intake import body_map
from intake.pdf import Letterhead, build_pdf
from intake.submissions.body_map_form import BodyMapForm
from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import step_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A page request leaves its language active in this thread (the language middleware
    activates it and nothing resets it); later tests expect the default."""
    yield
    translation.deactivate()


def body_step(client) -> tuple[IntakeSubmission, str]:
    intake = IntakeSubmission.objects.create(client=client, current_step=2)
    return intake, reverse("intake_step", kwargs={"intake_id": intake.pk, "step": 2})


def speaks(client, language: str) -> None:
    client.language = language
    client.save()


def get_page(http, url: str, **headers) -> str:
    response = http.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def counts(html: str) -> list[str]:
    found = re.search(r'<script id="body-map-counts" type="application/json">(.*?)</script>', html)
    assert found, "the step writes the part counts for body_map.js"
    return json.loads(found[1])


# ---------------------------------------------------------------- the step page


def test_the_body_step_is_in_french_for_a_french_client(alice, alice_http):
    speaks(alice, "fr")
    _, url = body_step(alice)
    html = get_page(alice_http, url)
    assert '<html lang="fr">' in html
    assert "Montrez-nous où vous ressentez quelque chose." in html
    assert "Zones où vous ressentez quelque chose" in html
    # Region names, as a label and as the map's button names; part names; sensations.
    assert '<label class="form-check-label" for="region-calf_l">Mollet gauche</label>' in html
    assert 'aria-label="Mollet gauche"' in html and 'aria-label="Fesse droite"' in html
    assert "Aine gauche et intérieur de la cuisse" in html
    assert "<span>Bas des jambes</span>" in html and "<span>Tête et cou</span>" in html
    assert 'aria-label="Bas des jambes : choisissez chaque zone où vous ressentez' in html
    for sensation in ("Douleur", "Picotements", "Engourdissement", "Sensation de brûlure"):
        assert f">{sensation}</label>" in html
    assert "Mollet gauche : que ressentez-vous ?" in html
    assert "Quelle est l'intensité ? 0 (à peine) à 10 (le pire)" in html
    assert 'aria-label="Comment chaque sensation est dessinée"' in html
    # The pictures' captions: the views and the client's sides (G/D).
    assert ">De face</text>" in html and ">De dos</text>" in html and ">G</text>" in html
    # What the script says and counts comes from the page, in French.
    assert 'data-said-chosen="Zone choisie : %(area)s."' in html
    assert 'data-said-unchosen="Zone retirée : %(area)s."' in html
    assert counts(html)[:3] == ["", "(1 zone choisie)", "(2 zones choisies)"]
    for english in ("Left calf", "Lower legs", "Tingling", "what do you feel?", "chosen."):
        assert english not in html


def test_the_body_step_is_in_spanish_when_the_browser_asks_for_it(alice, alice_http):
    _, url = body_step(alice)
    html = get_page(alice_http, url, HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="es">' in html
    assert "Muéstrenos dónde siente algo." in html
    assert '<label class="form-check-label" for="region-calf_l">Pantorrilla izquierda</label>' in (
        html
    )
    assert "Nalga izquierda" in html and "Ingle derecha y parte interior del muslo" in html
    assert "<span>Tobillos y pies</span>" in html
    for sensation in ("Dolor", "Hormigueo", "Adormecimiento", "Ardor"):
        assert f">{sensation}</label>" in html
    assert "Pantorrilla izquierda: ¿qué siente?" in html
    assert ">De frente</text>" in html and ">I</text>" in html
    assert counts(html)[1:3] == ["(1 zona elegida)", "(2 zonas elegidas)"]
    assert "Left calf" not in html and "Pain<" not in html


def test_the_body_step_stays_in_english_by_default(alice, alice_http):
    _, url = body_step(alice)
    html = get_page(alice_http, url)
    assert '<html lang="en">' in html
    assert 'for="region-calf_l">Left calf</label>' in html and ">Tingling</label>" in html
    assert 'data-said-chosen="%(area)s chosen."' in html
    assert counts(html)[1:3] == ["(1 chosen)", "(2 chosen)"]


def test_a_french_submission_stores_the_same_codes(alice, alice_http):
    speaks(alice, "fr")
    intake, url = body_step(alice)
    response = alice_http.post(url, step_data(2))
    assert response.status_code == 302
    marks = sorted((m.region, m.sensations, m.intensity) for m in intake.marks.all())
    expected = step_data(2)
    assert marks == sorted(
        (code, expected[f"sens_{code}"], int(expected[f"int_{code}"]))
        for code in expected["regions"]
    )
    assert {code for code, _, _ in marks} <= set(body_map.REGION_BY_CODE)
    # Shown again in French, the part holding them is open and counts them in French.
    html = get_page(alice_http, url)
    assert "(1 zone choisie)" in html or "(2 zones choisies)" in html


def test_the_body_steps_errors_are_in_french(alice, alice_http):
    speaks(alice, "fr")
    intake, url = body_step(alice)
    for field, value, message in (
        ("sens_calf_l", [], "Choisissez au moins une chose que vous ressentez ici."),
        ("int_calf_l", "", "Indiquez un nombre de 0 à 10."),
        ("regions", ["calf_l", "tail"], "tail n&#x27;est pas une zone du schéma du corps."),
    ):
        response = alice_http.post(url, step_data(2, **{field: value}))
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html, field
        # The part with the error is open, its heading counting the areas in French.
        assert "zone" in html and "chosen)" not in html
    assert intake.marks.count() == 0


# ---------------------------------------------------------------- the catalogue


def test_the_catalogue_names_regions_in_the_active_language_and_keeps_codes():
    calf = body_map.REGION_BY_CODE["calf_l"]
    with translation.override("fr"):
        assert calf.label == "Mollet gauche" and type(calf.label) is str
        assert body_map.REGION_BY_CODE["buttock_r"].label == "Fesse droite"
        assert body_map.REGION_BY_CODE["groin_l"].label == "Aine gauche et intérieur de la cuisse"
        assert dict(body_map.region_choices())["calf_l"] == "Mollet gauche"
        assert dict(body_map.SENSATIONS)["tingling"] == "Picotements"
        assert body_map.ZOOM_BY_CODE["calf_l"].label == "Bas des jambes"
    with translation.override("es"):
        assert calf.label == "Pantorrilla izquierda"
        assert body_map.REGION_BY_CODE["ankle_r"].label == "Tobillo derecho"
        assert body_map.SENSATIONS[0] == ("pain", "Dolor")
        assert [str(group) for group in body_map.GROUPS][1] == "Espalda"
    with translation.override("en"):
        assert calf.label == "Left calf"
    assert calf.code == "calf_l"
    # Every region has its own name in each language (no two alike, none left in English).
    for language in ("fr", "es"):
        with translation.override(language):
            names = [region.label for region in body_map.REGIONS]
        with translation.override("en"):
            english = [region.label for region in body_map.REGIONS]
        assert len(set(names)) == len(names)
        assert not set(names) & set(english) - {"Abdomen"}


def test_sensations_read_as_plain_strings_for_json_and_repr_in_english():
    with translation.override("fr"):
        text = json.dumps(dict(body_map.SENSATIONS), ensure_ascii=False)
        assert '"burning": "Sensation de brûlure"' in text
        # A digest of it (the FHIR questionnaire's version) does not follow the reader.
        assert repr(body_map.SENSATIONS) == repr(
            (("pain", "Pain"), ("tingling", "Tingling"), ("numbness", "Numbness"),
             ("weakness", "Weakness"), ("burning", "Burning"), ("aching", "Aching"))
        )  # fmt: skip


def test_the_form_labels_follow_the_readers_language():
    form = BodyMapForm()
    with translation.override("es"):
        assert str(form.fields["sens_calf_l"].label) == "Lo que siente: Pantorrilla izquierda"
        assert str(form.fields["int_calf_l"].label) == (
            "Intensidad, de 0 a 10: Pantorrilla izquierda"
        )
    with translation.override("en"):
        assert str(form.fields["sens_calf_l"].label) == "What you feel: Left calf"


# ---------------------------------------------------------------- the web map


def test_the_marked_map_says_what_is_felt_in_whole_translated_sentences():
    marked = {"calf_l": "symptom", "heel_r": "symptom"}
    felt = {"calf_l": ["pain", "tingling"]}
    with translation.override("es"):
        markup = str(body_map.svg(marked, sensations=felt))
    assert (
        'aria-label="Mapa del cuerpo, zonas marcadas: Pantorrilla izquierda (dolor, hormigueo), '
        'Talón derecho"' in markup
    )
    assert "<title>Pantorrilla izquierda</title>" in markup
    assert ">Dolor</text>" in markup and ">Hormigueo</text>" in markup  # the key
    with translation.override("fr"):
        empty = str(body_map.svg())
    assert 'aria-label="Schéma du corps, zones marquées : aucune zone marquée"' in empty
    # The cache keeps one map per language: English is still English afterwards.
    with translation.override("en"):
        english = str(body_map.svg(marked, sensations=felt))
    assert 'aria-label="Body map, marked: Left calf (pain, tingling), Right heel"' in english


def test_a_long_key_goes_on_two_rows_rather_than_overlap():
    everything = {"calf_l": [code for code, _ in body_map.SENSATIONS]}
    with translation.override("fr"):
        markup = str(body_map.svg(["calf_l"], sensations=everything))
    rows = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="15" height="11"', markup)
    assert len(rows) == 6 and len({y for _, y in rows}) == 2
    by_row: dict[str, list[float]] = {}
    for x, y in rows:
        by_row.setdefault(y, []).append(float(x))
    for xs in by_row.values():
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
        assert min(gaps, default=200) >= 69.99
        assert min(xs) >= 0 and max(xs) < body_map.regions.MAP_WIDTH


def test_the_interactive_map_carries_what_the_script_says_in_the_language():
    with translation.override("es"):
        markup = str(body_map.svg(interactive=True, id_prefix="note-map"))
    assert 'aria-label="Mapa del cuerpo: elija cada zona donde siente algo"' in markup
    assert 'data-said-chosen="Zona elegida: %(area)s."' in markup
    assert 'data-said-unchosen="Zona quitada: %(area)s."' in markup


# ---------------------------------------------------------------- the PDF drawing


def pdf_text(story) -> str:
    pdf = build_pdf(story, title="Body map", letterhead=Letterhead("Clinic", "1 Main St"))
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_drawings_captions_and_key_are_in_the_documents_language():
    marked = {"calf_l": "symptom", "hip_r": "both"}
    felt = {"calf_l": ["pain", "numbness"]}
    with translation.override("es"):
        story = [body_map.flowable(marked, sensations=felt, width=400, height=420)]
        text = pdf_text(story)
    for spanish in ("De frente", "De espaldas", "Síntomas", "Síntomas y zona tratada", "Dolor",
                    "Adormecimiento", "Izquierda y derecha son las suyas"):  # fmt: skip
        assert spanish in text, spanish
    for english in ("Front", "Symptoms", "Pain", "Numbness", "Left and right"):
        assert english not in text, english


def test_a_flowable_keeps_the_language_it_was_made_in():
    with translation.override("fr"):
        french = body_map.flowable(["calf_l"], sensations={"calf_l": ["burning"]}, width=400,
                                   height=420)  # fmt: skip
    with translation.override("en"):
        english = body_map.flowable(["calf_l"], sensations={"calf_l": ["burning"]}, width=400,
                                    height=420)  # fmt: skip
        text = pdf_text([french, english])
    assert "Sensation de brûlure" in text and "De face" in text and "Symptômes" in text
    assert "Burning" in text and "Front" in text
    assert french.form_name != english.form_name
