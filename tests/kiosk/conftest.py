"""Kiosk fixtures: a tablet a therapist turned into a kiosk (``kiosk_http``: the test client
whose session is the kiosk's), and client A identified on it with an intake open."""

import pytest


@pytest.fixture
def kiosk_http(therapist):
    """(http, kiosk): the therapist opened this browser as a kiosk."""
    from django.test import Client as HttpClient

    from intake.kiosk.models import Kiosk

    http = HttpClient()
    http.force_login(therapist, backend="django.contrib.auth.backends.ModelBackend")
    response = http.post("/staff/kiosks/open/", {"name": "Waiting-room tablet"})
    assert response.status_code == 302 and response["Location"] == "/kiosk/"
    return http, Kiosk.objects.get()


@pytest.fixture
def arrival(alice, admin_user):
    """A fresh arrival code for client A."""
    from intake.kiosk.services import new_arrival_code

    return new_arrival_code(client=alice, by=admin_user)


def identify(http, code: str, last_name: str = "Anders", born: str = "1975-06-15"):
    return http.post("/kiosk/", {"last_name": last_name, "date_of_birth": born, "code": code})
