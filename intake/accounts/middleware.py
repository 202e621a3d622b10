"""Session lifetime (staff: 15 minutes idle, 12 hours in all; clients: 30 minutes idle), and no
caching of signed-in pages."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

LAST_SEEN = "_last_seen"
STARTED = "_session_started"


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            if user.is_clinic_staff:
                idle_limit, absolute_limit = (
                    settings.STAFF_IDLE_TIMEOUT,
                    settings.STAFF_ABSOLUTE_TIMEOUT,
                )
            else:
                idle_limit, absolute_limit = (
                    settings.CLIENT_IDLE_TIMEOUT,
                    settings.STAFF_ABSOLUTE_TIMEOUT,
                )
            if now - last_seen > idle_limit or now - started > absolute_limit:
                logout(request)
                messages.info(request, "You were signed out after a period of inactivity.")
                return redirect(settings.LOGIN_URL)
            if STARTED not in session:
                session[STARTED] = now
            # Write the session at most once a minute: idle limits are in minutes.
            if now - last_seen >= 60 or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for a signed-in person hold health data: no browser or proxy may keep a copy
    (a shared front-desk computer's back button, a proxy cache). Responses that set their own
    Cache-Control keep it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
