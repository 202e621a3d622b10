"""The admin's pages for the clinic's own questions: list, add, edit (a new version), reorder,
retire and restore. Every change is audited; the questions hold no client's data, so looking at
them is not."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit
from intake.questions import selectors, services
from intake.questions.forms import QuestionForm
from intake.questions.models import ClinicQuestion
from intake.roles import admin_required

LIST = "clinic_questions"


@require_GET
@admin_required
def clinic_questions(request: HttpRequest) -> HttpResponse:
    context = {
        "active": selectors.latest_versions(),
        "retired": selectors.latest_versions(retired=True),
    }
    return render(request, "questions/list.html", context)


@require_http_methods(["GET", "POST"])
@admin_required
def question_new(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = services.add_question(by=request.user, **form.cleaned_data)
        audit.record(request, audit.Action.CREATE, obj=question, detail="clinic question, v1")
        messages.success(request, "Question added.")
        return redirect(LIST)
    return render(request, "questions/form.html", {"form": form, "question": None})


@require_http_methods(["GET", "POST"])
@admin_required
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    """A changed question is a new version: intakes already answered keep their wording."""
    question = get_object_or_404(ClinicQuestion, pk=question_id)
    versions = list(question.versions.select_related("created_by"))
    form = QuestionForm(
        request.POST or None, editing=True, initial=QuestionForm.initial_of(versions[0])
    )
    if request.method == "POST" and form.is_valid():
        version = services.edit_question(question=question, by=request.user, **form.cleaned_data)
        if version is None:
            messages.info(request, "Nothing changed.")
        else:
            detail = f"clinic question, v{version.number}"
            audit.record(request, audit.Action.CHANGE, obj=question, detail=detail)
            messages.success(request, f"Saved as version {version.number}.")
        return redirect(LIST)
    context = {"form": form, "question": question, "versions": versions}
    return render(request, "questions/form.html", context)


@require_POST
@admin_required
def question_move(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_object_or_404(ClinicQuestion, pk=question_id, retired_at__isnull=True)
    up = request.POST.get("direction") != "down"
    if services.move_question(question=question, up=up):
        detail = "clinic question moved " + ("up" if up else "down")
        audit.record(request, audit.Action.CHANGE, obj=question, detail=detail)
    return redirect(LIST)


@require_POST
@admin_required
def question_retire(request: HttpRequest, question_id: int) -> HttpResponse:
    """No longer asked; intakes that answered it keep their answers."""
    question = get_object_or_404(ClinicQuestion, pk=question_id)
    if services.retire_question(question=question):
        audit.record(request, audit.Action.CHANGE, obj=question, detail="clinic question retired")
        messages.success(request, "Question retired: no longer asked. Past answers are kept.")
    return redirect(LIST)


@require_POST
@admin_required
def question_restore(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_object_or_404(ClinicQuestion, pk=question_id)
    if services.restore_question(question=question):
        audit.record(request, audit.Action.CHANGE, obj=question, detail="clinic question restored")
        messages.success(request, "Question asked again.")
    return redirect(LIST)
