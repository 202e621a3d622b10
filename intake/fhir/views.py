"""Who gets the record in a standard form: staff download a client's FHIR Bundle from the chart,
a client downloads their own and a zip of their PDFs from /me/ (their right of access), an admin
streams the clinic's NDJSON, and anyone reads the published intake Questionnaire. Every export of
a client's record is audited."""

from __future__ import annotations

import io
import json
import zipfile

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from intake import audit
from intake.accounts.models import Client
from intake.fhir import documents, ndjson, questionnaire
from intake.fhir.bundle import client_bundle
from intake.me.selectors import notes_visible
from intake.roles import admin_required, client_required, staff_required

FHIR_JSON = "application/fhir+json"


def _download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _bundle_response(request: HttpRequest, client: Client, *, for_client: bool) -> HttpResponse:
    bundle = client_bundle(client, for_client=for_client)
    body = json.dumps(bundle, ensure_ascii=False, indent=1)
    audit.record_on(request, audit.Action.EXPORT, client, detail="FHIR bundle")
    response = HttpResponse(body.encode(), content_type=FHIR_JSON)
    return _download(response, f"client-{client.pk}-record.fhir.json")


@require_GET
@staff_required
def client_bundle_download(request: HttpRequest, client_id: int) -> HttpResponse:
    return _bundle_response(request, get_object_or_404(Client, pk=client_id), for_client=False)


@require_GET
@client_required
def my_bundle(request: HttpRequest) -> HttpResponse:
    return _bundle_response(request, request.client, for_client=True)


@require_GET
@client_required
def my_pdfs(request: HttpRequest) -> HttpResponse:
    """The client's handouts, and their signed notes (each addendum too) when the clinic lets
    clients read them (``CLIENTS_SEE_SIGNED_NOTES``), as one zip of PDFs."""
    files = documents.client_files(request.client, notes=notes_visible())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for pdf in files:
            archive.writestr(pdf.filename, pdf.data)
    audit.record_on(request, audit.Action.EXPORT, request.client, detail=f"{len(files)} PDFs zip")
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    return _download(response, "my-clinic-documents.zip")


@require_GET
def intake_questionnaire(request: HttpRequest) -> HttpResponse:
    """The published intake Questionnaire (no one's answers: public, like the blank form)."""
    body = json.dumps(questionnaire.questionnaire(), ensure_ascii=False, indent=1)
    return HttpResponse(body.encode(), content_type=FHIR_JSON)


@require_GET
@admin_required
def clinic_export(request: HttpRequest) -> HttpResponse:
    return render(request, "fhir/clinic_export.html", {"kinds": list(ndjson.STREAMS)})


@require_GET
@admin_required
def clinic_export_ndjson(request: HttpRequest, resource_type: str) -> StreamingHttpResponse:
    """One resource type of the whole clinic, streamed line by line in constant memory."""
    if resource_type not in ndjson.STREAMS:
        raise Http404("No such resource type.")
    audit.record(request, audit.Action.EXPORT, detail=f"FHIR NDJSON {resource_type}")
    response = StreamingHttpResponse(
        ndjson.lines(resource_type), content_type="application/fhir+ndjson"
    )
    return _download(response, f"{resource_type}.ndjson")
