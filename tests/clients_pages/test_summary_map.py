"""The intake summary's body map draws each feeling marked there in its own colour and pattern
(the step's key), so it reads the same as what the client marked."""

import pytest
from django.urls import reverse

from tests.factories import make_intake

pytestmark = pytest.mark.django_db


def test_the_summary_map_draws_the_feelings_marked(alice, alice_http):
    intake = make_intake(alice, marks=[("calf_l", ["pain", "tingling"], 6)])
    page = alice_http.get(reverse("my_intake_summary", kwargs={"intake_id": intake.pk}))
    html = page.content.decode()
    assert 'fill="url(#summary-map-pat-pain)"' in html
    assert 'fill="url(#summary-map-pat-tingling)"' in html
