"""Reads of referrals: the frozen snapshots the referral letter and the progress report print.

The renderers (:mod:`intake.referrals.pdf`) never query; everything they print is read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from intake import outcomes
from intake.referrals.models import Physician, Referral
from intake.submissions import screening


@dataclass(frozen=True)
class LetterHeader:
    """Date, addressee and client: what both letters open with."""

    today: dt.date
    physician_lines: tuple[str, ...]  # name, practice, address, contact line
    client_name: str
    client_date_of_birth: dt.date | None
    reason: str


@dataclass(frozen=True)
class LetterDocument:
    """An outgoing referral letter: the edited text, then the intake's flags and symptom map."""

    header: LetterHeader
    text: str
    has_intake: bool
    flags: tuple[screening.Flag, ...]
    symptom_regions: frozenset[str]


@dataclass(frozen=True)
class Visit:
    visit_date: dt.date
    pain_before: int | None
    pain_after: int | None
    psfs_mean: float | None


@dataclass(frozen=True)
class ProgressReportDocument:
    """A progress report for an incoming referral: the visits done and the edited plan."""

    header: LetterHeader
    referral_date: dt.date
    visits_authorized: int | None
    expires_on: dt.date | None
    visits: tuple[Visit, ...]  # signed notes, oldest first
    text: str


def physician_lines(physician: Physician) -> tuple[str, ...]:
    phone = f"Tel {physician.phone}" if physician.phone else ""
    fax = f"Fax {physician.fax}" if physician.fax else ""
    contact = " · ".join(part for part in (phone, fax, physician.email) if part)
    lines = (physician.name, physician.practice, physician.address, contact)
    return tuple(line for line in lines if line)


def letter_header(referral: Referral, today: dt.date | None) -> LetterHeader:
    client = referral.client
    return LetterHeader(
        today=today or dt.date.today(),
        physician_lines=physician_lines(referral.physician),
        client_name=client.full_name,
        client_date_of_birth=client.date_of_birth,
        reason=referral.reason,
    )


def letter_document(
    referral: Referral, *, letter_text: str | None = None, today: dt.date | None = None
) -> LetterDocument:
    """The snapshot of an outgoing referral letter (give ``referral`` with ``client``,
    ``physician`` and ``intake`` selected: one more query reads the intake's marks)."""
    intake = referral.intake
    marks = list(intake.marks.all()) if intake is not None else []
    return LetterDocument(
        header=letter_header(referral, today),
        text=referral.letter_text if letter_text is None else letter_text,
        has_intake=intake is not None,
        flags=tuple(screening.flags_for(intake, marks=marks)) if intake is not None else (),
        symptom_regions=frozenset(mark.region for mark in marks),
    )


def progress_report_document(
    referral: Referral, *, report_text: str | None = None, today: dt.date | None = None
) -> ProgressReportDocument:
    """The snapshot of a progress report: the referral and its signed visits (one query)."""
    notes = referral.session_notes.filter(signed_at__isnull=False).order_by("visit_date", "id")
    visits = tuple(
        Visit(visit_date, pain_before, pain_after, outcomes.psfs_mean(psfs))
        for visit_date, pain_before, pain_after, psfs in notes.values_list(
            "visit_date", "pain_before", "pain_after", "psfs"
        )
    )
    return ProgressReportDocument(
        header=letter_header(referral, today),
        referral_date=referral.referral_date,
        visits_authorized=referral.visits_authorized,
        expires_on=referral.expires_on,
        visits=visits,
        text=referral.report_text if report_text is None else report_text,
    )
