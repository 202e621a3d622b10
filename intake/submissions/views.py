"""The client intake wizard, the client's intake pages, and the staff intake list and summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import HiddenInput
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import audit, body_map, languages, pdf
from intake.accounts.models import Client
from intake.clients.safety import FOLLOW_UPS
from intake.roles import client_required, staff_required
from intake.submissions import blank_pdf, forms, review, screening, services
from intake.submissions.body_map_form import BodyMapForm
from intake.submissions.consent_form import CONSENT_TEXT, ConsentForm
from intake.submissions.models import FlagLevel, IntakeSubmission
from intake.submissions.safety_form import SafetyForm
from intake.submissions.summary import summary_context

Status = IntakeSubmission.Status


def _step_url(intake: IntakeSubmission, step: int) -> str:
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


# ---------------------------------------------------------------- client: the wizard


@require_http_methods(["GET", "POST"])
@client_required
def intake_start(request: HttpRequest) -> HttpResponse:
    """GET: start or resume page. POST: open the draft (new ones are pre-filled) and go on."""
    draft = request.client.intakes.filter(status=Status.DRAFT).first()
    if request.method == "POST":
        intake = services.start_intake(client=request.client)
        audit.record_on(request, audit.Action.CREATE, intake, detail="intake draft")
        return redirect(_step_url(intake, intake.current_step))
    has_previous = request.client.intakes.filter(status=Status.SUBMITTED).exists()
    return render(request, "submissions/start.html", {"draft": draft, "has_previous": has_previous})


def _build_form(step: int, intake: IntakeSubmission, marks: list, data=None, files=None):
    if step == 1:
        return forms.AboutYouForm(data, instance=intake.client, intake=intake)
    if step == 2:
        return BodyMapForm(data, initial=BodyMapForm.initial_from(marks))
    if step == 3:
        return forms.SymptomsForm(data, instance=intake)
    if step == 4:
        return forms.HistoryForm(data, instance=intake)
    if step == 5:
        return SafetyForm(data, instance=intake, marks=marks)
    if step == 6:
        return forms.ReferralForm(data, files, instance=intake)
    # Consent is given afresh: nothing ticked, no name typed in advance.
    guardian = services.needs_guardian(intake)
    return ConsentForm(data, guardian_needed=guardian, client_name=intake.client.full_name)


def _save(request: HttpRequest, step: int, intake: IntakeSubmission, form, flow: Flow) -> None:
    """A step's answers and their audit event, in one transaction: stored together or not at all."""
    with transaction.atomic():
        if step == 1:
            services.save_about(intake=intake, form=form)
        elif step == 2:
            services.save_marks(intake=intake, marks=form.marks())
        elif step == 6:
            services.save_referral(intake=intake, form=form)
        else:
            services.save_answers(intake=intake, form=form, step=step)
        detail = flow.detail(f"step {step}")
        audit.record_on(request, audit.Action.CHANGE, intake, detail=detail, user=flow.audit_user)


@dataclass(frozen=True)
class Flow:
    """Who fills an intake in and where its pages are: the client on their own account
    (``client_flow``), a waiting-room kiosk (``intake.kiosk.views.kiosk_flow``), or staff typing a
    paper form in on the client's behalf (``staff_entry_flow``). The steps, forms, services and
    rules are the same for all three."""

    step_url: Callable[[IntakeSubmission, int], str]
    done_url: Callable[[IntakeSubmission], str]  # after submitting
    submitted_url: Callable[[IntakeSubmission], str]  # an intake found submitted already
    later_url: str
    base_template: str = "base.html"
    uploads: bool = True
    actor: Callable[[HttpRequest], object] = lambda request: request.user  # files the referral
    audit_user: object = None  # whom audit events name (None: the signed-in user)
    audit_note: str = ""  # put before each audit event's detail ("kiosk 3")
    entered_by: object = None  # a staff member typing the answers in for the client
    on_leave: Callable[[HttpRequest, IntakeSubmission, bool], None] | None = None  # submitted?
    context: dict = field(default_factory=dict)  # more for the page (the kiosk's idle time)

    def detail(self, text: str) -> str:
        return f"{self.audit_note}: {text}" if self.audit_note else text


def client_flow() -> Flow:
    return Flow(
        step_url=_step_url,
        done_url=lambda intake: reverse("intake_done", kwargs={"intake_id": intake.pk}),
        submitted_url=lambda intake: reverse("my_intake_summary", kwargs={"intake_id": intake.pk}),
        later_url=reverse("my_intakes"),
    )


