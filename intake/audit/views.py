"""The audit log for the office: filter, page through, export as CSV (itself audited); and the log
review: who opened which client's record, with the patterns worth a second look."""

import datetime
import itertools
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from intake import audit
from intake.audit import review
from intake.audit.forms import AuditFilterForm, ReviewFilterForm
from intake.audit.models import AuditEvent
from intake.csv_export import csv_cell, csv_response
from intake.paging import paged
from intake.roles import admin_required

PAGE_SIZE = 50
CSV_HEADER = ["time (UTC)", "user", "role", "action", "object type", "object id", "client id",
              "client", "ip", "detail", "record"]  # fmt: skip
REVIEW_HEADER = ["staff member", "role", "client id", "client", "own client", "times opened",
                 "first (UTC)", "last (UTC)"]  # fmt: skip
CSV_BATCH = 2000


def _filtered_events(request: HttpRequest) -> tuple[AuditFilterForm, object]:
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("user", "client")
    if form.is_bound:
        events = form.filter(events) if form.is_valid() else events.none()
    return form, events


@require_GET
@admin_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, events = _filtered_events(request)
    context = {"form": form, **paged(request, events, PAGE_SIZE)}
    context["page"].object_list = review.name_events(context["page"].object_list)
    return render(request, "audit/audit_list.html", context)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _csv_rows(events) -> Iterator[list[str]]:
    stream = events.iterator(chunk_size=CSV_BATCH)
    batches = iter(lambda: list(itertools.islice(stream, CSV_BATCH)), [])
    for event in itertools.chain.from_iterable(map(review.name_events, batches)):
        yield [
            csv_cell(value)
            for value in (
                _utc(event.at),
                event.user.email if event.user else "",
                event.role,
                event.action,
                event.object_type,
                event.object_id,
                event.client_id or "",
                event.client.full_name if event.client else "",
                event.ip or "",
                event.detail,
                event.label,
            )
        ]


@require_GET
@admin_required
def audit_export(request: HttpRequest) -> HttpResponse:
    form, events = _filtered_events(request)
    audit.record(request, audit.Action.EXPORT, detail="audit log csv")
    return csv_response("audit", CSV_HEADER, _csv_rows(events))


def _review(request: HttpRequest) -> tuple[ReviewFilterForm, object]:
    form = ReviewFilterForm(request.GET)  # bound even when empty: the defaults are the last 30 days
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    staff = data.get("staff")
    events = review.openings(
        staff_id=staff.pk if staff else None, start=data["date_from"], end=data["date_to"]
    )
    return form, events


@require_GET
@admin_required
def audit_review(request: HttpRequest) -> HttpResponse:
    form, events = _review(request)
    context = {"form": form, "reviewed": events is not None}
    if events is not None:
        rows = review.who_opened_what(events)
        out_of_hours = review.name_events(review.out_of_hours(events)[: review.OUT_OF_HOURS_LIMIT])
        context |= {
            "many_others": review.many_others(rows),
            "out_of_hours": out_of_hours,
            "out_of_hours_limit": review.OUT_OF_HOURS_LIMIT,
            **paged(request, rows, PAGE_SIZE),
        }
    audit.record(request, audit.Action.VIEW, detail="audit log review")
    return render(request, "audit/review.html", context)


@require_GET
@admin_required
def audit_review_export(request: HttpRequest) -> HttpResponse:
    form, events = _review(request)
    rows = review.who_opened_what(events) if events is not None else []
    audit.record(request, audit.Action.EXPORT, detail="audit log review csv")
    return csv_response("audit-review", REVIEW_HEADER, _review_rows(rows))


def _review_rows(rows: list[dict]) -> Iterator[list[str]]:
    for row in rows:
        user, client = row["user"], row["client"]
        values = (
            user.email if user else "",
            user.role if user else "",
            row["client_id"],
            client.full_name if client else "",
            "yes" if row["own"] else "no",
            row["opened"],
            _utc(row["first"]),
            _utc(row["last"]),
        )
        yield [csv_cell(value) for value in values]
