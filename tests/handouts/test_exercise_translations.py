"""Issue 16: the exercise form's translation fields (optional, per language, checked whole and
one to one with the clinic's steps and precautions), and the admin's template translations."""

import pytest
from django.core.exceptions import ValidationError

from intake.handouts.forms import ExerciseForm, check_translations
from intake.handouts.models import Exercise, HandoutTemplate
from tests.handouts.test_handout_exercises import NEW, valid

pytestmark = pytest.mark.django_db

FRENCH = {
    "name_fr": "Montée sur la pointe des pieds",
    "purpose_fr": "Renforce les mollets.",
    "instructions_fr": "Tenez-vous droit.\nMontez sur la pointe des pieds.\n\nRedescendez lentement.",
    "precautions_fr": "Tenez une chaise pour l'équilibre.",
}


def errors(data: dict) -> dict:
    form = ExerciseForm(data)
    assert not form.is_valid()
    return {name: [e.code for e in errs.as_data()] for name, errs in form.errors.items()}


def test_it_saves_a_translation_and_shows_it_again(therapist_http, library):
    response = therapist_http.post(NEW, valid(**FRENCH))
    assert response.status_code == 302
    exercise = Exercise.objects.get(name="Calf raise")
    assert exercise.translations == {
        "fr": {
            "name": "Montée sur la pointe des pieds",
            "purpose": "Renforce les mollets.",
            "instructions": "Tenez-vous droit.\nMontez sur la pointe des pieds.\nRedescendez lentement.",
            "precautions": "Tenez une chaise pour l'équilibre.",
        }
    }
    assert exercise.lines_in("instructions", "fr")[2] == "Redescendez lentement."
    assert exercise.text_in("name", "es") == "Calf raise"  # no Spanish: the clinic's words
    html = therapist_http.get(f"/staff/exercises/{exercise.pk}/edit/").content.decode()
    assert html.count('data-testid="translation-fieldset"') == 2
    assert "In Français (optional)" in html and "In Español (optional)" in html
    assert 'value="Montée sur la pointe des pieds"' in html
    assert "Redescendez lentement." in html


def test_it_accepts_no_translation_and_emptying_one_removes_it(therapist_http, library):
    assert ExerciseForm(valid()).is_valid()
    exercise = Exercise.objects.get(slug="chin-tuck")
    assert exercise.translations["fr"]
    data = valid(name="Chin tuck", instructions="A.\nB.\nC.", precautions="X.\nY.")
    data.update({f"{f}_es": v for f, v in exercise.translations["es"].items()})
    response = therapist_http.post(f"/staff/exercises/{exercise.pk}/edit/", data)
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert set(exercise.translations) == {"es"}  # French left empty: gone


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        # half-filled: a name alone would put a French title over English steps
        ({"name_fr": "Montée"}, {"purpose_fr": ["translation_incomplete"],
                                 "instructions_fr": ["translation_incomplete"],
                                 "precautions_fr": ["translation_count"]}),
        # a step dropped
        ({**FRENCH, "instructions_fr": "Tenez-vous droit.\nMontez."},
         {"instructions_fr": ["translation_count"]}),
        # a step too many
        ({**FRENCH, "instructions_fr": "A.\nB.\nC.\nD."}, {"instructions_fr": ["translation_count"]}),
        # the precaution left out: a safety loss
        ({**FRENCH, "precautions_fr": ""}, {"precautions_fr": ["translation_count"]}),
        # a precaution the clinic's wording does not have
        ({**FRENCH, "precautions_fr": "A.\nB."}, {"precautions_fr": ["translation_count"]}),
        # in Spanish too, independently of a valid French
        ({**FRENCH, "purpose_es": "Fortalece."}, {"name_es": ["translation_incomplete"],
                                                  "instructions_es": ["translation_incomplete"],
                                                  "precautions_es": ["translation_count"]}),
        ({**FRENCH, "name_fr": "x" * 121}, {"name_fr": ["max_length"]}),
    ],
)  # fmt: skip
def test_it_refuses_a_half_translated_exercise(library, overrides, expected):
    assert errors(valid(**overrides)) == expected


