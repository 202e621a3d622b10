"""Which language a page is in (intake/languages.py): the picker, the cookie, the client's record,
the browser's preference, the kiosk's reset."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse

from intake.languages import client_language

COOKIE = settings.LANGUAGE_COOKIE_NAME


def picker_language(response) -> str:
    """The language the picker shows as chosen, and the page's lang attribute."""
    html = response.content.decode()
    lang = html.split('<html lang="', 1)[1].split('"', 1)[0]
    return lang


@pytest.mark.django_db
def test_it_serves_english_by_default_with_the_picker_on_a_public_page():
    response = HttpClient().get(reverse("login"))
    assert response.status_code == 200
    assert picker_language(response) == "en"
    html = response.content.decode()
    assert 'data-testid="language-picker"' in html
    for code, name in settings.LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in html and name in html


@pytest.mark.django_db
def test_it_follows_the_browsers_language_when_nothing_was_picked():
    response = HttpClient(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5").get(reverse("login"))
    assert picker_language(response) == "es"
    assert "Cambiar de idioma" in response.content.decode()
    assert response["Content-Language"] == "es"


@pytest.mark.django_db
def test_it_remembers_the_picked_language_in_a_cookie_and_returns_to_the_page():
    http = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    response = http.post(reverse("set_language"), {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "fr" and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = http.get(reverse("login"))
    assert picker_language(page) == "fr" and "Changer de langue" in page.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_redirect_to_another_site_and_an_unknown_language():
    http = HttpClient()
    response = http.post(
        reverse("set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    response = http.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert COOKIE not in response.cookies


@pytest.mark.django_db
def test_it_takes_a_post_only():
    assert HttpClient().get(reverse("set_language")).status_code == 405


def test_it_saves_a_signed_in_clients_choice_on_their_record(alice, alice_http):
    alice_http.post(reverse("set_language"), {"language": "es", "next": "/me/"})
    alice.refresh_from_db()
    assert alice.language == "es" and client_language(alice) == "es"


def test_it_sets_a_staff_members_cookie_too(therapist_http):
    response = therapist_http.post(reverse("set_language"), {"language": "fr", "next": "/staff/"})
    assert response.status_code == 302 and response.cookies[COOKIE].value == "fr"


def test_it_uses_the_clients_record_on_a_new_device(alice):
    alice.language = "fr"
    alice.save()
    http = HttpClient(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    http.force_login(alice.user, backend="django.contrib.auth.backends.ModelBackend")
    assert picker_language(http.get(reverse("client_home"))) == "fr"


def test_it_lets_the_cookie_win_over_the_record(alice, alice_http):
    alice.language = "fr"
    alice.save()
    alice_http.cookies[COOKIE] = "es"
    assert picker_language(alice_http.get(reverse("client_home"))) == "es"


def test_it_writes_to_a_client_in_the_clinics_language_until_they_choose(alice):
    assert client_language(alice) == settings.LANGUAGE_CODE == "en"


@pytest.mark.django_db
def test_it_says_page_not_found_in_the_readers_language():
    response = HttpClient(HTTP_ACCEPT_LANGUAGE="fr").get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html and "Page introuvable" in html
    assert "Se connecter" in html  # the navigation too


def test_the_bare_error_pages_follow_the_active_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("es"):
        assert "No disponible por un momento" in render_to_string("503.html")
        page = render_to_string("500.html")
        assert '<html lang="es">' in page and "Algo salió mal" in page


@pytest.mark.django_db
def test_it_signs_in_and_up_in_the_readers_language():
    http = HttpClient(HTTP_ACCEPT_LANGUAGE="es")
    login = http.get(reverse("login")).content.decode()
    assert "Iniciar sesión" in login and "¿Olvidó su contraseña?" in login
    assert "Correo electrónico" in login  # the form's label
    response = http.post(reverse("signup"), {"first_name": "Ana", "last_name": "Ruiz",
                                             "email": "ana@example.org", "password1": "x",
                                             "password2": "y"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "Las contraseñas no coinciden." in page
    assert "Cree su cuenta" in page and 'value="Ana"' in page  # nothing typed is lost
    reset = HttpClient(HTTP_ACCEPT_LANGUAGE="fr").get(reverse("password_reset"))
    assert "Réinitialisez votre mot de passe" in reset.content.decode()


def test_the_password_reset_e_mail_is_in_the_askers_language(alice, settings):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    http = HttpClient(HTTP_ACCEPT_LANGUAGE="fr")
    http.post(reverse("password_reset"), {"email": "alice@example.org"})
    (message,) = mail.outbox
    assert message.subject.startswith("Réinitialisation du mot de passe")
    assert "choisir un nouveau mot de passe" in message.body


def test_an_upload_is_refused_in_the_readers_language():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from intake.uploads import validate_upload

    with translation.override("es"), pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("letter.txt", b"just some text"))
    assert refused.value.messages == [
        "Este archivo no es un PDF, JPEG o PNG de hasta 10 MB. Suba un PDF, un JPEG o un PNG."
    ]
