"""Two-factor pages: the code after the password, enrolment with a QR code, new recovery codes, and
the admins' page to reset another person's authenticator. The rules are in
``intake.accounts.two_factor``."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake import audit
from intake.accounts import two_factor
from intake.accounts.models import Role, User
from intake.roles import admin_required


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="After adding the account, type the 6-digit code the app shows.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if safe and candidate.startswith("/") else reverse("home")


def _credentials(user: User) -> dict:
    return {"username": user.email}


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.second_factor_required(user) or two_factor.is_verified(request):
        return redirect(_next_url(request))
    if two_factor.confirmed_totp(user) is None:
        return redirect(two_factor.next_step_url(user, _next_url(request)))
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        logout(request)
        return render(request, "registration/locked_out.html", status=429)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, refusal = two_factor.check_code(user, form.cleaned_data["code"])
        if device is None:
            audit.record(request, audit.Action.LOGIN_FAILED, detail="second factor refused")
            user_login_failed.send(__name__, credentials=_credentials(user), request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)  # django-axes answers with the lockout page
                return render(request, "registration/locked_out.html", status=429)
            form.add_error("code", forms.ValidationError(refusal, code="refused"))
        else:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = StaticToken.objects.filter(device=device).count()
                audit.record(request, audit.Action.LOGIN, detail="second factor: recovery code")
                messages.warning(
                    request,
                    f"You used a recovery code: {left} left. Make new ones on your two-factor "
                    "page (/accounts/two-factor/enrol/) once your phone is back.",
                )
            else:
                audit.record(request, audit.Action.LOGIN, detail="second factor: authenticator")
            return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context)


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.second_factor_required(user):
        # Only those who must use it enrol: a device nobody asks for would protect nothing.
        return redirect(_next_url(request))
    if two_factor.confirmed_totp(user) is not None:
        if not two_factor.is_verified(request):
            return redirect(two_factor.next_step_url(user, _next_url(request)))
        return render(request, "accounts/two_factor_status.html", {})
    device = two_factor.pending_totp(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes, refusal = two_factor.complete_enrolment(
            request=request, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            audit.record(request, audit.Action.CHANGE, obj=user, detail="two-factor enrolled")
            context = {"codes": codes, "next": _next_url(request), "enrolled": True}
            return render(request, "accounts/two_factor_codes.html", context)
        form.add_error("code", forms.ValidationError(refusal, code="wrong"))
    context = {
        "form": form,
        "qr": two_factor.qr_code(device.config_url),
        "secret": two_factor.secret_for_typing(device),
        "required": two_factor.second_factor_required(user),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@require_POST
@login_required
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), shown once."""
    user = request.user
    if two_factor.confirmed_totp(user) is None:
        return redirect("two_factor_enrol")
    codes = two_factor.new_recovery_codes(user)
    audit.record(request, audit.Action.CHANGE, obj=user, detail="new recovery codes")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": ""})


@require_http_methods(["GET"])
@admin_required
def staff_two_factor(request: HttpRequest) -> HttpResponse:
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    people = (
        User.objects.filter(Q(role__in=[Role.THERAPIST, Role.ADMIN]) | Q(totpdevice__isnull=False))
        .annotate(enrolled=Exists(enrolled))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
    return render(request, "accounts/staff_two_factor.html", {"people": people})


@require_POST
@admin_required
def staff_two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    target = get_object_or_404(User, pk=user_id)
    if target.pk == request.user.pk:
        raise PermissionDenied("Another admin resets your own authenticator.")
    removed = two_factor.reset_devices(target=target)
    audit.record(request, audit.Action.CHANGE, obj=target, detail="two-factor device reset")
    messages.success(
        request,
        f"{target} is signed out everywhere and sets up two-factor sign-in at their next log-in."
        if removed
        else f"{target} had no two-factor device; they set one up at their next log-in.",
    )
    return redirect("staff_two_factor")
