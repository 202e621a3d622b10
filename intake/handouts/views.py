"""Exercise library pages, the handout composer, previews, PDFs and the client's download."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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
from intake.handouts.library import STOP_BOXES
from intake.handouts.models import Exercise, Handout, HandoutItem
from intake.handouts.pdf import render_handout
from intake.handouts.selectors import handout_body_area, handout_document
from intake.ids import parse_id
from intake.pdf import pdf_response
from intake.roles import client_required, staff_required

ITEM_FIELDS = ("sets", "reps", "hold_seconds", "times_per_day", "custom_instructions")

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


@require_http_methods(["GET", "POST"])
@staff_required
def handout_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=client_id)
    suggestion = services.suggest_template(client)
    withheld = services.withheld_reason(services.latest_flags(client))
    initial = {"template": suggestion.template} if suggestion else {}
    form = StartHandoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        handout = services.start_handout(
            client=client,
            therapist=request.user,
            template=form.cleaned_data["template"],
            exercises=list(form.cleaned_data["exercises"]),
        )
        audit.record_on(request, audit.Action.CREATE, handout)
        return redirect(handout)
    if request.method == "GET":
        audit.record_on(request, audit.Action.VIEW, client, detail="handout start")
    existing = _handouts(client.handouts.all())[:20]
    context = {"client": client, "form": form, "suggestion": suggestion, "existing": existing}
    context["withheld"] = withheld
    return render(request, "handouts/handout_new.html", context)


def _item_forms(items: list[HandoutItem], data=None) -> list[tuple[HandoutItem, ItemForm]]:  # noqa: ANN001
    return [
        (
            item,
            ItemForm(
                data,
                prefix=f"item-{item.pk}",
                initial={name: getattr(item, name) for name in ITEM_FIELDS},
            ),
        )
        for item in items
    ]


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


@require_http_methods(["GET", "POST"])
@staff_required
def handout_compose(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    items = list(handout.items.select_related("exercise").order_by("position", "id"))
    data = request.POST if request.method == "POST" else None
    initial = {"title": handout.title, "introduction": handout.introduction, "notes": handout.notes}
    form = HandoutForm(data, initial=initial)
    item_forms = _item_forms(items, data)
    add_form = AddExerciseForm(data)
    if data is not None:
        forms_valid = [form.is_valid(), add_form.is_valid()]
        forms_valid += [item_form.is_valid() for _, item_form in item_forms]
        if all(forms_valid):
            services.save_composition(
                handout=handout,
                fields=form.cleaned_data,
                items=[(item, item_form.cleaned_data) for item, item_form in item_forms],
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
    context = {"handout": handout, "form": form, "item_forms": item_forms, "add_form": add_form}
    flags = services.latest_flags(handout.client)
    context["warnings"] = services.exercise_warnings(flags, [item.exercise for item in items])
    return render(request, "handouts/handout_compose.html", context, status=400 if data else 200)


def _article(handout: Handout) -> dict:
    """What templates/handouts/_handout_article.html shows: the handout as the client reads it."""
    items = list(handout.items.select_related("exercise").order_by("position", "id"))
    return {
        "handout": handout,
        "items": items,
        "box": STOP_BOXES[handout_body_area(handout, items)],
    }


@require_GET
@staff_required
def handout_preview(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    audit.record_on(request, audit.Action.VIEW, handout)
    return render(request, "handouts/handout_preview.html", _article(handout))


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
    handout = get_object_or_404(_handouts(Handout.objects), pk=handout_id)
    data = render_handout(handout_document(handout))
    audit.record_on(request, audit.Action.PRINT, handout)
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
    return render(request, "handouts/client_handout.html", _article(handout))


@require_GET
@client_required
def client_handout_pdf(request: HttpRequest, handout_id: int) -> HttpResponse:
    handout = _own_handout(request, handout_id)
    data = render_handout(handout_document(handout))
    audit.record_on(request, audit.Action.DOWNLOAD, handout)
    return pdf_response(data, f"handout-{handout.pk}")
