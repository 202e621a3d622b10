"""The audit log for the office: filter, page through, export as CSV (itself audited)."""

import datetime
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from intake import audit
from intake.audit.forms import AuditFilterForm
from intake.audit.models import AuditEvent
from intake.csv_export import csv_cell, csv_response
from intake.paging import paged
from intake.roles import admin_required

PAGE_SIZE = 50
CSV_HEADER = ["time (UTC)", "user", "role", "action", "object type", "object id", "client id",
              "client", "ip", "detail"]  # fmt: skip


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
    return render(request, "audit/audit_list.html", context)


def _csv_rows(events) -> Iterator[list[str]]:
    for event in events.iterator(chunk_size=2000):
        yield [
            csv_cell(value)
            for value in (
                event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                event.user.email if event.user else "",
                event.role,
                event.action,
                event.object_type,
                event.object_id,
                event.client_id or "",
                event.client.full_name if event.client else "",
                event.ip or "",
                event.detail,
            )
        ]


@require_GET
@admin_required
def audit_export(request: HttpRequest) -> HttpResponse:
    form, events = _filtered_events(request)
    audit.record(request, audit.Action.EXPORT, detail="audit log csv")
    return csv_response("audit", CSV_HEADER, _csv_rows(events))
