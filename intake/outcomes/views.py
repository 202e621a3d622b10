"""The clinic outcomes page (admins): aggregates only, no client named, so it writes no audit
event. The period is a query parameter; nothing about a client is ever in its address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from intake.outcomes import clinic
from intake.roles import admin_required


@require_GET
@admin_required
def clinic_outcomes(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period", clinic.DEFAULT_PERIOD)
    if period not in clinic.PERIODS:
        period = clinic.DEFAULT_PERIOD
    report = clinic.clinic_outcomes(period=period, today=timezone.localdate())
    periods = [(key, label) for key, (label, _) in clinic.PERIODS.items()]
    context = {
        "report": report,
        "periods": periods,
        "dropout_days": clinic.DROPOUT_DAYS,
        "sections": (
            ("total", f"{report.period_label}: the whole clinic", [report.total]),
            ("physician", "By referring physician", report.physicians),
            ("therapist", "By therapist", report.therapists),
            ("area", "By body area marked on the intake", report.areas),
        ),
    }
    return render(request, "outcomes/clinic.html", context)
