"""The intake summary shows what the wizard now asks: the emergency contact, and a start date
given as a month shown as a month (in the reader's language)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import make_intake

pytestmark = pytest.mark.django_db


def summary(http, intake) -> str:
    return http.get(reverse("my_intake_summary", kwargs={"intake_id": intake.pk})).content.decode()


def test_it_shows_the_emergency_contact_and_a_month_as_a_month(alice, alice_http):
    intake = make_intake(
        alice, emergency_contact_name="Sam Anders", emergency_contact_phone="555-0199",
        emergency_contact_relationship="brother", symptoms_started=dt.date(2025, 9, 1),
        symptoms_started_month_only=True,
    )  # fmt: skip
    page = summary(alice_http, intake)
    assert "Emergency contact: Sam Anders (brother), 555-0199" in page
    assert "September 2025" in page and "1 Sep 2025" not in page
    alice.language = "fr"
    alice.save()
    page = summary(alice_http, intake)
    assert "Personne à joindre en cas d'urgence : Sam Anders (brother), 555-0199" in page
    assert "septembre 2025" in page


def test_a_day_is_shown_as_a_day_and_no_contact_line_without_one(alice, alice_http):
    intake = make_intake(alice, symptoms_started=dt.date(2025, 9, 14))
    page = summary(alice_http, intake)
    assert "14 Sep 2025" in page and 'data-testid="emergency-contact"' not in page
