"""A kiosk session reaches the kiosk's own pages and nothing else.

A tablet turned into a kiosk holds a session of its own (``KIOSK_SESSION_KEY``), with nobody
logged in. Every request of such a session that is not for a kiosk page is sent to the kiosk's
start screen: no staff page, no client page, no earlier intake, no upload or download, no
Django admin, no log-in. After ``KIOSK_IDLE_SECONDS`` without a request, the kiosk forgets its
client before anything else happens. Nothing a kiosk shows may be cached.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

KIOSK_SESSION_KEY = "_kiosk_id"
SEEN_KEY = "_kiosk_seen"
#: The pages a kiosk may open (each checks the kiosk itself too).
KIOSK_PAGES = frozenset(
    {"kiosk_start", "kiosk_begin", "kiosk_step", "kiosk_done", "kiosk_reset", "kiosk_status",
     "kiosk_exit", "set_language"}
)  # fmt: skip
#: Requests that are not someone using the kiosk (the start screen asking if a client is sent).
NOT_ACTIVITY = frozenset({"kiosk_status"})


def _page_name(request: HttpRequest) -> str:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    return "" if match.namespace else (match.url_name or "")


class KioskMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kiosk_id = request.session.get(KIOSK_SESSION_KEY)
        request.kiosk = None
        if kiosk_id is None:
            return self.get_response(request)
        response = self._kiosk_request(request, kiosk_id)
        add_never_cache_headers(response)
        return response

    def _kiosk_request(self, request: HttpRequest, kiosk_id: int) -> HttpResponse:
        from intake import audit
        from intake.kiosk import services
        from intake.kiosk.models import Kiosk

        kiosk = (
            Kiosk.objects.select_related("client", "intake", "opened_by")
            .filter(pk=kiosk_id, closed_at__isnull=True)
            .first()
        )
        if kiosk is None:  # closed by staff: the tablet is an ordinary browser again
            request.session.flush()
            return redirect(settings.LOGIN_URL)
        request.kiosk = kiosk
        name = _page_name(request)
        now = int(time.time())
        if name not in NOT_ACTIVITY:
            seen = request.session.get(SEEN_KEY, now)
            if kiosk.client_since:  # the front desk sending a client counts as activity
                seen = max(seen, int(kiosk.client_since.timestamp()))
            if kiosk.client_id and now - seen > settings.KIOSK_IDLE_SECONDS:
                audit.record(request, audit.Action.CHANGE, obj=kiosk, client_id=kiosk.client_id,
                             user=kiosk.opened_by, detail=f"kiosk {kiosk.pk}: reset after idle time")  # fmt: skip
                services.clear(kiosk=kiosk)
                request.session[SEEN_KEY] = now
                return redirect("kiosk_start")
            request.session[SEEN_KEY] = now
        if name not in KIOSK_PAGES:
            return redirect("kiosk_start")
        return self.get_response(request)
