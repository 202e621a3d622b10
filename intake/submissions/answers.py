"""What the safety rules read from an intake: whether an answer says yes (a ticked box, yes, or
typed text that says something), which answers changed from yes to no, and the client's age at
the intake date. :mod:`intake.submissions.screening` re-exports them for the rest of the code."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone

from intake.submissions.questions import QUESTION_BY_FIELD, Question

#: Free text that says nothing (case-folded, with only letters, digits and single spaces kept).
NOTHING_WORDS = frozenset(
    {"", "none", "no", "na", "nil", "nothing", "nope", "null", "not applicable", "none known",
     "nka", "nkda", "no known allergies", "no allergies", "no medications", "no medication"}
)  # fmt: skip


def says_nothing(text: str | None) -> bool:
    """True for blank text and for answers like "none", "N/A", "-" or "nil" (case, spaces and
    punctuation ignored)."""
    words = re.sub(r"[^\w\s]|_", "", (text or "").casefold())
    return " ".join(words.split()) in NOTHING_WORDS


def says_yes(answer: Any) -> bool:
    """A ticked box or yes (exactly True), or text that says something."""
    if isinstance(answer, str):
        return not says_nothing(answer)
    return answer is True


def answered_yes(intake: Any, question: Question) -> bool:
    """The intake's answer to ``question`` says yes (``says_yes``)."""
    return says_yes(getattr(intake, question.field, None))


def changed_to_no(
    stored: Mapping[str, Any], intake: Any, fields: Iterable[str]
) -> list[dict[str, Any]]:
    """The screened answers among ``fields`` that said yes in ``stored`` (the answers saved
    before, by column) and no longer do on ``intake``, as records for
    ``IntakeSubmission.answer_changes``: {"field", "was" (True or the text typed), "at"}."""
    at = timezone.now().isoformat()
    return [
        {"field": field, "was": stored[field], "at": at}
        for field in fields
        if field in QUESTION_BY_FIELD
        and says_yes(stored.get(field))
        and not says_yes(getattr(intake, field, None))
    ]


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day`` (a birthday on ``day`` counts)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def intake_date(intake: Any) -> dt.date:
    """The day the intake was submitted, or today for a draft."""
    submitted = getattr(intake, "submitted_at", None)
    return timezone.localdate(submitted) if submitted else timezone.localdate()


def age_at_intake(intake: Any) -> int | None:
    """The client's age at the intake date, from their date of birth (None when not given)."""
    born = getattr(getattr(intake, "client", None), "date_of_birth", None)
    return age_on(born, intake_date(intake)) if born else None