@require_http_methods(["GET", "POST"])
@client_required
def intake_step(request: HttpRequest, intake_id: int, step: int) -> HttpResponse:
    intake = get_object_or_404(IntakeSubmission, pk=intake_id, client=request.client)
    intake.client = request.client  # the same row: no second query for it
    return run_step(request, intake, step, client_flow())


def run_step(request: HttpRequest, intake: IntakeSubmission, step: int, flow: Flow) -> HttpResponse:
    """One step of the wizard for ``intake``, whoever fills it in (``flow``)."""
    if intake.is_submitted:
        return redirect(flow.submitted_url(intake))
    if step not in services.STEP_BY_NUMBER:
        raise Http404("No such step.")
    if step > intake.current_step:  # skipping ahead (or a tampered number): go where they are
        return redirect(flow.step_url(intake, intake.current_step))
    marks = list(intake.marks.all()) if step > 1 else []  # the map and the rules read them
    if step > forms.SAFETY_STEP and screening.unanswered_safety_questions(intake, marks):
        return redirect(flow.step_url(intake, forms.SAFETY_STEP))  # a question not seen yet
    go = request.POST.get("go", "next")
    if step == services.LAST_STEP and go == "back" and request.method == "POST":
        return redirect(review_url(intake, flow))  # consent's "Back": the review of the answers
    if step == services.LAST_STEP and request.method == "GET" and "sign" not in request.GET:
        return _review(request, intake, marks, flow)
    then_review = (request.POST if request.method == "POST" else request.GET).get("then") == REVIEW
    files = (request.FILES or None) if flow.uploads else None
    form = _build_form(step, intake, marks, request.POST or None, files)
    if not flow.uploads and "letter" in form.fields:  # a kiosk takes no files
        form.fields["letter"].disabled = True
        form.fields["letter"].widget = HiddenInput()
    if request.method == "POST" and form.is_valid():
        try:
            if step == services.LAST_STEP:
                return _submit(request, intake, form, flow)
            _save(request, step, intake, form, flow)
        except services.AlreadySubmitted:
            return redirect(flow.submitted_url(intake))
        if go == "back":
            return redirect(flow.step_url(intake, max(step - 1, 1)))
        if go == "later":
            if flow.on_leave:
                flow.on_leave(request, intake, False)
            else:  # not on a kiosk: the next person must not read it
                messages.success(request, saved_message(intake))
            return redirect(flow.later_url)
        return redirect(_next_url(intake, step, marks, flow, then_review=then_review))
    if request.method == "GET":
        detail = flow.detail(f"step {step}")
        audit.record_on(request, audit.Action.VIEW, intake, detail=detail, user=flow.audit_user)
    context = _step_context(intake, step, form, marks)
    context["then_review"] = then_review and step < services.LAST_STEP
    return _render_step(request, intake, flow, context)


def _render_step(request: HttpRequest, intake: IntakeSubmission, flow: Flow, context: dict):
    context["step_links"] = [(s, flow.step_url(intake, s.number)) for s in services.STEPS]
    context.update(base_template=flow.base_template, flow=flow, **flow.context)
    return render(request, "submissions/step.html", context)


REVIEW = "review"  # ?then=review on a step's "change" link: saving it returns to the review


def review_url(intake: IntakeSubmission, flow: Flow) -> str:
    """The review of the answers: the last step's page before its consent form (?sign)."""
    return flow.step_url(intake, services.LAST_STEP)


def _review(request: HttpRequest, intake: IntakeSubmission, marks: list, flow: Flow):
    """Every answer before consent, each step with a link to change it (and come back here)."""
    audit.record_on(
        request, audit.Action.VIEW, intake, detail=flow.detail("review"), user=flow.audit_user
    )
    context = _step_context(intake, services.LAST_STEP, None, marks)
    context["reviewing"] = True
    context["sections"] = review.sections(
        intake, marks, lambda number: f"{flow.step_url(intake, number)}?then={REVIEW}"
    )
    context["sign_url"] = f"{review_url(intake, flow)}?sign=1"
    context["back_url"] = flow.step_url(intake, services.LAST_STEP - 1)
    return _render_step(request, intake, flow, context)


