"""The username django-axes counts failures against: the e-mail as typed, trimmed and lower-cased,
so "Tess@Example.org " and "tess@example.org" share one lockout counter."""

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict | None) -> str:
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()[:254]
