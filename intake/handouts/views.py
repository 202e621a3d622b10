"""Exercise library pages, the handout composer, previews, PDFs and the client's download."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit
from intake.accounts.models import Client
from intake.handouts import services
from intake.handouts.forms import (
    AddExerciseForm,
    ExerciseForm,
    HandoutForm,
    ItemForm,
    StartHandoutForm,
)
from intake.handouts.models import DOSE_FIELDS, Exercise, Handout, HandoutItem, HandoutTemplate
from intake.handouts.pdf import render_handout
from intake.handouts.selectors import handout_document
from intake.ids import parse_id
from intake.languages import CODES, active_language, client_language
from intake.pdf import pdf_response
from intake.roles import client_required, staff_required

ITEM_FIELDS = (*DOSE_FIELDS, "custom_instructions")

# --------------------------------------------------------------------------- exercise library


@require_GET
@staff_required
def exercise_list(request: HttpRequest) -> HttpResponse:
    exercises = list(Exercise.objects.order_by("name"))
    all_tags = sorted({tag for exercise in exercises for tag in exercise.tags})
    tag = request.GET.get("tag", "")
    if tag:
        exercises = [exercise for exercise in exercises if tag in exercise.tags]
    context = {"exercises": exercises, "tags": all_tags, "tag": tag if tag in all_tags else ""}
    return render(request, "handouts/exercise_list.html", context)


@require_GET
@staff_required
def exercise_detail(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    return render(request, "handouts/exercise_detail.html", {"exercise": exercise})


@require_http_methods(["GET", "POST"])
@staff_required
def exercise_edit(request: HttpRequest, exercise_id: int | None = None) -> HttpResponse:
    exercise = get_object_or_404(Exercise, pk=exercise_id) if exercise_id else Exercise()
    form = ExerciseForm(request.POST or None, instance=exercise)
    if request.method == "POST" and form.is_valid():
        exercise = form.save()
        messages.success(request, "Exercise saved.")
        return redirect(exercise)
    return render(request, "handouts/exercise_form.html", {"form": form, "exercise": exercise})


# --------------------------------------------------------------------------- composing


def _handouts(queryset: QuerySet[Handout]) -> QuerySet[Handout]:
    return queryset.select_related("client", "therapist", "template")


@require_GET
@staff_required
def client_handouts(request: HttpRequest, client_id: int) -> HttpResponse:
    """Every handout written for one client, newest first: drafts and handouts given."""
    client = get_object_or_404(Client, pk=client_id)
    handouts = (
        Handout.objects.filter(client=client)
        .select_related("therapist")
        .annotate(exercise_count=Count("items"))
        .order_by("-created_at", "-id")
    )
    audit.record_on(request, audit.Action.VIEW, client, detail="handouts")
    return render(
        request, "handouts/client_handouts.html", {"client": client, "handouts": handouts}
    )


@require_http_methods(["GET", "POST"])
@staff_required
def handout_new(request: HttpRequest, client_id: int) -> HttpResponse:
    """Choose a template or exercises; "Start composing" opens the composer on them, saving
    nothing: a handout is stored only when the composer is saved."""
    client = get_object_or_404(Client, pk=client_id)
    suggestion = services.suggest_template(client)
    withheld = services.withheld_reason(services.latest_flags(client))
    initial = {"template": suggestion.template} if suggestion else {}
    form = StartHandoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        template = form.cleaned_data["template"]
        chosen = services.initial_exercises(
            template=template, exercises=list(form.cleaned_data["exercises"])
        )
        rows = [
            _new_row(index, exercise, services.dose_of(exercise))
            for index, exercise in enumerate(chosen)
        ]
        fields = services.initial_fields(template=template)
        return _render_new(request, client, template, HandoutForm(initial=fields), rows)
    audit.record_on(request, audit.Action.VIEW, client, detail="handout start")
    context = {"client": client, "form": form, "suggestion": suggestion, "withheld": withheld}
    return render(request, "handouts/handout_new.html", context)


@dataclass
class Row:
    """One exercise in the composer: its key in the form's names (the item's id, or for an
    unsaved handout its place), the exercise, and the form of its dose and instructions."""

    key: int
    exercise: Exercise
    form: ItemForm


def _item_rows(items: list[HandoutItem], data=None) -> list[Row]:  # noqa: ANN001
    return [
        Row(
            item.pk,
            item.exercise,
            ItemForm(
                data,
                prefix=f"item-{item.pk}",
                initial={name: getattr(item, name) for name in ITEM_FIELDS},
            ),
        )
        for item in items
    ]


def _new_row(index: int, exercise: Exercise, values: dict, data=None) -> Row:  # noqa: ANN001
    return Row(index, exercise, ItemForm(data, prefix=f"new-{index}", initial=values))


def _apply_action(request: HttpRequest, handout: Handout, add_form: AddExerciseForm) -> None:
    """Run the button that was pressed (move, remove, add) after the edits were saved."""
    post = request.POST
    try:
        if "add" in post:
            exercise = add_form.cleaned_data.get("exercise")
            if exercise is None:
                raise services.HandoutError("Choose an exercise to add.")
            services.add_exercise(handout=handout, exercise=exercise)
            messages.success(request, f"Added {exercise.name}.")
        for name, offset in (("move_up", -1), ("move_down", 1)):
            if name in post:
                services.move_item(handout=handout, item_id=_int(post[name]), offset=offset)
        if "remove" in post:
            services.remove_item(handout=handout, item_id=_int(post["remove"]))
            messages.success(request, "Exercise removed.")
    except services.HandoutError as error:
        messages.error(request, str(error))


def _int(value: str) -> int:
    item_id = parse_id(value)
    if item_id is None:
        raise services.HandoutError("That exercise is not on this handout.")
    return item_id


def _composer(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    client = context["client"]
    flags = services.latest_flags(client)
    exercises = [row.exercise for row in context["rows"]]
    context["warnings"] = services.exercise_warnings(flags, exercises)
    return render(request, "handouts/handout_compose.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_required
def handout_compose(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    items = list(handout.items.select_related("exercise").order_by("position", "id"))
    data = request.POST if request.method == "POST" else None
    initial = {"title": handout.title, "introduction": handout.introduction, "notes": handout.notes}
    form = HandoutForm(data, initial=initial)
    rows = _item_rows(items, data)
    add_form = AddExerciseForm(data)
    if data is not None:
        forms_valid = [form.is_valid(), add_form.is_valid()]
        forms_valid += [row.form.is_valid() for row in rows]
        if all(forms_valid):
            services.save_composition(
                handout=handout,
                fields=form.cleaned_data,
                items=[
                    (item, row.form.cleaned_data) for item, row in zip(items, rows, strict=True)
                ],
            )
            audit.record_on(request, audit.Action.CHANGE, handout)
            _apply_action(request, handout, add_form)
            if "preview" in request.POST:
                return redirect("handout_preview", handout_id=handout.pk)
            if "save" in request.POST:
                messages.success(request, "Handout saved.")
            return redirect(handout)
        messages.error(request, "Please correct the errors below. Nothing was saved.")
    else:
        audit.record_on(request, audit.Action.VIEW, handout)
    context = {"handout": handout, "client": handout.client, "form": form, "rows": rows}
    context.update(add_form=add_form, action=handout.get_absolute_url())
    return _composer(request, context, status=400 if data else 200)


# --------------------------------------------------------------------------- a new handout

NEW_ROW = re.compile(r"^new-(\d{1,3})-exercise$")
MAX_ROWS = 60


def _posted_rows(post) -> list[Row]:  # noqa: ANN001
    """The unsaved composer's exercises, in the order posted back (their hidden ids)."""
    indexes = sorted({int(m[1]) for key in post if (m := NEW_ROW.match(key))})[:MAX_ROWS]
    ids = {index: parse_id(post.get(f"new-{index}-exercise", "")) for index in indexes}
    exercises = Exercise.objects.in_bulk([pk for pk in ids.values() if pk is not None])
    return [
        _new_row(index, exercises[ids[index]], {}, post)
        for index in indexes
        if ids[index] in exercises
    ]


