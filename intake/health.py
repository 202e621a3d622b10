"""Health of the parts a server needs, for load balancers and for people.

- ``/healthz``: readiness. One check each of the database, the cache and the file storage, each
  "ok" or "down"; 200 when all are ok, 503 otherwise. It names parts, never hosts, keys or errors.
- ``/healthz/live``: liveness. The process answers; nothing else is checked.
- ``server_error``: the 500 handler. When the request failed because a shared service is out
  (Redis, the object store, the task broker), the visitor gets a plain "try again in a minute"
  page with status 503 instead of the generic error page.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import Storage, default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, DOWN = "ok", "down"
PROBE_KEY = "healthz:probe"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def check_cache() -> None:
    cache.set(PROBE_KEY, "1", timeout=10)
    if cache.get(PROBE_KEY) != "1":
        raise RuntimeError("the cache did not keep a value")


def check_storage(storage: Storage | None = None) -> None:
    """The bucket answers (object storage), or the uploads folder can be written (local)."""
    storage = storage or default_storage
    bucket_name = getattr(storage, "bucket_name", None)
    if bucket_name:
        storage.connection.meta.client.head_bucket(Bucket=bucket_name)
        return
    location = Path(storage.location)
    location.mkdir(parents=True, exist_ok=True)
    if not os.access(location, os.W_OK | os.X_OK):
        raise PermissionError("the uploads folder cannot be written")


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
}


def readiness() -> dict[str, str]:
    """Each part's state, "ok" or "down"."""
    states = {}
    for part, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - whatever failed, this part is down
            # One line, no trace: a load balancer asks every few seconds while it is down.
            logger.warning("Health check: %s is down (%s)", part, type(error).__name__)
            states[part] = DOWN
        else:
            states[part] = OK
    return states


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    states = readiness()
    healthy = all(state == OK for state in states.values())
    return JsonResponse(
        {"status": OK if healthy else DOWN, **states}, status=200 if healthy else 503
    )


@never_cache
@require_safe
def liveness(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": OK})


def _outage_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean a shared service is unreachable, not that our code is wrong."""
    errors: list[type[BaseException]] = []
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        errors += [RedisConnectionError, RedisTimeoutError]
    except ImportError:  # pragma: no cover - redis is in requirements.txt
        pass
    try:
        from botocore.exceptions import ConnectionError as StoreConnectionError
        from botocore.exceptions import HTTPClientError

        errors += [StoreConnectionError, HTTPClientError]  # unreachable, timed out, cut off
    except ImportError:  # pragma: no cover
        pass
    try:
        from kombu.exceptions import OperationalError

        errors.append(OperationalError)  # the task broker
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def is_outage(error: BaseException | None) -> bool:
    """Whether ``error`` (or an error it came from) is a shared service being unreachable."""
    errors = _outage_errors()
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, errors):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: 503 and a "try again" page when a shared service is out."""
    if is_outage(sys.exc_info()[1]):
        # No request context: the context processors may need the service that is down.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    from intake.views import server_error as generic_server_error

    return generic_server_error(request)
