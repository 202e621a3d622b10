"""The staff side of a client: search, and the chart (identity, flags, referrals, visits)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from intake import audit, body_map
from intake.accounts.models import Client
from intake.clients import search
from intake.clients.forms import ClientSearchForm
from intake.clients.progress import points_from_notes, progress_svg
from intake.clients.safety import summary_of
from intake.handouts.models import Handout
from intake.notes.forms import DateRangeForm
from intake.notes.models import SessionNote
from intake.referrals.models import Referral
from intake.roles import staff_required
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
        "progress_svg": progress_svg(points_from_notes(notes)),
        "range_form": DateRangeForm(initial={"date_from": first_visit, "date_to": today}),
    }
    return render(request, "clients/client_chart.html", context)