def _rearranged(request: HttpRequest, rows: list[Row], add_form: AddExerciseForm) -> list[Row]:
    """The rows after the button pressed (move, remove, add), renumbered, their forms unbound
    with the values posted."""
    post = request.POST
    entries = [(row.key, row.exercise, row.form.cleaned_data) for row in rows]
    place = {key: index for index, (key, _, _) in enumerate(entries)}
    for name, offset in (("move_up", -1), ("move_down", 1)):
        index = place.get(parse_id(post.get(name, "")))
        if index is not None and 0 <= index + offset < len(entries):
            entries[index], entries[index + offset] = entries[index + offset], entries[index]
    if "remove" in post and (index := place.get(parse_id(post["remove"]))) is not None:
        if len(entries) == 1:
            messages.error(
                request,
                "A handout needs at least one exercise: add another before removing this one.",
            )
        else:
            entries.pop(index)
    if "add" in post:
        exercise = add_form.cleaned_data.get("exercise")
        if exercise is None:
            messages.error(request, "Choose an exercise to add.")
        else:
            entries.append((None, exercise, services.dose_of(exercise)))
            messages.success(request, f"Added {exercise.name}.")
    return [
        _new_row(index, exercise, values) for index, (_, exercise, values) in enumerate(entries)
    ]


