"""The intake as a FHIR Questionnaire, published at a stable address, and each submitted intake
as a QuestionnaireResponse to it.

One table of items (:data:`ITEMS`, built from the intake's own forms and the screening table, so
the wording is the client's) is read by both. The version is the screening ``RULES_VERSION`` and
a digest of the items: a changed question changes the version. The clinic's own questions will
join the table once the clinic can write them (they do not exist yet).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django import forms

from intake import body_map
from intake.fhir import clinic_questions, codes
from intake.fhir import outcomes as measures
from intake.submissions import screening
from intake.submissions.consent_form import ConsentForm
from intake.submissions.forms import YES_NO, HistoryForm, ReferralForm, SymptomsForm
from intake.submissions.models import HISTORY_FIELDS, SYMPTOM_FIELDS
from intake.submissions.questions import RETIRED

PATH = "/fhir/Questionnaire/intake"
YES_NO_CODES = [code for code, _ in YES_NO]


@dataclass(frozen=True)
class Item:
    """One question: its linkId (the intake column it fills), wording and FHIR answer type."""

    link_id: str
    text: str
    type: str  # boolean, integer, date, string, text, choice
    options: tuple[tuple[str, str], ...] = ()
    repeats: bool = False


@dataclass(frozen=True)
class Group:
    link_id: str
    text: str
    items: tuple[Item, ...]
    repeats: bool = False
    answers: str = "columns"  # "columns": one answer per intake column; else a list of rows
    extra: dict = field(default_factory=dict)


def _kind(form_field: forms.Field) -> tuple[str, tuple[tuple[str, str], ...], bool]:
    choices = tuple((str(k), str(v)) for k, v in getattr(form_field, "choices", ()) if k != "")
    if isinstance(form_field, forms.BooleanField):
        return "boolean", (), False
    if isinstance(form_field, forms.MultipleChoiceField):
        return "choice", choices, True
    if isinstance(form_field, forms.ChoiceField):
        if [code for code, _ in choices] == YES_NO_CODES:
            return "boolean", (), False
        return "choice", choices, False
    if isinstance(form_field, forms.IntegerField):
        return "integer", (), False
    if isinstance(form_field, forms.DateField):
        return "date", (), False
    return ("text" if isinstance(form_field.widget, forms.Textarea) else "string"), (), False


def _from_form(form_class: type[forms.Form], names: tuple[str, ...]) -> tuple[Item, ...]:
    fields = form_class.base_fields
    items = []
    for name in names:
        kind, options, repeats = _kind(fields[name])
        items.append(Item(name, str(fields[name].label), kind, options, repeats))
    return tuple(items)


def _yes_no(questions) -> tuple[Item, ...]:  # noqa: ANN001 (screening Questions)
    return tuple(Item(q.field, str(q.question), "boolean") for q in questions)


PSFS_ITEMS = (
    Item("activity", "Activity you find hard", "string"),
    Item("score", "How well can you do it now? 0 unable, 10 as before the problem", "integer"),
)
BODY_MAP_ITEMS = (
    Item("region", "Body region", "choice", tuple((r.code, r.label) for r in body_map.REGIONS)),
    Item("sensations", "What you feel there", "choice", body_map.SENSATIONS, repeats=True),
    Item("intensity", "How strong (0 to 10)", "integer"),
)
#: The consent step's fields (the guardian's are added by the form for a minor, so named here).
CONSENT_ITEMS = (
    Item("consent_given", str(ConsentForm.base_fields["agree"].label), "boolean"),
    Item("consent_signature", str(ConsentForm.base_fields["signature"].label), "string"),
    Item("guardian_name", "Parent or guardian's full name", "string"),
    Item("guardian_relationship", "Their relationship to you", "string"),
    Item("guardian_signature", "Parent or guardian: their own name as signature", "string"),
)


def _groups() -> tuple[Group, ...]:
    retired = tuple(q for q in screening.QUESTIONS if q.step == RETIRED)
    referred = str(ReferralForm.base_fields["referred"].label)
    return (
        Group("symptoms", "Your symptoms", _from_form(SymptomsForm, SYMPTOM_FIELDS)),
        Group("psfs", "Activities you find hard (Patient-Specific Functional Scale)", PSFS_ITEMS,
              repeats=True, answers="psfs"),
        Group("body-map", "Where you feel it", BODY_MAP_ITEMS, repeats=True, answers="marks"),
        Group("history", "Health history", _from_form(HistoryForm, HISTORY_FIELDS)),
        Group("safety", "Safety questions", _yes_no(screening.SAFETY_QUESTIONS)),
        Group("referral", "Physician referral", (Item("referred", referred, "boolean"),),
              answers="referral"),
        Group("consent", "Consent", CONSENT_ITEMS),
        Group("retired", "Questions asked until rules version 1 (kept for older intakes)",
              _yes_no(retired)),
    )  # fmt: skip


GROUPS: tuple[Group, ...] = _groups()


def _item_json(group: Group, item: Item) -> dict:
    out: dict[str, Any] = {"linkId": f"{group.link_id}.{item.link_id}", "text": item.text,
                           "type": item.type}  # fmt: skip
    if item.repeats:
        out["repeats"] = True
    if item.options:
        out["answerOption"] = [
            {"valueCoding": choice_coding(item, code, label)} for code, label in item.options
        ]
    return out


def choice_coding(item: Item, code: str, label: str = "") -> dict:
    """An answer to a choice question, in the question's own code system."""
    name = "body-region" if item.link_id == "region" else f"intake-{item.link_id}"
    return codes.ours(name.replace("_", "-"), code, label or dict(item.options).get(code, ""))


