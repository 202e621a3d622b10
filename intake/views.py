"""Entry points: role-based home pages and the error pages (the health check: intake/health.py).

Each home page is a view that builds its own context: what the page shows is read here (or by
the owning capability's selector), never by a template tag the view cannot see.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from intake import audit
from intake.clients.safety import needs_attention
from intake.handouts.models import Handout
from intake.me import selectors as me
from intake.notes.models import SessionNote
from intake.referrals import dashboard
from intake.roles import admin_required, client_required, staff_required
from intake.submissions.models import IntakeSubmission

HOME_LIST = 5  # rows in each list of a home page
CLIENT_HANDOUTS = 20  # a client's given handouts, newest first
STAFF_HANDOUTS = 8  # a therapist's latest handouts, drafts included


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
    client = request.client
    intakes = list(client.intakes.order_by("-created_at", "-id")[:HOME_LIST])
    handouts = client.handouts.filter(assigned_at__isnull=False)
    handouts = handouts.select_related("therapist", "template")  # titles in the page's language
    handouts = list(handouts.order_by("-assigned_at", "-id")[:CLIENT_HANDOUTS])
    visits, more_visits = me.visit_history(client, given=handouts)  # issue 19
    context = {
        "client": client,
        "intakes": intakes,
        "draft": next((intake for intake in intakes if not intake.is_submitted), None),
        "handouts": handouts,
        "visits": visits,
        "more_visits": more_visits,
        "notes_visible": me.notes_visible(),
        "referrals": dashboard.client_referrals(client),
        "today": timezone.localdate(),
    }
    audit.record(request, audit.Action.VIEW, client=client, detail="own home page")
    return render(request, "home/client.html", context)


@require_GET
@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    notes = SessionNote.objects.filter(therapist=request.user).select_related("client")
    handouts = Handout.objects.filter(therapist=request.user).select_related("client")
    intakes = IntakeSubmission.objects.submitted().select_related("client")
    context = {
        "attention": needs_attention(),
        "new_intakes": list(intakes[:HOME_LIST]),
        "draft_notes": list(
            notes.filter(signed_at__isnull=True).order_by("-visit_date", "-id")[:HOME_LIST]
        ),
        "signed_notes": list(
            notes.filter(signed_at__isnull=False).order_by("-signed_at", "-id")[:HOME_LIST]
        ),
        "handouts": list(handouts.order_by("-updated_at", "-id")[:STAFF_HANDOUTS]),
        "expiring": list(dashboard.expiring_soon(today)[:HOME_LIST]),
        "expiring_days": dashboard.EXPIRING_DAYS,
        "today": today,
    }
    return render(request, "home/staff.html", context)


@require_GET
@admin_required
def admin_home(request: HttpRequest) -> HttpResponse:
    """The front office's work queue: referrals to verify, intakes to act on (a safety
    follow-up), referrals expiring and nearly used up; each with its count."""
    today = timezone.localdate()
    context = {
        "attention": needs_attention(),
        "to_verify": dashboard.shortlist(dashboard.to_verify(), HOME_LIST),
        "expiring": dashboard.shortlist(dashboard.expiring_soon(today), HOME_LIST),
        "exhausted": dashboard.shortlist(dashboard.nearly_exhausted(today), HOME_LIST),
        "expiring_days": dashboard.EXPIRING_DAYS,
        "low_visits": dashboard.LOW_VISITS,
        "today": today,
    }
    return render(request, "home/admin.html", context)


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
