"""Reads of intakes that several capabilities share."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from intake.accounts.models import Client
from intake.referrals.models import Physician, Referral, ReferralDocument
from intake.submissions.models import IntakeSubmission


def latest_submitted_intake(*, client: Client) -> IntakeSubmission | None:
    """The client's most recent submitted intake, with its symptom marks prefetched and its
    client attached (read through ``client.intakes``: no query for it)."""
    return client.intakes.submitted().prefetch_related("marks").first()


# ---------------------------------------------------------------- an intake's referrals (issue 19)


@dataclass(frozen=True)
class SignedReferral:
    """The physician referral the client gave with their intake, as they signed it: the physician
    it was filed under, the dates, reason and visits they typed (kept on the intake), and the
    letter(s) they sent with it. Staff work on the referral afterwards (its status, an edited
    reason, documents added later) does not show here."""

    physician: Physician
    referral_date: datetime.date | None
    reason: str
    visits_authorized: int | None
    expires_on: datetime.date | None
    documents: tuple[ReferralDocument, ...]


@dataclass(frozen=True)
class IntakeReferrals:
    """An intake's referrals in two kinds that must never be mixed up: the client's own
    (incoming, filed when they signed) and the clinic's letters to a physician (outgoing, written
    by staff from the intake; drafts included), which the client never sees."""

    from_client: tuple[Referral, ...]
    clinic_letters: tuple[Referral, ...]


def intake_referrals(intake: IntakeSubmission) -> IntakeReferrals:
    """The intake's referrals split by kind (one query for them, one for their documents)."""
    referrals = list(
        intake.referrals.select_related("physician")
        .prefetch_related("documents")
        .order_by("created_at", "id")
    )
    return IntakeReferrals(
        from_client=tuple(r for r in referrals if r.direction == Referral.Direction.INCOMING),
        clinic_letters=tuple(r for r in referrals if r.direction == Referral.Direction.OUTGOING),
    )


def signed_referrals(intake: IntakeSubmission, filed: Sequence[Referral]) -> list[SignedReferral]:
    """``filed`` (the intake's incoming referrals, as :func:`intake_referrals` reads them) as the
    client signed them: what they typed and the letters they sent are read from the intake
    (``referral_details``); a referral filed without them (older data) shows as filed, with the
    documents the client uploaded."""
    typed = intake.referral_details or {}
    out = []
    for index, referral in enumerate(filed):
        own = typed if index == 0 and typed.get("referred") else {}  # one referral per intake
        if own:
            letters = _letter_names(own)
            documents = [d for d in referral.documents.all() if d.file.name in letters]
            values = {
                "referral_date": _date(own.get("referral_date")),
                "reason": own.get("reason") or "",
                "visits_authorized": own.get("visits_authorized"),
                "expires_on": _date(own.get("expires_on")),
            }
        else:
            user_id = intake.client.user_id
            documents = [d for d in referral.documents.all() if d.uploaded_by_id == user_id]
            values = {
                "referral_date": referral.referral_date,
                "reason": referral.reason,
                "visits_authorized": referral.visits_authorized,
                "expires_on": referral.expires_on,
            }
        out.append(
            SignedReferral(physician=referral.physician, documents=tuple(documents), **values)
        )
    return out


def _letter_names(details: dict) -> set[str]:
    """The stored names of the letters kept on the intake (one ``letter``, or a list)."""
    found = [details.get("letter"), *(details.get("letters") or [])]
    return {letter["name"] for letter in found if isinstance(letter, dict) and letter.get("name")}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
