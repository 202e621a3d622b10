"""Referral pages for the office: list (filter, sort, page, CSV), detail with history, documents
and visits, create/edit, status transitions, letters and progress reports.

Who may do what: admins manage everything here. Therapists may open a referral's detail page,
read-only (status, visits left, expiry, history), to know whether a visit is covered; they cannot
change, export or print. Clients never see these pages (their own referral status shows on their
home page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit, uploads
from intake.csv_export import csv_cell, csv_response
from intake.ids import parse_id
from intake.outcomes import chart as outcome_chart
from intake.paging import paged
from intake.pdf import pdf_response
from intake.referrals import dashboard, letters, services
from intake.referrals.forms import (
    DocumentUploadForm,
    LetterForm,
    ProgressReportForm,
    ReferralFilterForm,
    ReferralForm,
    TransitionForm,
)
from intake.referrals.models import Physician, Referral, ReferralDocument
from intake.referrals.pdf import render_progress_report, render_referral_letter
from intake.referrals.selectors import letter_document, progress_report_document
from intake.roles import admin_required, staff_required
from intake.submissions.models import IntakeSubmission

PAGE_SIZE = 25


def _filtered(request: HttpRequest) -> tuple[ReferralFilterForm, object]:
    form = ReferralFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    referrals = (
        Referral.objects.with_visit_counts(grouped=valid and form.needs_counts_of_all_rows())
        .with_flag_level()
        .select_related("client", "physician")
    )
    if not form.is_bound:
        return form, referrals.order_by(*ReferralFilterForm.SORTS["-date"])
    if not valid:
        return form, referrals.none()
    return form, form.filter(referrals, today=timezone.localdate())


@require_GET
@admin_required
def referral_list(request: HttpRequest) -> HttpResponse:
    form, referrals = _filtered(request)
    context = {"form": form, **paged(request, referrals, PAGE_SIZE), "today": timezone.localdate()}
    return render(request, "referrals/list.html", context)


CSV_HEADER = ["referral id", "client", "client date of birth", "physician", "practice",
              "direction", "status", "letter dated", "arrived on", "reason as written",
              "visits authorized", "visits used", "visits remaining", "expires on",
              "expires in days"]  # fmt: skip


def _csv_rows(referrals, today: dt.date) -> Iterator[list]:  # noqa: ANN001
    for r in referrals.iterator(chunk_size=1000):
        text = [
            r.client.full_name, r.client.date_of_birth or "", r.physician.name,
            r.physician.practice, r.get_direction_display(), r.get_status_display(),
            r.referral_date, r.arrived_on() or "", r.reason,
        ]  # fmt: skip
        numbers = [r.visits_authorized, r.visits_used(), r.visits_remaining()]
        if not r.is_incoming:  # outgoing referrals cover no visits
            numbers = [None, None, None]
        days = r.expires_in_days(today)
        row = [r.pk, *(csv_cell(v) for v in text), *("" if n is None else n for n in numbers)]
        row += [r.expires_on or "", "" if days is None else days]
        yield row


@require_GET
@admin_required
def referral_export_csv(request: HttpRequest) -> HttpResponse:
    form, referrals = _filtered(request)
    audit.record(request, audit.Action.EXPORT, detail="referral list csv")
    return csv_response("referrals", CSV_HEADER, _csv_rows(referrals, timezone.localdate()))


@require_GET
@admin_required
def referral_dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "referrals/dashboard.html", dashboard.build(timezone.localdate()))


def _get_referral(referral_id: int) -> Referral:
    return get_object_or_404(
        Referral.objects.with_visit_counts().select_related(
            "client", "physician", "intake", "signed_by"
        ),
        pk=referral_id,
    )


@require_GET
@staff_required
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _get_referral(referral_id)
    audit.record_on(request, audit.Action.VIEW, referral)
    is_admin = request.user.is_admin_role
    transitions = list(referral.transitions.select_related("by"))
    sent = next((t.at for t in transitions if t.to_status == Referral.Status.SENT), None)
    context = {
        "referral": referral,
        "today": timezone.localdate(),
        "usable": referral.is_usable_for_visit(),
        "transitions": transitions,
        # an outgoing letter's day of sending, from its history: a draft has none
        "sent_on": timezone.localdate(sent) if sent else None,
        "documents": referral.documents.select_related("uploaded_by"),
        "notes": referral.session_notes.select_related("therapist").order_by("visit_date", "id"),
        "can_manage": is_admin,
        "transition_form": TransitionForm(referral=referral) if is_admin else None,
        "upload_form": DocumentUploadForm() if is_admin else None,
    }
    return render(request, "referrals/detail.html", context)


@require_http_methods(["GET", "POST"])
@admin_required
def referral_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    initial = {
        "referral_date": today,
        "received_on": today,
        "direction": Referral.Direction.INCOMING,
    }
    for name in ("client", "physician", "direction"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = ReferralForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        referral = services.create_referral(referral=form.save(commit=False), by=request.user)
        audit.record_on(request, audit.Action.CREATE, referral)
        messages.success(request, f"Referral #{referral.pk} saved.")
        return redirect(referral)
    return render(request, "referrals/form.html", {"form": form, "referral": None})


@require_http_methods(["GET", "POST"])
@admin_required
def referral_edit(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _get_referral(referral_id)
    form = ReferralForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record_on(request, audit.Action.CHANGE, referral)
        messages.success(request, "Referral updated.")
        return redirect(referral)
    audit.record_on(request, audit.Action.VIEW, referral, detail="edit")
    return render(request, "referrals/form.html", {"form": form, "referral": referral})


@require_POST
@admin_required
def referral_transition(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _get_referral(referral_id)
    form = TransitionForm(request.POST, referral=referral)
    if not form.is_valid():
        messages.error(request, "That status change is not allowed for this referral.")
        return redirect(referral)
    try:
        services.transition(
            referral=referral,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(referral)
    audit.record_on(request, audit.Action.CHANGE, referral, detail=f"status -> {referral.status}")
    messages.success(request, f"Referral is now {referral.get_status_display().lower()}.")
    return redirect(referral)


@require_POST
@admin_required
def referral_document_upload(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _get_referral(referral_id)
    form = DocumentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", ["Choose a file to upload."]):
            messages.error(request, error)
        return redirect(referral)
    upload = form.cleaned_data["file"]
    name = uploads.store_upload(upload, content_type=form.content_type, folder="referrals")
    document = ReferralDocument.objects.create(
        referral=referral,
        file=name,
        original_name=upload.name[:255],
        content_type=form.content_type,
        size=upload.size,
        uploaded_by=request.user,
    )
    audit.record_on(request, audit.Action.CREATE, document)
    messages.success(request, "Document attached.")
    return redirect(referral)


@require_GET
def referral_document(request: HttpRequest, document_id: int) -> HttpResponse:
    """A referral's document (e.g. the letter sent with an intake), as an attachment: for the
    clinic's staff, and for the client it belongs to (404 for anyone else)."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = get_object_or_404(
        ReferralDocument.objects.select_related("referral__client"), pk=document_id
    )
    client = document.referral.client
    if not user.is_clinic_staff and not (user.is_client and client.user_id == user.pk):
        raise Http404("No such document.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    audit.record_on(request, audit.Action.DOWNLOAD, document, detail="referral document")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=uploads.display_name(document.original_name, document.content_type),
        content_type=document.content_type,
    )


