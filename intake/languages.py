"""The client's language: English, French or Spanish (``settings.LANGUAGES``).

Which language a page is in, first match wins:

1. the language the visitor picked on this browser (Django's language cookie, set by
   :func:`set_language` from the picker on every public page);
2. the language on a signed-in client's record (picked on another device, or by the clinic);
3. the browser's own preference (``Accept-Language``);
4. ``settings.LANGUAGE_CODE`` (English).

What the client reads is translated; staff pages stay English for now, but anything they share
with client pages (answers, which are stored as codes, and their labels) shows in the staff
member's language. E-mails and printed handouts use the client's record (:func:`client_language`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

CODES = frozenset(code for code, _name in settings.LANGUAGES)


def _client_of(request: HttpRequest):  # noqa: ANN202 (Client | None)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_client:
        return None
    return getattr(user, "client", None)


class ClientLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the signed-in client's language before the browser's.

    Placed after AuthenticationMiddleware (it reads ``request.user``); we use no language
    prefix in URLs, so its place before CommonMiddleware does not matter.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return
        client = _client_of(request)
        if client is not None and client.language in CODES:
            translation.activate(client.language)
            request.LANGUAGE_CODE = client.language


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (the cookie, the safe ``next`` redirect), and for a signed-in
    client the same language on their record, so e-mails and handouts follow it."""
    response = django_set_language(request)
    code = request.POST.get("language", "")
    client = _client_of(request)
    if code in CODES and client is not None and client.language != code:
        client.language = code
        client.save(update_fields=["language", "updated_at"])
    return response


def client_language(client) -> str:  # noqa: ANN001 (Client)
    """The language to write to ``client`` in (e-mails, handouts): theirs, else the clinic's."""
    language = getattr(client, "language", "")
    return language if language in CODES else settings.LANGUAGE_CODE


# ---------------------------------------------------------------- content the clinic writes
# Content the clinic adds (its own intake questions, exercises, handout templates) is written in
# the clinic's language; each record may carry translations: ``{"fr": {"text": ...}, ...}``.


def content_languages() -> list[tuple[str, str]]:
    """The languages content can be translated into: every one but the clinic's own."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def translated(translations: dict | None, field: str, default, language: str | None = None):  # noqa: ANN001, ANN201
    """``default`` (the clinic's own wording) in ``language`` (the active one) when
    ``translations`` holds it; otherwise ``default`` itself."""
    value = (translations or {}).get(language or active_language(), {}).get(field)
    return value if value else default
