"""Session lifetime: staff sessions end after 15 minutes idle or 12 hours in all; clients after 30 idle."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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