def _render_new(
    request: HttpRequest,
    client: Client,
    template: HandoutTemplate | None,
    form: HandoutForm,
    rows: list[Row],
    add_form: AddExerciseForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {"handout": None, "client": client, "template": template, "form": form}
    context.update(rows=rows, add_form=add_form or AddExerciseForm())
    context["action"] = reverse("handout_compose_new", kwargs={"client_id": client.pk})
    audit.record_on(request, audit.Action.VIEW, client, detail="handout compose")
    return _composer(request, context, status=status)


@require_POST
@staff_required
def handout_compose_new(request: HttpRequest, client_id: int) -> HttpResponse:
    """The composer of a handout not saved yet: its state travels in the form. Moving,
    removing or adding an exercise shows the page again; only "Save" (or "Save and preview")
    stores the handout, with its exercises, in one go."""
    client = get_object_or_404(Client, pk=client_id)
    post = request.POST
    template_id = parse_id(post.get("template", ""))
    template = HandoutTemplate.objects.filter(pk=template_id).first() if template_id else None
    form, add_form, rows = HandoutForm(post), AddExerciseForm(post), _posted_rows(post)
    valid = all([form.is_valid(), add_form.is_valid(), *[row.form.is_valid() for row in rows]])
    if not valid:
        messages.error(request, "Please correct the errors below. Nothing was saved.")
        return _render_new(request, client, template, form, rows, add_form, status=400)
    if any(name in post for name in ("move_up", "move_down", "remove", "add")):
        rows = _rearranged(request, rows, add_form)
        return _render_new(request, client, template, HandoutForm(initial=form.cleaned_data), rows)
    try:
        handout = services.create_handout(
            client=client,
            therapist=request.user,
            template=template,
            fields=form.cleaned_data,
            items=[(row.exercise, row.form.cleaned_data) for row in rows],
        )
    except services.HandoutError as error:
        messages.error(request, str(error))
        return _render_new(request, client, template, form, rows, add_form, status=400)
    audit.record_on(request, audit.Action.CREATE, handout)
    if "preview" in post:
        return redirect("handout_preview", handout_id=handout.pk)
    messages.success(request, "Handout saved.")
    return redirect(handout)


def _article(handout: Handout, language: str) -> dict:
    """What templates/handouts/_handout_article.html shows: the handout as the client reads it,
    in ``language`` (the same snapshot the PDF prints)."""
    return {"handout": handout, "doc": handout_document(handout, language), "language": language}


class BadLanguage(ValueError):
    pass


def _print_language(request: HttpRequest, handout: Handout) -> str:
    """The language a therapist previews or prints a handout in: ``?language=`` when asked
    for (one of ``settings.LANGUAGES``), else the client's."""
    asked = request.GET.get("language")
    if asked is None:
        return client_language(handout.client)
    if asked not in CODES:
        raise BadLanguage
    return asked


BAD_LANGUAGE = "Choose one of the clinic's languages."


@require_GET
@staff_required
def handout_preview(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    try:
        language = _print_language(request, handout)
    except BadLanguage:
        return HttpResponseBadRequest(BAD_LANGUAGE, content_type="text/plain; charset=utf-8")
    audit.record_on(request, audit.Action.VIEW, handout, detail=f"language {language}")
    context = _article(handout, language)
    context.update(languages=settings.LANGUAGES, client_language=client_language(handout.client))
    return render(request, "handouts/handout_preview.html", context)


@require_POST
@staff_required
def handout_assign(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    try:
        services.assign_handout(handout=handout)
    except services.HandoutError as error:
        messages.error(request, str(error))
        return redirect(handout)
    audit.record_on(request, audit.Action.CHANGE, handout, detail="assign")
    messages.success(request, f"Handout given to {handout.client.full_name}.")
    return redirect("handout_preview", handout_id=handout.pk)


@require_GET
@staff_required
def handout_pdf(request: HttpRequest, handout_id: int) -> HttpResponse:
    """The handout's PDF in the client's language, or in another one asked for
    (``?language=es``: a client who reads Spanish better today); the language is audited."""
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    try:
        language = _print_language(request, handout)
    except BadLanguage:
        return HttpResponseBadRequest(BAD_LANGUAGE, content_type="text/plain; charset=utf-8")
    data = render_handout(handout_document(handout, language))
    audit.record_on(request, audit.Action.PRINT, handout, detail=f"language {language}")
    return pdf_response(data, f"handout-{handout.pk}")


def _own_handout(request: HttpRequest, handout_id: int) -> Handout:
    """The client's own handout, once it has been given to them; 404 for anything else."""
    return get_object_or_404(
        _handouts(Handout.objects),
        pk=handout_id,
        client=request.client,
        assigned_at__isnull=False,
    )


@require_GET
@client_required
def client_handout(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = _own_handout(request, handout_id)
    audit.record_on(request, audit.Action.VIEW, handout)
    return render(request, "handouts/client_handout.html", _article(handout, active_language()))


@require_GET
@client_required
def client_handout_pdf(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = _own_handout(request, handout_id)
    # In the language the client reads this site in: their record's, unless they picked
    # another on this browser (the page they downloaded it from is in that one).
    data = render_handout(handout_document(handout, active_language()))
    audit.record_on(request, audit.Action.DOWNLOAD, handout)
    return pdf_response(data, f"handout-{handout.pk}")
