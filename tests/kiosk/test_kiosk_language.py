"""The language picker on a kiosk: a client picks theirs; the next person starts afresh."""

from django.conf import settings
from django.urls import reverse

from tests.core.test_languages import picker_language

COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_it_offers_the_picker_on_the_kiosk_and_forgets_the_choice_on_reset(kiosk_http):
    http, _kiosk = kiosk_http
    page = http.get(reverse("kiosk_start"))
    assert page.status_code == 200 and 'data-testid="language-picker"' in page.content.decode()
    response = http.post(reverse("set_language"), {"language": "es", "next": "/kiosk/"})
    assert response.status_code == 302 and response.cookies[COOKIE].value == "es"
    assert picker_language(http.get(reverse("kiosk_start"))) == "es"
    reset = http.post(reverse("kiosk_reset"))
    assert reset.cookies[COOKIE].value == "" and reset.cookies[COOKIE]["max-age"] == 0
    assert picker_language(http.get(reverse("kiosk_start"))) == "en"
