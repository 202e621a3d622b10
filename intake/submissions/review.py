"""The "check your answers" page before consent: every step's answers in words, each step with a
link to change it. Read from the draft as stored (what the client will sign), with the forms'
own labels, so the review says what each step asked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intake import body_map
from intake.questions.selectors import line_of
from intake.referrals.models import Physician
from intake.submissions import forms, screening, services
from intake.submissions.models import IntakeSubmission

NOT_ANSWERED = _("Not answered")
NONE_GIVEN = "—"


@dataclass(frozen=True)
class Section:
    """One step's answers: (question, answer) rows and the link that changes them."""

    step: services.Step
    edit_url: str
    rows: tuple[tuple[str, str], ...]


def yes_no(value: bool | None) -> str:
    """A yes/no answer in words; None is a question not answered (older intakes' boxes)."""
    if value is None:
        return NOT_ANSWERED
    return gettext("Yes") if value else gettext("No")


def _text(value: object) -> str:
    return str(value).strip() if value not in (None, "") else NONE_GIVEN


def _labels(choices: list[tuple[str, str]], values: list[str] | None) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values or []) or NONE_GIVEN


def _about(intake: IntakeSubmission) -> list[tuple[str, str]]:
    client = intake.client
    born = client.date_of_birth
    return [
        (gettext("Name"), client.full_name),
        (gettext("Date of birth"), date_format(born) if born else NONE_GIVEN),
        (gettext("Phone number"), _text(client.phone)),
        (gettext("Address"), _text(client.address)),
        *forms.emergency_contact_rows(intake),
    ]


def _body(marks: list) -> list[tuple[str, str]]:
    if not marks:
        return [(gettext("Areas marked"), gettext("None"))]
    order = {region.code: i for i, region in enumerate(body_map.REGIONS)}
    felt = dict(body_map.SENSATIONS)
    rows = []
    for mark in sorted(marks, key=lambda m: order.get(m.region, len(order))):
        region = body_map.REGION_BY_CODE.get(mark.region)
        feelings = ", ".join(felt.get(s, s) for s in mark.sensations or [])
        rows.append((region.label if region else mark.region, f"{feelings}: {mark.intensity}/10"))
    return rows


def _symptoms(intake: IntakeSubmission) -> list[tuple[str, str]]:
    fields = forms.SymptomsForm.base_fields
    rows = [
        (fields["main_complaint"].label, _text(intake.main_complaint)),
        (fields["symptoms_started"].label, intake.symptoms_started_label or NONE_GIVEN),
        (fields["onset"].label, intake.get_onset_display() or NONE_GIVEN),
        (fields["first_episode"].label, yes_no(intake.first_episode)),
        (fields["worse_with"].label, _labels(forms.AGGRAVATING, intake.worse_with)),
        (fields["better_with"].label, _labels(forms.EASING, intake.better_with)),
        (fields["worst_pain"].label, _text(intake.worst_pain)),
        (fields["current_pain"].label, _text(intake.current_pain)),
    ]
    rows += [(row.get("activity", ""), f"{row.get('score')}/10") for row in intake.psfs or []]
    return rows


def _history(intake: IntakeSubmission) -> list[tuple[str, str]]:
    rows = []
    for name, field in forms.HistoryForm.base_fields.items():
        value = getattr(intake, name)
        if name == "consents_to_glute_work":
            rows.append((str(field.label), yes_no(value)))
        elif isinstance(value, bool) or value is None:
            rows.append((str(field.label), yes_no(value)))
        else:
            rows.append((str(field.label), _text(value)))
    return rows


def _safety(intake: IntakeSubmission, marks: list) -> list[tuple[str, str]]:
    return [
        (q.question, yes_no(getattr(intake, q.field)))
        for q in screening.asked_on_safety_step(marks)
    ]


def _referral(intake: IntakeSubmission) -> list[tuple[str, str]]:
    details = intake.referral_details or {}
    referred = details.get("referred")
    rows = [(str(forms.ReferralForm.base_fields["referred"].label), yes_no(referred))]
    if not referred:
        return rows
    physician = None
    if details.get("physician_id"):
        physician = Physician.objects.filter(pk=details["physician_id"]).first()
    new = details.get("new_physician") or {}
    name = physician.name if physician else new.get("name", "")
    practice = physician.practice if physician else new.get("practice", "")
    rows += [
        (gettext("Physician"), ", ".join(part for part in (name, practice) if part) or NONE_GIVEN),
        (gettext("Date of the referral"), _date(details.get("referral_date"))),
        (gettext("Reason or diagnosis, as the physician wrote it"), _text(details.get("reason"))),
        (gettext("Number of visits authorized"), _text(details.get("visits_authorized"))),
        (gettext("Referral valid until"), _date(details.get("expires_on"))),
        (gettext("Letter"), ", ".join(forms.letter_names(details)) or gettext("None added")),
    ]
    return rows


def _date(value: str | None) -> str:
    return date_format(datetime.date.fromisoformat(value)) if value else NONE_GIVEN


def sections(intake: IntakeSubmission, marks: list, edit_url) -> list[Section]:  # noqa: ANN001
    """Every step before consent, with its answers and ``edit_url(step_number)``."""
    clinic: dict[str, list[tuple[str, str]]] = {}
    for answer in sorted(screening.clinic_answers_of(intake), key=lambda a: a.question.position):
        line = line_of(answer)
        clinic.setdefault(answer.question.step, []).append((line.question, line.value))
    rows = {
        "about": _about(intake),
        "body": _body(marks),
        "symptoms": _symptoms(intake),
        "history": _history(intake),
        "safety": _safety(intake, marks),
        "referral": _referral(intake),
    }
    return [
        Section(step, edit_url(step.number), tuple(rows[step.key] + clinic.get(step.key, [])))
        for step in services.STEPS
        if step.key in rows
    ]
