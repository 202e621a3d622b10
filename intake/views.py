"""Entry points: role-based home pages, the health check and the error pages."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from intake.roles import admin_required, client_required, staff_required


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(request, "home/landing.html")
    if user.is_admin_role:
        return redirect("admin_home")
    if user.is_therapist:
        return redirect("staff_home")
    return redirect("client_home")


@require_GET
@client_required
def client_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/client.html", {"client": request.client})


@require_GET
@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/staff.html")


@require_GET
@admin_required
def admin_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/admin.html")


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 after a real database round trip, 503 if the database is down."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        ok = False
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": ok}, status=200 if ok else 503
    )


@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view: Django's floor for the benchmark (no database, no template)."""
    return HttpResponse("pong", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: a failing context processor must not hide the error page.
    return render(request, "500.html", status=500, using=None)
