"""SOAP session notes for staff: write a draft, sign it, add addenda, print as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit, body_map
from intake.accounts.models import Client
from intake.clients.safety import SafetySummary, safety_summary, summary_of
from intake.notes.forms import AddendumForm, DateRangeForm, SessionNoteForm, SignForm
from intake.notes.models import SessionNote
from intake.notes.pdf import render_session_note, render_session_notes
from intake.notes.selectors import (
    marked_regions,
    note_changes,
    note_document,
    notes_for_print,
    range_documents,
    series_activities,
    signed_notes_in_range,
)
from intake.notes.services import (
    NoteRuleError,
    add_addendum,
    clears,
    note_gate_errors,
    save_draft,
    sign_note,
)
from intake.pdf import pdf_response
from intake.roles import staff_required
from intake.signing.notes import sign_note_pdf
from intake.submissions.selectors import latest_submitted_intake


def _notes():
    return SessionNote.objects.select_related(
        "client", "therapist", "referral__physician", "referral_override_by"
    ).prefetch_related("addenda__author")


def _rule_errors(form: SessionNoteForm, error: NoteRuleError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _form_page(
    request: HttpRequest, form: SessionNoteForm, client: Client, note, safety: SafetySummary
) -> HttpResponse:
    symptoms = sorted(safety.symptom_regions)
    context = {
        "form": form,
        "client": client,
        "note": note,
        "treated_map": body_map.svg(
            form["treated_regions"].value() or [], interactive=True, id_prefix="treated"
        ),
        "symptom_map": body_map.svg(symptoms, id_prefix="symptoms") if symptoms else None,
        "region_groups": body_map.grouped_region_choices(),
        "safety": safety,
    }
    return render(request, "notes/note_form.html", context)


def _save(request: HttpRequest, form: SessionNoteForm, *, created: bool) -> SessionNote | None:
    try:
        note = save_draft(note=form.apply(), editor=request.user)
    except NoteRuleError as error:
        _rule_errors(form, error)
        return None
    audit.record_on(request, audit.Action.CREATE if created else audit.Action.CHANGE, note)
    if note.referral_override_by_id and "referral_override" in form.changed_data:
        audit.record_on(request, audit.Action.CHANGE, note, detail="referral check overridden")
    messages.success(request, "Draft saved. Sign it when it is complete.")
    return note


@require_http_methods(["GET", "POST"])
@staff_required
def note_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=client_id)
    intake = latest_submitted_intake(client=client)
    safety = summary_of(intake)
    form = SessionNoteForm(
        request.POST or None,
        instance=SessionNote(client=client, therapist=request.user),
        client=client,
        user=request.user,
        psfs_activities=series_activities(client),
        safety=safety,
    )
    if request.method == "POST" and form.is_valid():
        note = _save(request, form, created=True)
        if note is not None:
            return redirect(note)
    audit.record_on(request, audit.Action.VIEW, client, detail="new note form")
    return _form_page(request, form, client, None, safety)


@require_http_methods(["GET", "POST"])
@staff_required
def note_edit(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(_notes(), pk=note_id)
    if note.is_signed:
        messages.error(request, "This note is signed and locked. Add an addendum instead.")
        return redirect(note)
    if note.therapist_id != request.user.pk:
        raise PermissionDenied("Only the author can edit a draft note.")
    safety = safety_summary(client=note.client, on=note.visit_date)
    form = SessionNoteForm(
        request.POST or None,
        instance=note,
        client=note.client,
        user=request.user,
        psfs_activities=series_activities(note.client, on=note.visit_date),
        safety=safety,
    )
    if request.method == "POST" and form.is_valid():
        if _save(request, form, created=False) is not None:
            return redirect(note)
    if request.method == "GET":
        audit.record_on(request, audit.Action.VIEW, note, detail="edit form")
    return _form_page(request, form, note.client, note, safety)


@require_GET
@staff_required
def note_detail(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(_notes(), pk=note_id)
    safety = safety_summary(client=note.client, on=note.visit_date)
    marked = marked_regions(note.regions_treated, safety.symptom_regions)
    audit.record_on(request, audit.Action.VIEW, note)
    can_sign = not note.is_signed and note.therapist_id == request.user.pk
    context = {
        "note": note,
        "client": note.client,
        "addenda": note.addenda.all(),
        "regions": body_map.labels_for(note.regions_treated),
        "map_svg": body_map.svg(marked, id_prefix="note"),
        "addendum_form": AddendumForm(),
        "sign_form": SignForm(auto_id="sign_%s"),
        "safety": safety,
        "clearance_referral": note.referral if clears(note.referral) else None,
        "can_edit": note.can_edit(request.user),
        "can_sign": can_sign,
        "sign_needs": note_gate_errors(note, safety=safety).values() if can_sign else (),
        "changes": note_changes(note),
    }
    return render(request, "notes/note_detail.html", context)


@require_POST
@staff_required
def note_sign(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(SessionNote, pk=note_id)
    if note.therapist_id != request.user.pk:
        raise PermissionDenied("Only the author can sign a note.")
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["confirm"]))
        return redirect(note)
    try:
        sign_note(note=note, therapist=request.user)
    except NoteRuleError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(note)
    audit.record_on(request, audit.Action.SIGN, note)
    messages.success(request, "Note signed. It is now locked; corrections go in an addendum.")
    return redirect(note)


@require_POST
@staff_required
def note_addendum(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(SessionNote.objects.select_related("client"), pk=note_id)
    form = AddendumForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(note)
    try:
        add_addendum(note=note, author=request.user, text=form.cleaned_data["text"])
    except NoteRuleError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(note)
    audit.record_on(request, audit.Action.CHANGE, note, detail="addendum added")
    messages.success(request, "Addendum added.")
    return redirect(note)


@require_GET
@staff_required
def note_pdf(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(notes_for_print(), pk=note_id)
    data = sign_note_pdf(render_session_note(note_document(note)), note)
    audit.record_on(request, audit.Action.PRINT, note)
    return pdf_response(data, f"session-note-{note.pk}.pdf")


@require_GET
@staff_required
def notes_range_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's signed notes with a visit date in [from, to], as one PDF."""
    client = get_object_or_404(Client, pk=client_id)
    form = DateRangeForm(request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(client)
    start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    notes = signed_notes_in_range(client=client, start=start, end=end)
    if not notes:
        messages.error(request, "No signed notes in that date range.")
        return redirect(client)
    data = render_session_notes(range_documents(notes))
    for note in notes:
        audit.record_on(request, audit.Action.PRINT, note, detail="notes range")
    return pdf_response(data, f"session-notes-{client.pk}-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
