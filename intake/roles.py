"""Who may do what: role checks as view decorators.

Anonymous users are sent to the login page; a logged-in user with the wrong role gets 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def _role_check(test: Callable[[object], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def _client_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        client = getattr(user, "client", None) if user.is_client else None
        if client is None:
            raise PermissionDenied
        request.client = client
        return view(request, *args, **kwargs)

    return login_required(wrapped)


client_required = _client_required
staff_required = _role_check(lambda user: user.is_clinic_staff)
therapist_required = _role_check(lambda user: user.is_therapist)
admin_required = _role_check(lambda user: user.is_admin_role)
