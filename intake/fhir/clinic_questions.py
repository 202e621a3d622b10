"""The clinic's own intake questions (issue 15) in the published Questionnaire, and an intake's
answers to them in its QuestionnaireResponse. A question's versions never change once written,
so each version is an item of its own (``clinic.q<question>-v<version>``, with the wording it was
asked in) and an answer goes under the version it answered. Retired questions stay, marked, since
older intakes answered them."""

from __future__ import annotations

import hashlib
from typing import Any

from intake.questions.models import ClinicQuestionVersion

GROUP = "clinic"
TYPES = {"yes_no": "boolean", "text": "string", "one": "choice", "several": "choice",
         "scale": "integer"}  # fmt: skip


def link_id(version: Any) -> str:
    return f"{GROUP}.q{version.question_id}-v{version.number}"


def all_versions() -> list[Any]:
    """Every version of every clinic question, in the order the intake asks them."""
    rows = ClinicQuestionVersion.objects.select_related("question")
    return sorted(rows, key=lambda v: (v.question.step, v.question.order, v.question_id, v.number))


def fingerprint(versions: list[Any]) -> str:
    """What identifies the clinic's question set: its versions (immutable) and which are retired."""
    keys = ",".join(f"{link_id(v)}{'r' if v.question.retired_at else ''}" for v in versions)
    return hashlib.sha256(keys.encode()).hexdigest()[:10] if versions else ""


def _item(version: Any, latest: dict[int, int]) -> dict:
    current = version.number == latest[version.question_id]
    text = version.text if current and not version.question.retired_at else (
        f"{version.text} (no longer asked in these words)"
    )  # fmt: skip
    out: dict[str, Any] = {"linkId": link_id(version), "text": text,
                           "type": TYPES.get(version.kind, "string")}  # fmt: skip
    if version.kind == "several":
        out["repeats"] = True
    if version.kind in ("one", "several"):
        out["answerOption"] = [{"valueString": choice} for choice in version.choices or ()]
    return out


def group(versions: list[Any]) -> list[dict]:
    """The Questionnaire's group of clinic questions (none when the clinic has written none)."""
    if not versions:
        return []
    latest: dict[int, int] = {}
    for version in versions:
        latest[version.question_id] = max(version.number, latest.get(version.question_id, 0))
    items = [_item(version, latest) for version in versions]
    return [{"linkId": GROUP, "text": "The clinic's own questions", "type": "group",
             "item": items}]  # fmt: skip


def _answers(version: Any, value: Any) -> list[dict]:
    if value is None or value == "" or value == []:
        return []
    if version.kind == "yes_no":
        return [{"valueBoolean": bool(value)}]
    if version.kind == "scale":
        return [{"valueInteger": int(value)}]
    values = value if isinstance(value, list) else [value]
    return [{"valueString": str(v)} for v in values if str(v).strip()]


def response_group(answers: list[Any]) -> list[dict]:
    """An intake's answers (ClinicAnswers with their version), as one QuestionnaireResponse group."""
    items = [
        {"linkId": link_id(a.version), "answer": found}
        for a in answers
        if (found := _answers(a.version, a.value))
    ]
    return [{"linkId": GROUP, "text": "The clinic's own questions", "item": items}] if items else []