def saved_message(intake: IntakeSubmission) -> str:
    """What "Save and finish later" kept, in words (no answer in it: only the steps' names)."""
    done = intake.current_step - 1
    upto = services.STEP_BY_NUMBER[intake.current_step]
    if done == 1:
        kept = gettext("Saved: the answers to step 1, %(title)s, are kept.") % {
            "title": services.STEP_BY_NUMBER[1].title
        }
    else:
        kept = gettext("Saved: the answers to steps 1 to %(last)s are kept.") % {"last": done}
    opens = gettext("Continue at any time: your intake opens at step %(number)s, %(title)s.") % {
        "number": upto.number,
        "title": upto.title,
    }
    return f"{kept} {opens}"


def _next_url(
    intake: IntakeSubmission, step: int, marks: list, flow: Flow, *, then_review: bool = False
) -> str:
    """The next step (or the review, when the step was changed from it); after urgent safety
    answers, anchored on its emergency advice (at the top of the page, focusable) so that,
    without JavaScript too, the browser shows it first."""
    back_to_review = then_review and intake.current_step == services.LAST_STEP
    url = review_url(intake, flow) if back_to_review else flow.step_url(intake, step + 1)
    if step == forms.SAFETY_STEP and screening.is_urgent(intake, marks=marks):
        url += "#urgent-advice"
    return url


def _step_context(intake: IntakeSubmission, step: int, form, marks: list) -> dict:
    # From step 3 the body map is the client's: an urgent pattern on it is told at once, and
    # after the safety step, every urgent answer and each rule's own advice.
    flags = screening.flags_for(intake, marks=marks) if step > 2 else []
    context = {
        "intake": intake,
        "form": form,
        "step": services.STEP_BY_NUMBER[step],
        "steps": services.STEPS,
        "last_step": services.LAST_STEP,
        "urgent": screening.highest_level(flags) == FlagLevel.URGENT,
        "urgent_advice": screening.URGENT_ADVICE,
        "physician_advice": screening.PHYSICIAN_ADVICE,
        "rule_advice": screening.client_advice(flags) if step > forms.SAFETY_STEP else [],
        "template": f"submissions/steps/{services.STEP_BY_NUMBER[step].key}.html",
    }
    if step == forms.SAFETY_STEP and form.is_bound and form.urgent_answer:
        # Sent back (a question unanswered) with an urgent answer: the advice opens the page
        # too, where a client without JavaScript lands, besides the one below the answer.
        context["urgent"] = True
    if step == 2:
        chosen = form.chosen()
        context["map_svg"] = body_map.svg(chosen, interactive=True, id_prefix="intake-map")
        context["map_static"] = body_map.svg(chosen, id_prefix="intake-map-static")
        context["rows"] = form.rows()
        context["sensations"] = body_map.SENSATIONS
    if step == 7:
        context["consent_text"] = CONSENT_TEXT
        context["flags"] = flags
    return context


def _submit(request: HttpRequest, intake: IntakeSubmission, form, flow: Flow) -> HttpResponse:
    # The submission and its "sign" audit event commit together: a server that dies between
    # them must not leave a signed intake without its event (seen in the cluster test).
    with transaction.atomic():
        intake, now = services.submit_intake(
            intake=intake,
            signature=form.cleaned_data["signature"],
            ip=audit.client_ip(request),
            user=flow.actor(request),
            guardian=form.guardian(),
            entered_by=flow.entered_by,
        )
        if now:
            detail = flow.detail("intake submitted")
            audit.record_on(request, audit.Action.SIGN, intake, detail=detail, user=flow.audit_user)
    if flow.on_leave:
        flow.on_leave(request, intake, True)
    return redirect(flow.done_url(intake))


@require_GET
@client_required
def intake_done(request: HttpRequest, intake_id: int) -> HttpResponse:
    intake = get_object_or_404(IntakeSubmission, pk=intake_id, client=request.client)
    intake.client = request.client  # the same row: no second query for it
    if not intake.is_submitted:
        return redirect(_step_url(intake, intake.current_step))
    flags = screening.flags_for(intake)
    level = screening.highest_level(flags)
    context = {
        "intake": intake,
        "urgent": level == FlagLevel.URGENT,
        "see_physician": level == FlagLevel.PHYSICIAN,
        "urgent_advice": screening.URGENT_ADVICE,
        "physician_advice": screening.PHYSICIAN_ADVICE,
        "rule_advice": screening.client_advice(flags),
    }
    audit.record_on(request, audit.Action.VIEW, intake, detail="done")
    return render(request, "submissions/done.html", context)


# ---------------------------------------------------------------- client: their intakes


