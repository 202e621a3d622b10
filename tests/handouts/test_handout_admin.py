"""The back office lists and opens exercises, templates and handouts."""

import pytest

from intake.handouts.models import Exercise, HandoutTemplate

pytestmark = pytest.mark.django_db


def test_it_opens_the_admin_pages(admin_http, handout):
    pages = [
        "/django-admin/intake/exercise/",
        f"/django-admin/intake/exercise/{Exercise.objects.first().pk}/change/",
        "/django-admin/intake/handouttemplate/",
        f"/django-admin/intake/handouttemplate/{HandoutTemplate.objects.first().pk}/change/",
        "/django-admin/intake/handout/",
        f"/django-admin/intake/handout/{handout.pk}/change/",
    ]
    for url in pages:
        assert admin_http.get(url).status_code == 200, url


def test_it_keeps_therapists_out_of_the_admin(therapist_http, library):
    assert therapist_http.get("/django-admin/intake/exercise/").status_code == 302


def test_the_exercise_list_shows_each_dose_in_words(admin_http, library):
    body = admin_http.get("/django-admin/intake/exercise/").content.decode()
    assert "10 minutes · twice a day" in body  # the walk
