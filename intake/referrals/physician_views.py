"""The physician directory (admins only): search, add, edit, and merge duplicates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit
from intake.paging import paged
from intake.referrals import services
from intake.referrals.forms import PhysicianForm, PhysicianMergeForm, PhysicianSearchForm
from intake.referrals.models import Physician, Referral
from intake.roles import admin_required

PAGE_SIZE = 30


@require_GET
@admin_required
def physician_list(request: HttpRequest) -> HttpResponse:
    form = PhysicianSearchForm(request.GET or None)
    physicians = Physician.objects.annotate(referral_count=Count("referrals"))
    if form.is_bound and form.is_valid():
        physicians = form.filter(physicians)
    context = {"form": form, **paged(request, physicians.order_by("name", "id"), PAGE_SIZE)}
    return render(request, "referrals/physicians/list.html", context)


@require_GET
@admin_required
def physician_detail(request: HttpRequest, physician_id: int) -> HttpResponse:
    physician = get_object_or_404(Physician, pk=physician_id)
    referrals = (
        Referral.objects.filter(physician=physician)
        .with_visit_counts()
        .select_related("client")
        .order_by("-referral_date", "-id")[:50]
    )
    return render(
        request,
        "referrals/physicians/detail.html",
        {
            "physician": physician,
            "referrals": referrals,
            "today": timezone.localdate(),
            "merge_form": PhysicianMergeForm(survivor=physician),
        },
    )


@require_http_methods(["GET", "POST"])
@admin_required
def physician_new(request: HttpRequest) -> HttpResponse:
    form = PhysicianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        physician = form.save()
        audit.record(request, audit.Action.CREATE, obj=physician)
        messages.success(request, "Physician added.")
        return redirect("physician_detail", physician_id=physician.pk)
    return render(request, "referrals/physicians/form.html", {"form": form, "physician": None})


@require_http_methods(["GET", "POST"])
@admin_required
def physician_edit(request: HttpRequest, physician_id: int) -> HttpResponse:
    physician = get_object_or_404(Physician, pk=physician_id)
    form = PhysicianForm(request.POST or None, instance=physician)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(request, audit.Action.CHANGE, obj=physician)
        messages.success(request, "Physician updated.")
        return redirect("physician_detail", physician_id=physician.pk)
    return render(request, "referrals/physicians/form.html", {"form": form, "physician": physician})


@require_POST
@admin_required
def physician_merge(request: HttpRequest, physician_id: int) -> HttpResponse:
    """Merge the chosen duplicate into this physician (the survivor)."""
    survivor = get_object_or_404(Physician, pk=physician_id)
    form = PhysicianMergeForm(request.POST, survivor=survivor)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("physician_detail", physician_id=survivor.pk)
    duplicate = form.cleaned_data["duplicate"]
    try:
        services.merge_physicians(survivor=survivor, duplicate=duplicate, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Merged: the duplicate's referrals now belong here.")
    return redirect("physician_detail", physician_id=survivor.pk)