@require_GET
@client_required
def my_intakes(request: HttpRequest) -> HttpResponse:
    intakes = list(request.client.intakes.order_by("-created_at", "-id"))
    audit.record(request, audit.Action.VIEW, client=request.client, detail="own intake list")
    return render(request, "submissions/my_list.html", {"intakes": intakes})


@require_GET
@client_required
def my_intake_summary(request: HttpRequest, intake_id: int) -> HttpResponse:
    intake = get_object_or_404(
        IntakeSubmission.objects.select_related("client"), pk=intake_id, client=request.client
    )
    audit.record_on(request, audit.Action.VIEW, intake, detail="own intake summary")  # read
    context = summary_context(intake, staff=False)
    return render(request, "submissions/summary.html", context)


# ---------------------------------------------------------------- staff


STAFF_PAGE_SIZE = 50


@require_GET
@staff_required
def staff_intakes(request: HttpRequest) -> HttpResponse:
    form = forms.StaffIntakeFilterForm(request.GET or None)
    intakes = (
        IntakeSubmission.objects.submitted()
        .select_related("client")
        .prefetch_related("marks", screening.CLINIC_ANSWERS)  # what the rules read
    )
    level = form.cleaned_data["level"] if form.is_valid() else ""
    if level:
        intakes = intakes.filter(flag_level=level)
    page = Paginator(intakes, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(intake, screening.flags_for(intake)) for intake in page.object_list]
    audit.record(request, audit.Action.VIEW, detail="intake list")
    return render(
        request,
        "submissions/staff_list.html",
        {"form": form, "page": page, "rows": rows, "level": level},
    )


@require_GET
@staff_required
def intake_summary(request: HttpRequest, intake_id: int) -> HttpResponse:
    # Marks and follow-ups read once, for the summary, its safety banner and its follow-up list.
    intake = get_object_or_404(
        IntakeSubmission.objects.select_related("client", "entered_by").prefetch_related(
            "marks", FOLLOW_UPS
        ),
        pk=intake_id,
        status=Status.SUBMITTED,
    )
    audit.record_on(request, audit.Action.VIEW, intake, detail="intake summary")
    context = summary_context(intake, staff=True)
    context["follow_ups"] = intake.follow_ups.all()
    return render(request, "submissions/summary.html", context)


# ---------------------------------------------------------------- staff: the paper form


@require_GET
@staff_required
def intake_blank_form(request: HttpRequest) -> HttpResponse:
    """The blank paper intake form (no one's data in it: not named *_pdf, the URLs whose PDFs
    print a client's record, which tests/security checks with hostile records)."""
    language = request.GET.get("language") or settings.LANGUAGE_CODE
    if language not in languages.CODES:  # the client's language, asked at the front desk
        return HttpResponseBadRequest("Unknown language.")
    data = blank_pdf.render_blank_intake(language=language)
    audit.record(request, audit.Action.PRINT, detail=f"blank intake form ({language})")
    return pdf.pdf_response(data, f"intake-form-{language}")


def staff_entry_flow(intake: IntakeSubmission, user) -> Flow:
    """Staff typing a client's paper form in: the client's steps on staff pages; submitting
    records the staff member as the one who entered it (``entered_by``)."""
    summary = reverse("intake_summary", kwargs={"intake_id": intake.pk})
    return Flow(
        step_url=lambda i, step: reverse(
            "staff_entry_step", kwargs={"intake_id": i.pk, "step": step}
        ),
        done_url=lambda i: summary,
        submitted_url=lambda i: summary,
        later_url=reverse("client_intake_access", kwargs={"client_id": intake.client_id}),
        audit_note="paper form",
        entered_by=user,
    )


@require_POST
@staff_required
def staff_entry_start(request: HttpRequest, client_id: int) -> HttpResponse:
    """Open the client's draft (or a new one) to type their paper form in."""
    client = get_object_or_404(Client, pk=client_id)
    intake = services.start_intake(client=client)
    audit.record_on(request, audit.Action.CREATE, intake, detail="paper form: intake opened")
    return redirect("staff_entry_step", intake_id=intake.pk, step=intake.current_step)


@require_http_methods(["GET", "POST"])
@staff_required
def staff_entry_step(request: HttpRequest, intake_id: int, step: int) -> HttpResponse:
    intake = get_object_or_404(IntakeSubmission.objects.select_related("client"), pk=intake_id)
    return run_step(request, intake, step, staff_entry_flow(intake, request.user))
