"""Sessions and cache in Redis (REDIS_URL): a session is shared through Redis and the database;
with Redis gone the site answers the 503 "try again" page (no error page, no trace), nothing
already saved is lost, and once Redis is back the client carries on where they were."""

import secrets

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache
from django.test import Client as HttpClient
from django.urls import reverse

from intake.submissions.models import IntakeSubmission
from tests.cluster.outage import down_redis_cache, redis_cache
from tests.fixtures.submissions import step_data

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_sessions(settings):
    """Django's Redis cache on the local Redis (its own key prefix), sessions cached_db."""
    prefix = f"test-{secrets.token_hex(6)}"
    settings.CACHES = redis_cache(REDIS, prefix)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield settings
    settings.CACHES = redis_cache(REDIS, prefix)
    cache.clear()  # this test's keys only (the prefix is its own)


def step_url(intake: IntakeSubmission, step: int) -> str:
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


def test_a_session_is_kept_in_redis_and_in_the_database(redis_sessions, alice):
    http = HttpClient()
    http.force_login(alice.user)
    key = http.cookies["sessionid"].value
    assert cache.get(KEY_PREFIX + key) is not None
    from django.contrib.sessions.models import Session

    assert Session.objects.filter(session_key=key).exists()
    assert http.get(reverse("client_home")).status_code == 200


def test_redis_down_answers_the_try_again_page_and_loses_no_saved_answer(redis_sessions, alice):
    http = HttpClient(raise_request_exception=False)
    http.force_login(alice.user)
    http.post(reverse("intake_start"))
    intake = IntakeSubmission.objects.get(client=alice)
    for step in (1, 2):
        assert http.post(step_url(intake, step), step_data(step)).status_code == 302
    answer = step_data(3, main_complaint="Sore after gardening")
    assert http.post(step_url(intake, 3), answer).status_code == 302

    cache.clear()  # the session must be read from Redis again, and Redis is gone:
    redis_sessions.CACHES = down_redis_cache()
    for response in (http.get(step_url(intake, 4)), http.post(step_url(intake, 4), step_data(4))):
        assert response.status_code == 503 and response["Retry-After"] == "60"
        text = response.content.decode()
        assert "Briefly unavailable" in text and "What you already saved is kept" in text
        for leak in ("Traceback", "redis", "127.0.0.1", "Alice", "gardening"):
            assert leak not in text, leak
    intake.refresh_from_db()
    assert intake.main_complaint == "Sore after gardening" and intake.status == "draft"

    redis_sessions.CACHES = redis_cache(REDIS, f"test-{secrets.token_hex(6)}")  # Redis is back
    page = http.get(step_url(intake, 3))
    assert page.status_code == 200 and "Sore after gardening" in page.content.decode()
    assert http.post(step_url(intake, 4), step_data(4)).status_code == 302


def test_the_log_in_page_answers_without_redis_for_a_visitor_with_no_session(client, settings):
    settings.CACHES = down_redis_cache()
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert client.get(reverse("login")).status_code == 200
