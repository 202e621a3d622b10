"""The staff side of a client: search, the chart (identity, flags, referrals, visits), and the
safety follow-up of a flagged intake."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from intake import audit, body_map
from intake.accounts.models import Client
from intake.clients import followups, search
from intake.clients.forms import ClientSearchForm, SafetyFollowUpForm
from intake.clients.safety import FOLLOW_UPS, summary_of
from intake.csv_export import csv_response
from intake.handouts.models import Handout
from intake.notes.forms import DateRangeForm
from intake.notes.models import SessionNote
from intake.outcomes import chart as outcome_chart
from intake.outcomes import export as outcome_export
from intake.outcomes import series as outcome_series
from intake.referrals.models import Referral
from intake.roles import staff_required
from intake.submissions.models import IntakeSubmission
from intake.submissions.selectors import latest_submitted_intake


@require_GET
@staff_required
def client_search(request: HttpRequest) -> HttpResponse:
    form = ClientSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    result = search.search(query)
    audit.record(request, audit.Action.VIEW, detail="client search")
    context = {
        "form": form,
        "query": search.normalize(query),
        "clients": result.clients,
        "more": result.more,
        "short_words": result.short_words,
        "min_contains": search.MIN_CONTAINS,
    }
    return render(request, "clients/client_search.html", context)


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    used: int
    remaining: int | None
    expires_in_days: int | None
    usable: bool


def _referral_rows(client: Client) -> list[ReferralRow]:
    today = timezone.localdate()
    referrals = (
        Referral.objects.filter(client=client).select_related("physician").with_visit_counts()
    )
    return [
        ReferralRow(
            ref,
            ref.visits_used(),
            ref.visits_remaining(),
            ref.expires_in_days(today),
            ref.is_usable_for_visit(today)[0],
        )
        for ref in referrals
    ]


def _outcomes(client: Client, notes: list[SessionNote]) -> list[dict]:
    """Each episode's change table, chart and numbers, newest first (one query: the intakes)."""
    intakes = IntakeSubmission.objects.filter(client=client).submitted()
    found = outcome_series.episodes(intakes, notes)
    return [
        {
            "episode": e,
            "chart_id": f"episode-{i}",
            "svg": outcome_chart.svg(e, chart_id=f"episode-{i}"),
        }
        for i, e in reversed(list(enumerate(found, start=1)))
    ]


@require_GET
@staff_required
def client_outcomes_csv(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's outcome series (every episode) as CSV; audited as an export."""
    client = get_object_or_404(Client, pk=client_id)
    found = outcome_series.client_episodes(client)
    audit.record_on(request, audit.Action.EXPORT, client, detail="outcome series CSV")
    return csv_response("outcomes", outcome_export.CSV_HEADER, outcome_export.csv_rows(found))


@require_GET
@staff_required
def client_chart(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=client_id)
    intake = latest_submitted_intake(client=client)
    safety = summary_of(intake)
    notes = list(
        SessionNote.objects.filter(client=client)
        .select_related("therapist")
        .annotate(addenda_count=Count("addenda"))
        .order_by("-visit_date", "-id")
    )
    handouts = list(
        Handout.objects.filter(client=client).select_related("therapist").order_by("-created_at")
    )
    today = timezone.localdate()
    first_visit = min((n.visit_date for n in notes), default=today)
    audit.record_on(request, audit.Action.VIEW, client)
    context = {
        "client": client,
        "intake": intake,
        "safety": safety,
        "symptom_map": body_map.svg(sorted(safety.symptom_regions), id_prefix="chart"),
        "symptom_regions": body_map.labels_for(sorted(safety.symptom_regions)),
        "referral_rows": _referral_rows(client),
        "notes": notes,
        "handouts": handouts,
        "outcomes": _outcomes(client, notes),
        "range_form": DateRangeForm(initial={"date_from": first_visit, "date_to": today}),
    }
    return render(request, "clients/client_chart.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def safety_follow_up(request: HttpRequest, intake_id: int) -> HttpResponse:
    """Record what the client of a flagged intake was told (a draft's too: staff may phone about
    an urgent answer before the client submits)."""
    # Marks and follow-ups read once, for the suggested advice, the banner and the list.
    intakes = IntakeSubmission.objects.select_related("client")
    intake = get_object_or_404(intakes.prefetch_related("marks", FOLLOW_UPS), pk=intake_id)
    initial = {
        "contacted_at": timezone.localtime().replace(second=0, microsecond=0),
        "advice": followups.suggested_advice(intake),
    }
    form = SafetyFollowUpForm(request.POST or None, intake=intake, initial=initial)
    if request.method == "POST" and form.is_valid():
        followups.record_follow_up(
            intake=intake, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, "Safety follow-up recorded.")
        if intake.is_submitted:
            return redirect("intake_summary", intake_id=intake.pk)
        return redirect("client_chart", client_id=intake.client_id)
    if request.method == "GET":
        audit.record_on(request, audit.Action.VIEW, intake, detail="safety follow-up form")
    context = {
        "intake": intake,
        "client": intake.client,
        "form": form,
        "follow_ups": intake.follow_ups.all(),
    }
    return render(request, "clients/follow_up_form.html", context)
