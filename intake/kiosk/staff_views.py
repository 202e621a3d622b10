"""The front desk's side of the kiosk: open this device as a kiosk, see and close kiosks, send
an arriving client to one, or give them an arrival code to type in."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from intake import audit
from intake.accounts.models import Client
from intake.kiosk import services
from intake.kiosk.forms import OpenKioskForm, SendForm
from intake.kiosk.middleware import KIOSK_SESSION_KEY
from intake.kiosk.models import Kiosk
from intake.roles import staff_required


@require_GET
@staff_required
def kiosk_list(request: HttpRequest) -> HttpResponse:
    kiosks = services.open_kiosks().select_related("opened_by", "client")
    audit.record(request, audit.Action.VIEW, detail="kiosk list")
    return render(
        request, "kiosk/staff_list.html", {"kiosks": list(kiosks), "form": OpenKioskForm()}
    )


@require_POST
@staff_required
def kiosk_open(request: HttpRequest) -> HttpResponse:
    """Turn this device into a kiosk: the staff member is logged out, and the browser keeps a
    kiosk session of its own."""
    form = OpenKioskForm(request.POST)
    if not form.is_valid():
        return render(request, "kiosk/staff_list.html", {"kiosks": [], "form": form})
    user = request.user
    kiosk = services.open_kiosk(name=form.cleaned_data["name"], by=user)
    audit.record(request, audit.Action.CREATE, obj=kiosk, detail=f"kiosk {kiosk.pk}: opened")
    logout(request)
    request.session[KIOSK_SESSION_KEY] = kiosk.pk
    return redirect("kiosk_start")


@require_POST
@staff_required
def kiosk_close(request: HttpRequest, kiosk_id: int) -> HttpResponse:
    """Close a kiosk from the front desk (a lost tablet, the end of the day)."""
    kiosk = get_object_or_404(Kiosk, pk=kiosk_id)
    services.close_kiosk(kiosk=kiosk, by=request.user)
    audit.record(request, audit.Action.CHANGE, obj=kiosk, detail=f"kiosk {kiosk.pk}: closed")
    messages.success(request, f"Kiosk “{kiosk.name}” is closed.")
    return redirect("kiosk_list")


@require_POST
@staff_required
def kiosk_send(request: HttpRequest, client_id: int) -> HttpResponse:
    """The front desk picks the arriving client for a kiosk."""
    client = get_object_or_404(Client, pk=client_id)
    form = SendForm(request.POST)
    if form.is_valid() and form.cleaned_data["kiosk"].client_id is not None:
        messages.error(request, "That kiosk is in use: send them when it is free.")
    elif form.is_valid():
        kiosk = form.cleaned_data["kiosk"]
        services.assign(kiosk=kiosk, client=client)
        audit.record_on(request, audit.Action.CHANGE, client, detail=f"sent to kiosk {kiosk.pk}")
        messages.success(request, f"{client.full_name} can start on “{kiosk.name}”.")
    else:
        messages.error(request, "Choose an open kiosk.")
    return redirect("client_intake_access", client_id=client.pk)


@require_POST
@staff_required
def arrival_code_new(request: HttpRequest, client_id: int) -> HttpResponse:
    """A code to read to the client: with their last name and date of birth it opens their
    intake on any kiosk, once, for ``ARRIVAL_CODE_MINUTES``. Shown this once."""
    client = get_object_or_404(Client, pk=client_id)
    code = services.new_arrival_code(client=client, by=request.user)
    audit.record_on(request, audit.Action.CREATE, client, detail="arrival code")
    context = {"client": client, "code": code, "minutes": settings.ARRIVAL_CODE_MINUTES}
    return render(request, "kiosk/arrival_code.html", context)
