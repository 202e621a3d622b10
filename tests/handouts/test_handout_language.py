"""Issue 16: home-care handouts in English, French and Spanish.

The handout PDF and the client's page are in the client's language: the exercises' own
translations (the clinic's wording where an exercise has none), the dose in words with its
plural forms, the labels, the date, the stop-and-seek-care box and the page frame. A therapist
previews and prints in the client's language or, on request, another one (audited; a language
the clinic does not offer is refused). The seeded library carries its translations, one to one
with the English."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.handouts import library as catalogue
from intake.handouts import library_es, library_fr
from intake.handouts.models import Exercise, HandoutTemplate
from intake.handouts.pdf import render_handout
from intake.handouts.seed import load_library
from intake.handouts.selectors import handout_document
from intake.submissions import screening
from tests.factories import make_handout

pytestmark = pytest.mark.django_db

GIVEN = timezone.make_aware(dt.datetime(2026, 2, 3, 10, 0))

#: What each language must print for the sciatica handout (pelvic tilt dosed 3 × 12, hold 7 s,
#: 4 times a day; the walk 10 minutes twice a day), and words that only the others print.
EXPECTED = {
    "en": {
        "words": [
            "Home-care exercises",
            "Buttock and back-of-leg pain: self-care",
            "Seated figure-four stretch",
            "Pelvic tilt from the pelvic floor",
            "Breathe in. As you breathe out, gently draw the pelvic floor up",
            "3 sets of 12 repetitions · hold 7 seconds · 4 times a day",
            "10 minutes · twice a day",
            "For:",
            "Date: 3 Feb 2026",
            "How much",
            "Take care",
            "Stop and seek care if",
            "Numbness or pins and needles between your legs, around your bottom",
            "go to an emergency department now",
            "Alice Anders · DOB 15 Jun 1975",
            "Page 1 of",
        ],
        "absent": ["Pour :", "Para:", "séries", "repeticiones"],
    },
    "fr": {
        "words": [
            "Exercices de soins à domicile",
            "Douleur à la fesse et à l'arrière de la jambe : soins à domicile",
            "Étirement en « 4 », assis",
            "Bascule du bassin à partir du plancher pelvien",
            "Inspirez. En expirant, remontez doucement le plancher pelvien",
            "3 séries de 12 répétitions · tenir 7 secondes · 4 fois par jour",
            "10 minutes · deux fois par jour",
            "Pour :",
            "Date : 3 février 2026",
            "Combien",
            "Prudence",
            "Arrêtez et consultez si",
            "Engourdissement ou fourmillements entre les jambes, autour des fesses",
            "allez à l'urgence maintenant",
            "Alice Anders · né(e) le 15 juin 1975",
            "Page 1 sur",
        ],
        "absent": ["Take care", "How much", "Seated figure-four", "repetitions", "Page 1 of"],
    },
    "es": {
        "words": [
            "Ejercicios de cuidados en casa",
            "Dolor en la nalga y la parte de atrás de la pierna: cuidados en casa",
            "Estiramiento en «4», sentado",
            "Basculación de la pelvis desde el suelo pélvico",
            "Tome aire. Al soltarlo, suba suavemente el suelo pélvico",
            "3 series de 12 repeticiones · mantener 7 segundos · 4 veces al día",
            "10 minutos · dos veces al día",
            "Para:",
            "Fecha: 3 de febrero de 2026",
            "Cuánto",
            "Precauciones",
            "Deténgase y busque atención médica si",
            "Adormecimiento u hormigueo entre las piernas, alrededor de las nalgas",
            "vaya ahora a urgencias",
            "Alice Anders · nacimiento: 15 de junio de 1975",
            "Página 1 de",
        ],
        "absent": ["Take care", "How much", "Seated figure-four", "repetitions", "Page 1 of"],
    },
}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def speaks(client, language: str) -> None:
    client.language = language
    client.save(update_fields=["language"])


@pytest.fixture
def dosed(handout):
    """The sciatica handout, given on 3 Feb 2026, its pelvic tilt dosed 3 × 12, hold 7 s, 4 a day."""
    item = handout.items.get(exercise__slug="pelvic-tilt")
    item.sets, item.reps, item.hold_seconds, item.times_per_day = 3, 12, 7, 4
    item.save()
    handout.assigned_at = GIVEN
    handout.save(update_fields=["assigned_at"])
    return (
        type(handout).objects.select_related("client", "therapist", "template").get(pk=handout.pk)
    )


def check(text: str, language: str) -> None:
    for words in EXPECTED[language]["words"]:
        assert words in text, (language, words)
    for words in EXPECTED[language]["absent"]:
        assert words not in text, (language, words)


# --------------------------------------------------------------------------- the PDF


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_handout_pdf_reads_in_the_clients_language(therapist_http, alice, dosed, language):
    """The staff print, with no language asked for, is in the client's (their record)."""
    speaks(alice, language)
    response = therapist_http.get(f"/staff/handouts/{dosed.pk}/pdf/")
    assert response.status_code == 200
    check(pdf_text(response.content), language)
    event = AuditEvent.objects.get(action="print")
    assert event.detail == f"language {language}"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_client_downloads_their_handout_in_their_language(alice_http, alice, dosed, language):
    speaks(alice, language)
    response = alice_http.get(f"/me/handouts/{dosed.pk}/pdf/")
    assert response.status_code == 200
    check(pdf_text(b"".join(response)), language)