def test_it_refuses_translated_precautions_when_the_clinics_wording_has_none(library):
    data = valid(precautions="", **{**FRENCH, "precautions_fr": "Tenez une chaise."})
    assert errors(data) == {"precautions_fr": ["translation_count"]}
    form = ExerciseForm(data)
    form.is_valid()
    assert "no precautions in your words" in form.errors["precautions_fr"][0]


def test_it_reports_the_clinics_own_step_error_first(library):
    assert errors(valid(instructions="  \n", **FRENCH)) == {"instructions": ["required"]}
    assert errors(valid(instructions="", **FRENCH)) == {"instructions": ["required"]}


def test_nothing_typed_is_lost_when_the_form_fails(therapist_http, library):
    data = valid(**{**FRENCH, "instructions_fr": "Une seule étape."})
    response = therapist_http.post(NEW, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Give the 3 steps of the exercise, one per line, in the same order (there are 1 here)."
        in html
    )
    assert "Une seule étape." in html and 'value="Montée sur la pointe des pieds"' in html
    assert not Exercise.objects.filter(name="Calf raise").exists()


def test_hostile_translations_are_stored_and_shown_escaped(therapist_http, library):
    markup = '<img src=x onerror="alert(1)">'
    data = valid(**{**FRENCH, "name_fr": markup})
    assert therapist_http.post(NEW, data).status_code == 302
    exercise = Exercise.objects.get(name="Calf raise")
    html = therapist_http.get(f"/staff/exercises/{exercise.pk}/edit/").content.decode()
    assert markup not in html and "&lt;img src=x" in html


# --------------------------------------------------------------------------- templates (admin)


def test_template_translations_are_checked():
    fields = HandoutTemplate.TRANSLATED_FIELDS
    good = {"fr": {"title": "Titre", "introduction": "Texte."}, "es": {"title": "Título"}}
    assert check_translations(good, fields) == good
    assert check_translations({}, fields) == {}
    for bad in (
        [],
        {"de": {"title": "Titel"}},
        {"en": {"title": "Title"}},  # the clinic's own language is the record itself
        {"fr": {}},
        {"fr": "Titre"},
        {"fr": {"slug": "x"}},
        {"fr": {"title": "  "}},
        {"fr": {"title": 3}},
    ):
        with pytest.raises(ValidationError):
            check_translations(bad, fields)


def test_the_admin_saves_a_template_translation(admin_http, library):
    template = HandoutTemplate.objects.get(slug="neck-pain")
    url = f"/django-admin/intake/handouttemplate/{template.pk}/change/"
    page = admin_http.get(url)
    assert page.status_code == 200
    data = {
        "slug": template.slug,
        "title": template.title,
        "introduction": template.introduction,
        "suggest_tags": '["neck", "head"]',
        "translations": '{"fr": {"title": "Cou"}, "de": {"title": "Hals"}}',
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    }
    response = admin_http.post(url, data)
    assert response.status_code == 200 and "is not one of the clinic" in response.content.decode()
    data["translations"] = '{"fr": {"title": "Cou"}}'
    response = admin_http.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    template.refresh_from_db()
    assert template.translations == {"fr": {"title": "Cou"}}


def test_the_exercise_page_says_which_languages_it_is_translated_into(therapist_http, library):
    chin = Exercise.objects.get(slug="chin-tuck")
    html = therapist_http.get(f"/staff/exercises/{chin.pk}/").content.decode()
    assert "translated into Français, Español; any other language reads your wording" in html
    chin.translations = {"es": chin.translations["es"]}
    chin.save(update_fields=["translations"])
    html = therapist_http.get(f"/staff/exercises/{chin.pk}/").content.decode()
    assert "translated into Español;" in html
    chin.translations = {}
    chin.save(update_fields=["translations"])
    html = therapist_http.get(f"/staff/exercises/{chin.pk}/").content.decode()
    assert "no translation yet, so they read your wording" in html
