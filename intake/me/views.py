"""The client's own pages (issue 19): a signed session note of theirs, read-only, when the clinic
allows it, and their submitted intake's summary as a PDF. Each is the client's alone (another
client's object is a 404, staff are refused: they have their own pages) and audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from intake import audit, body_map
from intake.languages import client_language
from intake.me import selectors
from intake.pdf import pdf_response
from intake.roles import client_required
from intake.submissions.models import IntakeSubmission
from intake.submissions.summary import summary_context
from intake.submissions.summary_pdf import render_intake_summary, summary_document


@require_GET
@client_required
def my_note(request: HttpRequest, note_id: int) -> HttpResponse:
    """One of the client's signed notes, as signed, with its addenda (read-only)."""
    if not selectors.notes_visible():
        raise Http404("The clinic does not show session notes to clients.")
    note = get_object_or_404(
        selectors.readable_notes(request.client)
        .select_related("therapist")
        .prefetch_related("addenda__author"),
        pk=note_id,
    )
    audit.record_on(request, audit.Action.VIEW, note, detail="own signed note")
    context = {
        "note": note,
        "addenda": note.addenda.all(),
        "regions": body_map.labels_for(note.regions_treated),
        "map_svg": body_map.svg(dict.fromkeys(note.regions_treated, "treated"), id_prefix="note"),
    }
    return render(request, "me/note.html", context)


@require_GET
@client_required
def my_intake_pdf(request: HttpRequest, intake_id: int) -> HttpResponse:
    """The client's submitted intake as they see its summary, as a PDF to keep, in their
    language (its labels, answers and dates; what they typed stays as typed)."""
    intake = get_object_or_404(
        IntakeSubmission.objects.select_related("client", "entered_by").prefetch_related("marks"),
        pk=intake_id,
        client=request.client,
        status=IntakeSubmission.Status.SUBMITTED,
    )
    with translation.override(client_language(intake.client)):
        data = render_intake_summary(summary_document(summary_context(intake, staff=False)))
    audit.record_on(request, audit.Action.PRINT, intake, detail="own intake summary PDF")
    return pdf_response(data, f"intake-summary-{intake.pk}")