def _items_json() -> list[dict]:
    return [
        {"linkId": group.link_id, "text": group.text, "type": "group",
         **({"repeats": True} if group.repeats else {}),
         "item": [_item_json(group, item) for item in group.items]}
        for group in GROUPS
    ]  # fmt: skip


_DIGESTS: dict[int, str] = {}  # id(GROUPS) -> digest: computed once, not per response


def version(clinic: list | None = None) -> str:
    """``<RULES_VERSION>.<digest of the questions>[.<digest of the clinic's questions>]``:
    changes whenever a question does (``clinic``: the clinic's question versions, read if not
    given)."""
    key = id(GROUPS)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(repr(GROUPS).encode()).hexdigest()[:10]
    own = clinic_questions.fingerprint(
        clinic_questions.all_versions() if clinic is None else clinic
    )
    return f"{screening.RULES_VERSION}.{_DIGESTS[key]}" + (f".{own}" if own else "")


def canonical() -> str:
    return f"{codes.base()}{PATH}"


def current_canonical() -> str:
    """``url|version`` of the Questionnaire as published now (one query): what a response
    screened with the current rules answered."""
    return f"{canonical()}|{version()}"


@cache
def _fixed_part(base: str) -> dict:
    return {
        "resourceType": "Questionnaire",
        "id": "intake",
        "url": canonical(),
        "name": "ClinicIntake",
        "title": "Client intake",
        "status": "active",
        "subjectType": ["Patient"],
        "description": "The clinic's intake: symptoms, the body map, health history, safety "
        "questions, the physician referral, consent and the clinic's own questions. Answers "
        "raise safety flags for the therapist; they never make a diagnosis.",
        "item": _items_json(),
    }


def questionnaire() -> dict:
    """The published Questionnaire: the intake's fixed questions (built once per site address)
    and the clinic's own (read each time: the clinic adds and retires them)."""
    clinic = clinic_questions.all_versions()
    fixed = _fixed_part(codes.base())
    return {**fixed, "version": version(clinic),
            "item": [*fixed["item"], *clinic_questions.group(clinic)]}  # fmt: skip


# ---------------------------------------------------------------- the answers of one intake


def _answer(item: Item, value: Any) -> list[dict] | None:
    kind = item.type
    if kind == "boolean":
        return [{"valueBoolean": bool(value)}]
    if kind == "integer":
        return [{"valueInteger": int(value)}]
    if kind == "date":
        return [{"valueDate": value.isoformat()}]
    if kind == "choice":
        values = value if isinstance(value, list | tuple) else [value]
        return [{"valueCoding": choice_coding(item, str(v))} for v in values] or None
    return [{"valueString": str(value)}]


def _items(group: Group, row: dict) -> list[dict]:
    """The group's answered items. A question's wording is the Questionnaire's (``linkId``)."""
    out = []
    for item in group.items:
        value = row.get(item.link_id)
        if value is None or value == "":
            continue
        answers = _answer(item, value)
        if answers:
            out.append({"linkId": f"{group.link_id}.{item.link_id}", "answer": answers})
    return out


def _rows(group: Group, intake: Any, marks: list) -> list[dict]:
    if group.answers == "psfs":
        return [{"activity": a, "score": s} for a, s in measures.psfs_rows(intake)]
    if group.answers == "marks":
        return [{"region": m.region, "sensations": m.sensations, "intensity": m.intensity}
                for m in marks]  # fmt: skip
    if group.answers == "referral":
        return [{"referred": (intake.referral_details or {}).get("referred")}]
    return [{item.link_id: getattr(intake, item.link_id, None) for item in group.items}]


def response_items(intake: Any, marks: list, answers: list = ()) -> list[dict]:
    """The QuestionnaireResponse items of a submitted intake (``marks``: its SymptomMarks,
    ``answers``: its ClinicAnswers with their version)."""
    out = []
    for group in GROUPS:
        for row in _rows(group, intake, marks):
            items = _items(group, row)
            if items:
                out.append({"linkId": group.link_id, "text": group.text, "item": items})
    return out + clinic_questions.response_group(list(answers))