def test_the_renderer_prints_the_documents_language_whatever_is_active(dosed):
    """A French document rendered while the staff member's browser is Spanish stays French,
    and the active language is left as it was."""
    document = handout_document(dosed, "fr")
    with translation.override("es"):
        text = pdf_text(render_handout(document))
        assert translation.get_language() == "es"
    check(text, "fr")


def test_the_neck_box_prints_in_spanish(alice, therapist, library):
    template = HandoutTemplate.objects.get(slug="neck-pain")
    handout = make_handout(alice, therapist, template=template)
    text = pdf_text(render_handout(handout_document(handout, "es")))
    assert "Un dolor de cabeza repentino y muy fuerte" in text
    assert "Deje los ejercicios y vea pronto a su médico si nota:" in text
    assert "Retracción del mentón" in text and "Dolor y rigidez en el cuello" in text
    assert "sillín" not in text  # the saddle sign is the back-and-leg box's only


# --------------------------------------------------------------------------- staff: another language


def test_a_therapist_prints_in_another_language_on_request(therapist_http, alice, dosed):
    speaks(alice, "fr")
    response = therapist_http.get(f"/staff/handouts/{dosed.pk}/pdf/?language=es")
    assert response.status_code == 200
    check(pdf_text(response.content), "es")
    event = AuditEvent.objects.get(action="print")
    assert (event.detail, event.client_id) == ("language es", alice.pk)


@pytest.mark.parametrize("bad", ["de", "", "FR", "fr-ca", "<script>", "en&x=1"])
def test_a_language_the_clinic_does_not_offer_is_refused(therapist_http, dosed, bad):
    for url in (f"/staff/handouts/{dosed.pk}/pdf/", f"/staff/handouts/{dosed.pk}/preview/"):
        response = therapist_http.get(url, {"language": bad})
        assert response.status_code == 400
        assert b"<script>" not in response.content
    assert not AuditEvent.objects.filter(action__in=["print", "view"]).exists()


def test_the_preview_shows_the_clients_language_and_offers_the_others(therapist_http, alice, dosed):
    speaks(alice, "es")
    html = therapist_http.get(f"/staff/handouts/{dosed.pk}/preview/").content.decode()
    article = html[html.index('data-testid="handout-article"') :]
    assert 'lang="es"' in article[:40]
    assert "Basculación de la pelvis desde el suelo pélvico" in article
    assert "3 series de 12 repeticiones" in article
    assert "Deténgase y busque atención médica si…" in article
    assert "Preview" in html  # the staff page around it stays English
    assert f'href="/staff/handouts/{dosed.pk}/pdf/?language=es"' in html
    assert 'href="?language=fr"' in html and 'aria-current="page" href="?language=es"' in html
    french = therapist_http.get(f"/staff/handouts/{dosed.pk}/preview/?language=fr")
    assert "Bascule du bassin" in french.content.decode()
    assert AuditEvent.objects.filter(action="view", detail="language fr").exists()


def test_previews_and_prints_in_another_language_are_denied_to_clients(alice_http, dosed):
    for url in (f"/staff/handouts/{dosed.pk}/pdf/?language=es",
                f"/staff/handouts/{dosed.pk}/preview/?language=es"):  # fmt: skip
        assert alice_http.get(url).status_code in (302, 403)


# --------------------------------------------------------------------------- the client's page


