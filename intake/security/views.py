"""The audit log for the office: filter, page through, export as CSV (itself audited)."""

import csv
import datetime
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from intake import audit
from intake.audit_models import AuditEvent
from intake.roles import admin_required
from intake.security.forms import AuditFilterForm

PAGE_SIZE = 50
CSV_HEADER = ["time (UTC)", "user", "role", "action", "object type", "object id", "client id",
              "client", "ip", "detail"]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: formulas are defused with a leading apostrophe."""
    text = "" if value is None else str(value).replace("\x00", "")
    return f"'{text}" if text.startswith(FORMULA_START) else text


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
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "security/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(events) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(
            [
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
        )


@require_GET
@admin_required
def audit_export(request: HttpRequest) -> HttpResponse:
    form, events = _filtered_events(request)
    audit.record(request, audit.Action.EXPORT, detail="audit log csv")
    response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
