"""The front desk's invitations (new client, invite, list with states, resend, revoke), a
client's intake access page, and the invitation link a client opens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit
from intake.accounts.models import Client, User
from intake.clients import search
from intake.clients.forms import ClientSearchForm
from intake.invitations import services
from intake.invitations.forms import NewClientForm, SetPasswordForm
from intake.invitations.models import Invitation
from intake.kiosk.services import open_kiosks
from intake.roles import staff_required
from intake.submissions import services as intake_services

PAGE_SIZE = 50
SEARCH_LIMIT = 10

CLIENT_FIELDS = ("first_name", "last_name", "email", "phone", "date_of_birth", "language")


@require_GET
@staff_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    rows = services.with_progress(Invitation.objects.select_related("client", "created_by"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    invitations = [(inv, services.state_of(inv)) for inv in page.object_list]
    form = ClientSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search.search(query, limit=SEARCH_LIMIT).clients if query else []
    audit.record(request, audit.Action.VIEW, detail="invitation list")
    context = {"page": page, "invitations": invitations, "form": form, "found": found,
               "query": query, "expiry_days": settings.INVITATION_EXPIRY_DAYS}  # fmt: skip
    return render(request, "invitations/list.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def invitation_new(request: HttpRequest) -> HttpResponse:
    """A new client booked by the front desk, and (usually) their invitation."""
    form = NewClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = services.create_client(**{k: data[k] for k in CLIENT_FIELDS})
        audit.record_on(request, audit.Action.CREATE, client, detail="booked by the front desk")
        if data["send_invitation"]:
            _invite(request, client)
        return redirect("client_intake_access", client_id=client.pk)
    return render(request, "invitations/new.html", {"form": form})


def _invite(request: HttpRequest, client: Client) -> None:
    invitation = services.invite(client=client, by=request.user)
    audit.record_on(request, audit.Action.CREATE, invitation, detail="intake invitation sent")
    messages.success(request, f"Intake invitation e-mailed to {invitation.email}.")


@require_GET
@staff_required
def client_access(request: HttpRequest, client_id: int) -> HttpResponse:
    """How a client reaches their intake: invitations, an arrival code, a kiosk, paper."""
    client = get_object_or_404(Client, pk=client_id)
    invitations = services.with_progress(client.invitations.select_related("created_by"))
    context = {
        "client": client,
        "invitations": [(inv, services.state_of(inv)) for inv in invitations],
        "kiosks": list(open_kiosks()),
        "draft": client.intakes.filter(status="draft").first(),
    }
    audit.record_on(request, audit.Action.VIEW, client, detail="intake access")
    return render(request, "invitations/client_access.html", context)


@require_POST
@staff_required
def client_invite(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=client_id)
    if client.user_id is not None:
        messages.info(request, "This client already has a login: they can log in themselves.")
    elif not client.email:
        messages.error(request, "This client has no e-mail: add one first, or use the kiosk.")
    else:
        _invite(request, client)
    return redirect("client_intake_access", client_id=client.pk)


def _staff_invitation(invitation_id: int) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("client"), pk=invitation_id)


@require_POST
@staff_required
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _staff_invitation(invitation_id)
    try:
        invitation = services.resend(invitation=invitation)
    except services.NotUsable:
        messages.error(request, "This invitation was used or revoked: it cannot be resent.")
    else:
        audit.record_on(request, audit.Action.CHANGE, invitation, detail="invitation resent")
        messages.success(request, f"A new link was e-mailed to {invitation.email}.")
    return redirect("client_intake_access", client_id=invitation.client_id)


@require_POST
@staff_required
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _staff_invitation(invitation_id)
    if services.revoke(invitation=invitation, by=request.user):
        audit.record_on(request, audit.Action.CHANGE, invitation, detail="invitation revoked")
        messages.success(request, "The invitation link no longer works.")
    return redirect("client_intake_access", client_id=invitation.client_id)


# ---------------------------------------------------------------- the link a client opens


def _refused(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    """A used, expired, revoked or unknown link: said plainly, never whose it was."""
    if invitation is None:
        reason = "unknown"
    elif invitation.used_at:
        reason = "used"
    elif invitation.revoked_at:
        reason = "revoked"
    else:
        reason = "expired"
    return render(request, "invitations/refused.html", {"reason": reason}, status=410)


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find(token)
    if invitation is None or not invitation.is_usable:
        return _refused(request, invitation)
    if request.user.is_authenticated:
        return render(request, "invitations/signed_in.html", status=409)
    if services.login_taken(invitation):
        return render(request, "invitations/login_exists.html", status=409)
    if request.method == "GET" and invitation.opened_at is None:
        services.mark_opened(invitation)
        audit.record_on(request, audit.Action.VIEW, invitation, detail="invitation opened")
    candidate = User(email=invitation.email, first_name=invitation.client.first_name,
                     last_name=invitation.client.last_name)  # fmt: skip
    form = SetPasswordForm(request.POST or None, user=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept(invitation=invitation, password=form.cleaned_data["password1"])
        except services.NotUsable:
            return _refused(request, Invitation.objects.get(pk=invitation.pk))
        return _land_in_intake(request, user, invitation)
    return render(request, "invitations/open.html", {"form": form, "email": invitation.email})


def _land_in_intake(request: HttpRequest, user: User, invitation: Invitation) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    audit.record_on(request, audit.Action.SIGN, invitation, detail="invitation used")
    intake = intake_services.start_intake(client=user.client)
    audit.record_on(request, audit.Action.CREATE, intake, detail="intake draft")
    messages.success(request, "Your password is set. Here is your intake form.")
    return redirect("intake_step", intake_id=intake.pk, step=intake.current_step)
