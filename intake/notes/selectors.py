"""Reads of session notes: the frozen snapshot the note PDF prints (``NoteDocument``).

The renderer (:mod:`intake.notes.pdf`) never queries; everything it prints is read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from intake import outcomes
from intake.accounts.models import Client
from intake.clients.safety import SafetySummary, safety_summary, summaries_on
from intake.notes.models import SessionNote
from intake.notes.services import clears
from intake.outcomes import series as outcome_series
from intake.questions.selectors import AnswerLine, clinic_answers_by_intake

#: What a note shows about the client beyond the note: the flags, consent and symptom regions of
#: the latest intake submitted on or before the visit date (one selector: intake.clients.safety).
ClientSafety = SafetySummary


@dataclass(frozen=True)
class AddendumDocument:
    author: str
    created_at: dt.datetime
    text: str


@dataclass(frozen=True)
class ReferralLine:
    physician: str
    referral_date: dt.date
    visits_authorized: int | None
    override_reason: str | None  # None: the referral check was not overridden


@dataclass(frozen=True)
class NoteDocument:
    """One session note as printed: plain values, read once."""

    client_name: str
    client_date_of_birth: dt.date | None
    therapist: str
    visit_date: dt.date
    duration_minutes: int
    signed_at: dt.datetime | None
    referral: ReferralLine | None
    safety: ClientSafety
    subjective: str
    pain_before: int | None
    changes_since_last: str
    posture: str
    range_of_motion: str
    palpation: str
    regions_treated: tuple[str, ...]
    techniques: str
    assessment: str
    plan_next_visit: str
    plan_frequency: str
    plan_home_care: str
    pain_after: int | None
    psfs: tuple[tuple[str, int | None], ...]  # (activity, score)
    psfs_mean: float | None
    addenda: tuple[AddendumDocument, ...]
    # The safety gates (issue 13): what was recorded to sign the note.
    treatment_given: bool = True
    advice_given: str = ""
    clearance_referral: str = ""  # the verified or active referral that cleared treatment
    clearance_reason: str = ""
    consent_reason: str = ""
    # Outcomes (issue 14): worst pain since the last visit, any adverse response, and each
    # measure scored at this visit against its episode's baseline.
    pain_worst: int | None = None
    adverse_response: str = ""
    changes: tuple[outcome_series.Change, ...] = ()
    # The answers to the clinic's own questions on the intake the flags come from (issue 15).
    clinic_answers: tuple[AnswerLine, ...] = ()

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def marked_regions(treated: Iterable[str], symptoms: Collection[str]) -> dict[str, str]:
    """Body-map styles: the client's symptom regions, treated regions, and regions that are both."""
    marked = dict.fromkeys(symptoms, "symptom")
    for code in treated:
        marked[code] = "both" if code in symptoms else "treated"
    return marked


def client_safety(client: Client, *, on: dt.date | None = None) -> ClientSafety:
    """The safety summary that applied on ``on`` (default: the latest; two queries)."""
    return safety_summary(client=client, on=on)


def notes_for_print() -> QuerySet[SessionNote]:
    """Notes with everything the document prints selected or prefetched."""
    return SessionNote.objects.select_related(
        "client", "therapist", "referral__physician"
    ).prefetch_related("addenda__author")


def person(user) -> str:  # noqa: ANN001 (User)
    return user.get_full_name() or user.email


def referral_line(note: SessionNote) -> ReferralLine | None:
    referral = note.referral
    if referral is None:
        return None
    overridden = note.referral_override_by_id is not None
    return ReferralLine(
        physician=referral.physician.name,
        referral_date=referral.referral_date,
        visits_authorized=referral.visits_authorized,
        override_reason=note.referral_override_reason if overridden else None,
    )


def clearance_line(note: SessionNote) -> str:
    """The note's referral as a physician's clearance (verified or active); ``""`` if it is none."""
    referral = note.referral
    if not clears(referral):
        return ""
    return (
        f"Referral from {referral.physician.name}, dated {referral.referral_date:%d %b %Y} "
        f"({referral.get_status_display().lower()})"
    )