def test_the_clients_page_is_in_french(alice_http, alice, dosed):
    speaks(alice, "fr")
    response = alice_http.get(f"/me/handouts/{dosed.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Télécharger le PDF" in html and "Exercices de soins à domicile" in html
    article = html[html.index('data-testid="handout-article"') :]
    for words in (
        "Douleur à la fesse et à l&#x27;arrière de la jambe : soins à domicile",
        "<strong>Pour :</strong> Alice Anders",
        "Bascule du bassin à partir du plancher pelvien",
        "<strong>Combien :</strong> 3 séries de 12 répétitions · tenir 7 secondes · 4 fois par jour",
        "Prudence",
        "Arrêtez et consultez si…",
        "Arrêtez cet exercice et parlez-en à votre massothérapeute si :",
    ):
        assert words in article, words
    for words in ("Take care", "How much", "Pelvic tilt", "Stop and seek care"):
        assert words not in article, words


def test_the_clients_page_follows_the_language_picked_on_this_browser(
    alice_http, alice, dosed, settings
):
    speaks(alice, "fr")
    alice_http.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = alice_http.get(f"/me/handouts/{dosed.pk}/").content.decode()
    assert "Basculación de la pelvis" in html and "Bascule du bassin" not in html


def test_the_clients_page_lists_in_a_constant_number_of_queries(
    alice_http, alice, therapist, library, django_assert_max_num_queries
):
    """The page's queries do not grow with the exercises (translations are on the rows)."""
    from django.db import connection

    speaks(alice, "fr")
    counts = []
    for slugs in (["chin-tuck"], [spec.slug for spec in catalogue.EXERCISES]):
        handout = make_handout(alice, therapist, slugs=slugs, assigned=True)
        alice_http.get(f"/me/handouts/{handout.pk}/")
        with django_assert_max_num_queries(8 + (connection.vendor == "postgresql")) as ctx:
            alice_http.get(f"/me/handouts/{handout.pk}/")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# --------------------------------------------------------------------------- fallback


def test_an_exercise_without_a_translation_prints_in_the_clinics_words(alice, therapist, library):
    own = Exercise.objects.create(
        slug="calf-raise", name="Calf raise", purpose="Strengthens the calves.",
        instructions="Stand tall.\nRise onto your toes.", precautions="Hold a chair.",
        tags=["leg"], sets=2, reps=12,
    )  # fmt: skip
    handout = make_handout(alice, therapist, slugs=["chin-tuck", own.slug], title="Mine")
    document = handout_document(handout, "fr")
    chin, calf = document.exercises
    assert chin.name == "Rentrée du menton"
    assert (calf.name, calf.steps, calf.precautions) == (
        "Calf raise",
        ("Stand tall.", "Rise onto your toes."),
        ("Hold a chair.",),
    )
    assert calf.dose == "2 séries de 12 répétitions · une fois par jour"  # labels still French
    assert document.title == "Mine"  # the therapist's own title, as typed
    text = pdf_text(render_handout(document))
    assert "Calf raise" in text and "Rentrée du menton" in text


def test_a_partial_translation_falls_back_field_by_field(library):
    exercise = Exercise.objects.get(slug="chin-tuck")
    exercise.translations = {"fr": {"name": "Menton rentré"}}
    assert exercise.text_in("name", "fr") == "Menton rentré"
    assert exercise.lines_in("instructions", "fr") == exercise.steps
    assert exercise.text_in("name", "es") == "Chin tuck"
    assert exercise.text_in("name", "en") == "Chin tuck"


def test_a_reworded_handout_title_stays_as_the_therapist_wrote_it(handout):
    handout.title = "For your desk days"
    handout.save(update_fields=["title"])
    document = handout_document(handout, "es")
    assert document.title == "For your desk days"
    assert document.introduction.startswith("Esta hoja es para el dolor")


# --------------------------------------------------------------------------- the seeded library


def test_every_seeded_exercise_and_template_is_translated_one_to_one():
    for spec in catalogue.EXERCISES:
        for module in (library_fr, library_es):
            words = module.EXERCISES[spec.slug]
            assert words["name"] and words["purpose"], spec.slug
            assert len(words["steps"]) == len(spec.steps), spec.slug
            assert len(words["precautions"]) == len(spec.precautions), spec.slug
    assert set(library_fr.EXERCISES) == set(library_es.EXERCISES) == set(catalogue.EXERCISE_BY_SLUG)
    for spec in catalogue.TEMPLATES:
        assert set(spec.translations) == {"fr", "es"}
        for words in spec.translations.values():
            assert words["title"] and words["introduction"].count("\n") == spec.introduction.count(
                "\n"
            )


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_boxes_urgent_lead_is_the_intakes_own(language):
    """The box's urgent lead is a sentence of the intake's urgent advice, in each language the
    advice is translated into (the intake's catalogue entries are the screening module's)."""
    with translation.override("en"):
        english = str(screening.URGENT_ADVICE)
    with translation.override(language):
        urgent, lead = str(screening.URGENT_ADVICE), str(catalogue.EMERGENCY_NOW)
    assert (urgent != english) is (language != "en")  # translated, not the English left over
    assert lead in urgent


def test_the_seed_writes_the_translations_on_the_rows(library):
    walk = Exercise.objects.get(slug="walking")
    assert walk.translations["fr"]["name"] == "Marche quotidienne"
    assert walk.translations["es"]["instructions"].count("\n") == len(walk.steps) - 1
    template = HandoutTemplate.objects.get(slug="sciatic-nerve-pain")
    assert template.translations["es"]["title"].startswith("Dolor en la nalga")


def test_the_seed_fills_earlier_rows_but_keeps_staff_wording_and_translations(library):
    """Rows an earlier seed made without translations get them; a field staff reworded gets
    none (it would translate other words), and a translation staff wrote stays."""
    Exercise.objects.update(translations={})
    HandoutTemplate.objects.update(translations={})
    chin = Exercise.objects.get(slug="chin-tuck")
    chin.name = "Chin glide"
    chin.save(update_fields=["name"])
    tilt = Exercise.objects.get(slug="pelvic-tilt")
    tilt.translations = {"fr": {"name": "Bascule (notre version)"}}
    tilt.save(update_fields=["translations"])

    _new, _templates, updated = load_library()

    assert updated >= len(catalogue.EXERCISES) + len(catalogue.TEMPLATES)
    chin.refresh_from_db()
    tilt.refresh_from_db()
    assert "name" not in chin.translations["fr"]  # reworded: no seeded translation
    assert chin.translations["fr"]["purpose"] == library_fr.EXERCISES["chin-tuck"]["purpose"]
    assert tilt.translations["fr"]["name"] == "Bascule (notre version)"
    assert tilt.translations["fr"]["purpose"] == library_fr.EXERCISES["pelvic-tilt"]["purpose"]
    assert HandoutTemplate.objects.get(slug="neck-pain").translations["fr"]["title"]
    assert load_library()[2] == 0  # a second run changes nothing


# --------------------------------------------------------------------------- staff documents


@pytest.mark.parametrize("active", ["fr", "es"])
def test_letters_to_physicians_stay_in_the_clinics_language(alice, physician, admin_user, active):
    """Printed beside a French or Spanish handout, from a browser in that language, a letter to
    a physician is still the clinic's (``in_clinic_language`` on the referral renderers)."""
    from intake.referrals import services
    from intake.referrals.models import Referral
    from intake.referrals.pdf import render_progress_report, render_referral_letter
    from intake.referrals.selectors import letter_document, progress_report_document
    from tests.factories import make_intake, make_referral

    speaks(alice, active)
    sent = services.create_outgoing_from_intake(
        intake=make_intake(alice, flagged=True), physician=physician, by=admin_user
    )
    incoming = make_referral(alice, physician)
    load = Referral.objects.select_related("client", "physician", "intake")
    with translation.override(active):
        letter = pdf_text(render_referral_letter(letter_document(load.get(pk=sent.pk))))
        report = pdf_text(
            render_progress_report(progress_report_document(load.get(pk=incoming.pk)))
        )
    for text in (letter, report):
        assert "Page 1 of" in text and "DOB 15 Jun 1975" in text
        assert "Page 1 sur" not in text and "Página 1 de" not in text
    # the body map's key and views, which clients read translated, print in the clinic's words
    assert "Left and right are your own" in flat(letter) and "Symptoms" in letter
    assert "Gauche et droite" not in letter and "Izquierda y derecha" not in letter


def test_the_title_filter_reads_the_handout_title_in_the_pages_language(handout):
    from django.template import Context, Template

    page = Template("{% load handouts_tags %}{{ handout|handout_title }}")
    with translation.override("es"):
        assert page.render(Context({"handout": handout})) == (
            "Dolor en la nalga y la parte de atrás de la pierna: cuidados en casa"
        )
    assert page.render(Context({"handout": handout})) == "Buttock and back-of-leg pain: self-care"
    handout.title = "<b>Mine</b>"
    with translation.override("fr"):
        assert page.render(Context({"handout": handout})) == "&lt;b&gt;Mine&lt;/b&gt;"
