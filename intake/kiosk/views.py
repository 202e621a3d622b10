"""The kiosk itself: its start screen (the front desk's pick, or name, birth date and code), the
intake on the tablet, the done screen, the reset, and leaving kiosk mode with a staff password.
Every use is audited, in the name of the staff member who opened the kiosk."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit
from intake.kiosk import services
from intake.kiosk.forms import ExitForm, IdentifyForm
from intake.kiosk.models import Kiosk
from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission
from intake.submissions.views import Flow, run_step

DONE_KEY = "_kiosk_done"


def kiosk_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only a kiosk session (``request.kiosk``, set by the kiosk middleware) may come in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if getattr(request, "kiosk", None) is None:
            if request.user.is_authenticated:
                raise PermissionDenied
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def record(request: HttpRequest, action: str, text: str, **kw) -> None:
    """An audit event of this kiosk's, in the name of the staff member who opened it."""
    kiosk: Kiosk = request.kiosk
    kw.setdefault("client_id", kiosk.client_id)
    audit.record(request, action, obj=kw.pop("obj", kiosk), user=kiosk.opened_by,
                 detail=f"kiosk {kiosk.pk}: {text}", **kw)  # fmt: skip


def _context(request: HttpRequest, **more) -> dict:
    return {"kiosk": request.kiosk, "idle_seconds": settings.KIOSK_IDLE_SECONDS, **more}


@require_http_methods(["GET", "POST"])
@kiosk_required
def kiosk_start(request: HttpRequest) -> HttpResponse:
    kiosk: Kiosk = request.kiosk
    if kiosk.intake_id:
        return redirect("kiosk_step", step=kiosk.intake.current_step)
    if kiosk.client_id:  # sent by the front desk: greet them, they start
        return render(request, "kiosk/welcome.html", _context(request))
    locked = bool(kiosk.locked_until and kiosk.locked_until > timezone.now())
    form = IdentifyForm(request.POST or None)
    if request.method == "POST" and not locked and form.is_valid():
        data = form.cleaned_data
        try:
            client = services.identify(kiosk=kiosk, last_name=data["last_name"],
                                       date_of_birth=data["date_of_birth"], code=data["code"])  # fmt: skip
        except services.Locked:
            client, locked = None, True
        if client is not None:
            record(request, audit.Action.VIEW, "client identified with an arrival code")
            return _begin(request)
        record(request, audit.Action.LOGIN_FAILED, "arrival code refused")
        form = IdentifyForm(initial={k: data[k] for k in ("last_name", "date_of_birth")})
        form.refused = True
    context = _context(request, form=form, locked=locked, poll_status=True)
    return render(request, "kiosk/start.html", context)


def _begin(request: HttpRequest) -> HttpResponse:
    intake = services.begin(kiosk=request.kiosk)
    record(request, audit.Action.CREATE, "intake opened", obj=intake)
    return redirect("kiosk_step", step=intake.current_step)


@require_POST
@kiosk_required
def kiosk_begin(request: HttpRequest) -> HttpResponse:
    if request.kiosk.client_id is None:
        return redirect("kiosk_start")
    return _begin(request)


def _leave(request: HttpRequest, intake: IntakeSubmission, submitted: bool) -> None:
    record(request, audit.Action.CHANGE, "submitted, kiosk cleared" if submitted else "finish later, kiosk cleared")  # fmt: skip
    services.clear(kiosk=request.kiosk)
    if submitted:
        request.session[DONE_KEY] = intake.pk


def kiosk_flow(request: HttpRequest) -> Flow:
    kiosk: Kiosk = request.kiosk
    return Flow(
        step_url=lambda intake, step: reverse("kiosk_step", kwargs={"step": step}),
        done_url=lambda intake: reverse("kiosk_done"),
        submitted_url=lambda intake: reverse("kiosk_start"),
        later_url=reverse("kiosk_start"),
        base_template="kiosk/base.html",
        uploads=False,
        actor=lambda request: kiosk.client.user,  # files the referral (None: no login yet)
        audit_user=kiosk.opened_by,
        audit_note=f"kiosk {kiosk.pk}",
        on_leave=_leave,
        context=_context(request),
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def kiosk_step(request: HttpRequest, step: int) -> HttpResponse:
    """The intake on the tablet: only the draft of the client using the kiosk now."""
    kiosk: Kiosk = request.kiosk
    if kiosk.intake_id is None:
        return redirect("kiosk_start")
    intake = kiosk.intake
    intake.client = kiosk.client
    return run_step(request, intake, step, kiosk_flow(request))


@require_GET
@kiosk_required
def kiosk_done(request: HttpRequest) -> HttpResponse:
    """Shown once after submitting: the advice their answers call for, then the start screen."""
    intake_id = request.session.pop(DONE_KEY, None)
    intake = IntakeSubmission.objects.filter(pk=intake_id, status="submitted").first()
    if intake is None:
        return redirect("kiosk_start")
    flags = screening.flags_for(intake)
    level = screening.highest_level(flags)
    context = _context(request, urgent=level == FlagLevel.URGENT,
                       see_physician=level == FlagLevel.PHYSICIAN,
                       urgent_advice=screening.URGENT_ADVICE,
                       physician_advice=screening.PHYSICIAN_ADVICE,
                       rule_advice=screening.client_advice(flags))  # fmt: skip
    record(request, audit.Action.VIEW, "done screen", obj=intake, client_id=intake.client_id)
    return render(request, "kiosk/done.html", context)


@require_POST
@kiosk_required
def kiosk_reset(request: HttpRequest) -> HttpResponse:
    """ "Not me", "Finish", or the idle timer: forget the client and go back to the start."""
    if request.kiosk.client_id:
        idle = request.POST.get("reason") == "idle"
        record(request, audit.Action.CHANGE, "reset after idle time" if idle else "reset")
        services.clear(kiosk=request.kiosk)
    request.session.pop(DONE_KEY, None)
    response = redirect("kiosk_start")
    # The next person starts in the tablet's own language, not in the one the last one picked.
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@require_GET
@kiosk_required
def kiosk_status(request: HttpRequest) -> JsonResponse:
    """For the start screen: has the front desk sent someone? (A yes or no, never a name.)"""
    return JsonResponse({"ready": request.kiosk.client_id is not None})


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
@kiosk_required
def kiosk_exit(request: HttpRequest) -> HttpResponse:
    """Leaving kiosk mode takes a staff member's password (log-in throttling applies)."""
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["email"].strip().lower(),
                            password=form.cleaned_data["password"])  # fmt: skip
        if user is not None and user.is_clinic_staff:
            kiosk = request.kiosk
            services.close_kiosk(kiosk=kiosk, by=user)
            audit.record(request, audit.Action.LOGOUT, obj=kiosk, user=user,
                         detail=f"kiosk {kiosk.pk}: closed")  # fmt: skip
            request.session.flush()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            audit.record(request, audit.Action.LOGIN, detail=f"after closing kiosk {kiosk.pk}")
            return redirect("kiosk_list")
        record(request, audit.Action.LOGIN_FAILED, "leaving kiosk mode refused")
        form.add_error(None, "Only staff can leave kiosk mode: check the e-mail and password.")
    return render(request, "kiosk/exit.html", _context(request, form=form))
