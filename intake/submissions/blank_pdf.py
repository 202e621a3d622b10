"""The blank paper intake form: the wizard's seven steps printed from the wizard's own forms
(their labels, choices and help), the body-map outline to mark by hand, the safety questions
from the screening table, and the consent text and signature lines, for clients who will not
use a phone. Staff then type the answers in on the client's behalf.

Printed from the same definitions the wizard asks from, so the paper never drifts from the
screen: a new question, choice or wording appears on both. ``render_blank_intake`` is a pure
function (no request, no writes); it builds the step forms unbound, on an unsaved intake.
"""

from __future__ import annotations

from django import forms as djforms
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, PageBreak, Spacer

from intake import body_map, pdf
from intake.accounts.models import Client
from intake.submissions import forms, screening
from intake.submissions.consent_form import CONSENT_TEXT, ConsentForm
from intake.submissions.models import IntakeSubmission
from intake.submissions.safety_form import SafetyForm
from intake.submissions.services import STEP_BY_NUMBER

TITLE = _("Intake form")
BOX = "[   ]"
SCALE = "0    1    2    3    4    5    6    7    8    9    10"
MAP_HEIGHT = 105 * mm
BLANK_SUBJECT = _("Name: ______________________________    Date of birth: ____________________")


def _line(gap: float = 13) -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.4, color=pdf.RULE, spaceBefore=gap, spaceAfter=2)


def _choices(field: djforms.Field) -> list[str]:
    return [str(label) for value, label in field.choices if value not in ("", None)]


def field_block(name: str, field: djforms.Field) -> list[Flowable]:
    """One question as printed: its label, then boxes to tick, a scale to circle or lines."""
    label = str(field.label or name.replace("_", " ").capitalize())
    widget = field.widget
    if isinstance(widget, djforms.HiddenInput):
        return []
    if isinstance(field, djforms.FileField):
        return [
            pdf.P(
                gettext("%(label)s: please bring it or attach it to this form.") % {"label": label}
            )
        ]
    if isinstance(field, djforms.BooleanField):
        return [pdf.P(f"{BOX}  {label}")]
    out: list[Flowable] = [pdf.P(label, "label")]
    if field.help_text:
        out.append(pdf.P(strip_tags(str(field.help_text)), "small"))
    multiple = isinstance(field, djforms.MultipleChoiceField)
    if isinstance(field, djforms.ChoiceField) and not isinstance(field, djforms.ModelChoiceField):
        hint = gettext(" (tick all that apply)") if multiple else ""
        options = "      ".join(f"{BOX} {choice}" for choice in _choices(field))
        return [*out, pdf.P(options + hint)]
    if isinstance(field, djforms.IntegerField) and field.max_value == 10:
        return [*out, pdf.P(gettext("Circle one:") + f"    {SCALE}")]
    lines = 3 if isinstance(widget, djforms.Textarea) else 1
    return [*out, *(_line() for _ in range(lines))]


def form_blocks(form: djforms.BaseForm, skip: tuple[str, ...] = ()) -> list[Flowable]:
    out: list[Flowable] = []
    for name, field in form.fields.items():
        if name not in skip:
            out.append(KeepTogether([*field_block(name, field), Spacer(1, 4)]))
    return out


def _heading(number: int) -> list[Flowable]:
    words = gettext("Step %(number)s of %(last)s: %(title)s")
    values = {"number": number, "last": len(STEP_BY_NUMBER), "title": STEP_BY_NUMBER[number].title}
    return [pdf.P(words % values, "h2")]


def _body_map_step(width: float) -> list[Flowable]:
    sensations = ", ".join(label.lower() for _, label in body_map.SENSATIONS)
    rows = [
        pdf.P(
            gettext(
                "Shade or circle every place where you feel something. Next to each place, write "
                "what you feel there (%(sensations)s) and how strong it is, from 0 to 10."
            )
            % {"sensations": sensations}
        ),
        body_map.flowable((), width=width, height=MAP_HEIGHT, legend=False),
    ]
    return [*_heading(2), *rows]


def _safety_step(intake: IntakeSubmission) -> list[Flowable]:
    out = [*_heading(5), pdf.P(gettext("Please answer every question."))]
    yes, no = gettext("Yes"), gettext("No")
    groin = gettext("Only if you marked your groin or inner thigh on the body map: ")
    for q in screening.SAFETY_QUESTIONS:
        lead = groin if q.only_if else ""
        out.append(KeepTogether([pdf.P(lead + str(q.question), "label"),
                                 pdf.P(f"{BOX} {yes}      {BOX} {no}"), Spacer(1, 4)]))  # fmt: skip
    # The clinic's own questions on this step: the step form's fields the table does not hold.
    form = SafetyForm(instance=intake, marks=())
    asked = tuple(name for name in form.fields if name in screening.QUESTION_BY_FIELD)
    return [*out, *form_blocks(form, skip=asked)]


def _consent_step() -> list[Flowable]:
    form = ConsentForm(guardian_needed=True)
    guardian = [
        block
        for name in ConsentForm.GUARDIAN_FIELDS
        for block in field_block(name, form.fields[name])
    ]
    return [
        *_heading(7),
        pdf.P(CONSENT_TEXT),
        pdf.P(f"{BOX}  {form.fields['agree'].label}"),
        *pdf.signature_line(
            gettext("%(label)s (and sign)") % {"label": form.fields["signature"].label}
        ),
        *pdf.signature_line(gettext("Date")),
        pdf.P(
            gettext("If you are under %(age)s today, a parent or guardian consents too:")
            % {"age": settings.AGE_OF_MAJORITY},
            "label",
        ),
        *guardian,
    ]


def _step_forms(intake: IntakeSubmission) -> dict[int, djforms.BaseForm]:
    return {
        1: forms.AboutYouForm(instance=intake.client),
        3: forms.SymptomsForm(instance=intake),
        4: forms.HistoryForm(instance=intake),
        6: forms.ReferralForm(instance=intake),
    }


def story(width: float) -> list[Flowable]:
    intake = IntakeSubmission(client=Client())  # unsaved: the forms' questions, no answers
    steps = _step_forms(intake)
    out: list[Flowable] = [
        pdf.P(str(TITLE), "title"),
        pdf.P(
            gettext(
                "Please fill in every step, then give the form to the front desk. If something "
                "does not apply to you, leave it empty. This form holds health information: hand "
                "it to the clinic's staff only."
            )
        ),
        *_heading(1),
        *form_blocks(steps[1]),
        pdf.P(gettext("E-mail (optional)"), "label"),
        _line(),
        *_body_map_step(width),
        *_heading(3),
        *form_blocks(steps[3]),
        *_heading(4),
        *form_blocks(steps[4]),
        PageBreak(),
        *_safety_step(intake),
        *_heading(6),
        *form_blocks(steps[6], skip=("physician",)),
        *_consent_step(),
        Spacer(1, 10),
        pdf.P(gettext("For the clinic: typed in by ____________________ on ____________"), "small"),
    ]
    return out


def render_blank_intake(*, page_size: str | None = None, language: str | None = None) -> bytes:
    """The blank intake form as PDF bytes, in ``language`` (the clinic's by default)."""
    size = pdf.page_size(page_size)
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        return pdf.build_pdf(
            story(pdf.frame_width(size)),
            title=str(TITLE),
            letterhead=pdf.Letterhead.from_settings(),
            subject_line=str(BLANK_SUBJECT),
            page_size=size,
            language=language,
        )
