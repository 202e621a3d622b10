"""/healthz names the part that is down (database, cache, storage) and answers 503; it shows no
host, key or error. /healthz/live answers while the process runs, whatever is down."""

import json
import secrets

import pytest
from django.db import connection

from tests.cluster.outage import down_redis_cache, down_s3_storages, redis_cache

pytestmark = pytest.mark.django_db

ALL_OK = {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}


def health(client, path="/healthz"):
    response = client.get(path)
    return response.status_code, json.loads(response.content)


def test_it_answers_ok_after_a_round_trip_to_each_part(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert health(client) == (200, ALL_OK)


def test_it_checks_the_real_redis_cache_when_one_is_configured(client, settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/11", f"t{secrets.token_hex(4)}")
    assert health(client) == (200, ALL_OK)


def test_it_names_the_database_when_it_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    assert health(client) == (503, {**ALL_OK, "status": "down", "database": "down"})


def test_it_names_the_cache_when_redis_is_down(client, settings):
    settings.CACHES = down_redis_cache()
    status, body = health(client)
    assert (status, body) == (503, {**ALL_OK, "status": "down", "cache": "down"})


def test_it_names_the_storage_when_the_object_store_is_down(client, settings):
    settings.STORAGES = down_s3_storages(settings.STORAGES)
    assert health(client) == (503, {**ALL_OK, "status": "down", "storage": "down"})


def test_it_names_the_storage_when_the_uploads_folder_cannot_be_made(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "uploads")},
        },
    }
    assert health(client) == (503, {**ALL_OK, "status": "down", "storage": "down"})


def test_it_shows_no_address_or_error(client, settings):
    settings.CACHES = down_redis_cache()
    settings.STORAGES = down_s3_storages(settings.STORAGES)
    response = client.get("/healthz")
    text = response.content.decode()
    for leak in ("127.0.0.1", "redis", "http", "Error", "refused", "testing"):
        assert leak not in text, leak
    assert response["Cache-Control"].startswith("max-age=0")


def test_liveness_answers_while_the_parts_are_down(client, settings, monkeypatch):
    settings.CACHES = down_redis_cache()
    monkeypatch.setattr(connection, "cursor", lambda *a, **k: 1 / 0)
    assert health(client, "/healthz/live") == (200, {"status": "ok"})


@pytest.mark.parametrize("path", ["/healthz", "/healthz/live"])
def test_it_answers_head_and_refuses_post(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


def test_it_logs_one_line_naming_the_part_without_a_trace(client, settings, caplog):
    settings.CACHES = down_redis_cache()
    with caplog.at_level("WARNING", logger="intake.health"):
        client.get("/healthz")
    (record,) = [r for r in caplog.records if r.name == "intake.health"]
    assert record.getMessage() == "Health check: cache is down (ConnectionError)"
    assert record.exc_info is None