@require_http_methods(["GET", "POST"])
@admin_required
def referral_from_intake(request: HttpRequest, intake_id: int) -> HttpResponse:
    """Offer a pre-filled outgoing referral letter for a submitted intake with flags."""
    intake = get_object_or_404(
        IntakeSubmission.objects.select_related("client"),
        pk=intake_id,
        status=IntakeSubmission.Status.SUBMITTED,
    )
    physician = None
    if request.method == "POST":
        chosen = request.POST.get("physician", "")
        physician_id = parse_id(chosen)
        physician = Physician.objects.filter(pk=physician_id).first() if physician_id else None
        if physician is None:
            messages.error(request, "Choose the physician to write to.")
        else:
            referral = services.create_outgoing_from_intake(
                intake=intake, physician=physician, by=request.user
            )
            audit.record_on(request, audit.Action.CREATE, referral)
            return redirect("referral_letter_pdf", referral_id=referral.pk)
    physicians = Physician.objects.only("id", "name", "practice")
    audit.record_on(request, audit.Action.VIEW, intake, detail="letter")
    return render(
        request, "referrals/from_intake.html", {"intake": intake, "physicians": physicians}
    )


def _letter_view(request: HttpRequest, referral_id: int, *, kind: str) -> HttpResponse:
    referral = _get_referral(referral_id)
    if kind == "letter":
        if referral.is_incoming:
            raise Http404("Letters are written for outgoing referrals.")
        form_class, field, template = LetterForm, "letter_text", "referrals/letter_form.html"
    else:
        if not referral.is_incoming:
            raise Http404("Progress reports answer incoming referrals.")
        form_class, field, template = (
            ProgressReportForm,
            "report_text",
            "referrals/report_form.html",
        )
    initial = {
        field: getattr(referral, field) or _default_text(referral, kind),
        "signed_by": referral.signed_by_id or request.user.pk,
    }
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        text, signer = form.cleaned_data[field], form.cleaned_data["signed_by"]
        Referral.objects.filter(pk=referral.pk).update(**{field: text, "signed_by": signer})
        setattr(referral, field, text)
        referral.signed_by = signer
        if kind == "letter":
            data = render_referral_letter(letter_document(referral))
            name = f"referral-letter-{referral.pk}"
        else:
            data = render_progress_report(progress_report_document(referral))
            name = f"progress-report-{referral.pk}"
        audit.record_on(request, audit.Action.PRINT, referral, detail=kind)
        return pdf_response(data, name)
    audit.record_on(request, audit.Action.VIEW, referral, detail=kind)
    context = {"form": form, "referral": referral}
    if kind == "report":
        context.update(_report_preview(referral))
    return render(request, template, context)


def _report_preview(referral: Referral) -> dict:
    """What the progress report will print besides the plan: the page shows it above the form,
    with the same chart (as SVG) the PDF draws."""
    report = progress_report_document(referral)
    chart = outcome_chart.svg(report.episode, chart_id="report-chart") if report.measures else None
    return {"report": report, "chart": chart}


def _default_text(referral: Referral, kind: str) -> str:
    if kind == "letter" and referral.intake_id:
        return services.letter_text_for_intake(referral.intake, physician=referral.physician)
    if kind == "letter":
        return f"{letters.greeting(referral.physician.name)}\n\n"
    last = referral.session_notes.filter(signed_at__isnull=False).order_by("-visit_date").first()
    plan = []
    if last is not None:
        plan += [x for x in (last.plan_frequency, last.plan_next_visit, last.plan_home_care) if x]
    return "\n".join(plan) or "Plan: "


@require_http_methods(["GET", "POST"])
@admin_required
def referral_letter_pdf(request: HttpRequest, referral_id: int) -> HttpResponse:
    """GET: the letter text to edit; POST: save the edited text and print it as PDF."""
    return _letter_view(request, referral_id, kind="letter")


@require_http_methods(["GET", "POST"])
@admin_required
def progress_report_pdf(request: HttpRequest, referral_id: int) -> HttpResponse:
    """GET: the plan to edit; POST: save it and print the progress report as PDF."""
    return _letter_view(request, referral_id, kind="report")