def note_changes(note: SessionNote) -> tuple[outcome_series.Change, ...]:
    """The note's scores against its episode's baseline (a draft's too, on its own page; two
    queries)."""
    draft = None if note.is_signed else note.pk
    found = outcome_series.client_episodes(note.client, include_draft=draft)
    return outcome_series.changes_at(found, note.pk)


def note_document(
    note: SessionNote,
    *,
    safety: ClientSafety | None = None,
    changes: tuple[outcome_series.Change, ...] | None = None,
    answers: tuple[AnswerLine, ...] | None = None,
) -> NoteDocument:
    """The snapshot of one note. Give ``note`` as :func:`notes_for_print` loads it; the flags that
    applied on the visit date and the outcome changes are read unless given (a date range reads
    them once for all the notes)."""
    client = note.client
    safety = client_safety(client, on=note.visit_date) if safety is None else safety
    if answers is None:
        answers = clinic_answers_by_intake([safety.intake_id]).get(safety.intake_id, ())
    return NoteDocument(
        client_name=client.full_name,
        client_date_of_birth=client.date_of_birth,
        therapist=person(note.therapist),
        visit_date=note.visit_date,
        duration_minutes=note.duration_minutes,
        signed_at=note.signed_at,
        referral=referral_line(note),
        safety=safety,
        subjective=note.subjective,
        pain_before=note.pain_before,
        changes_since_last=note.changes_since_last,
        posture=note.posture,
        range_of_motion=note.range_of_motion,
        palpation=note.palpation,
        regions_treated=tuple(note.regions_treated or ()),
        techniques=note.techniques,
        assessment=note.assessment,
        plan_next_visit=note.plan_next_visit,
        plan_frequency=note.plan_frequency,
        plan_home_care=note.plan_home_care,
        pain_after=note.pain_after,
        psfs=outcomes.psfs_pairs(note.psfs),
        psfs_mean=outcomes.psfs_mean(note.psfs),
        addenda=tuple(
            AddendumDocument(person(a.author), a.created_at, a.text) for a in note.addenda.all()
        ),
        treatment_given=note.treatment_given,
        advice_given=note.advice_given,
        clearance_referral=clearance_line(note),
        clearance_reason=note.clearance_reason,
        consent_reason=note.consent_reason,
        pain_worst=note.pain_worst,
        adverse_response=note.adverse_response,
        changes=note_changes(note) if changes is None else changes,
        clinic_answers=answers,
    )


def signed_notes_in_range(*, client: Client, start: dt.date, end: dt.date) -> list[SessionNote]:
    """The client's signed notes with a visit date in [start, end], oldest first."""
    return list(
        notes_for_print()
        .filter(client=client, signed_at__isnull=False, visit_date__range=(start, end))
        .order_by("visit_date", "id")
    )


def range_documents(notes: Sequence[SessionNote]) -> list[NoteDocument]:
    """Snapshots of several notes of ONE client, each with the flags of its visit date (read in
    two queries for all the notes)."""
    if not notes:
        return []
    client = notes[0].client
    if any(note.client_id != client.pk for note in notes):
        raise ValueError("All notes in one document must belong to the same client.")
    safety = summaries_on(client=client, days=(note.visit_date for note in notes))
    found = outcome_series.client_episodes(client)
    answers = clinic_answers_by_intake(s.intake_id for s in safety.values())
    return [
        note_document(
            note,
            safety=safety[note.visit_date],
            changes=outcome_series.changes_at(found, note.pk),
            answers=answers.get(safety[note.visit_date].intake_id, ()),
        )
        for note in notes
    ]


def first_intake_day(client: Client) -> dt.date | None:
    """The day the client's first intake was submitted: no note can come before it (one query)."""
    first = client.intakes.submitted().last()
    return outcome_series.intake_day(first) if first is not None else None


def series_activities(client: Client, *, on: dt.date | None = None) -> tuple[str, ...]:
    """The PSFS activities a visit on ``on`` (default: today) scores: its episode's current set."""
    found = outcome_series.client_episodes(client)
    episode = outcome_series.episode_of(found, on or timezone.localdate())
    return episode.activities if episode is not None else ()
