"""Reads of referrals: the frozen snapshots the referral letter and the progress report print.

The renderers (:mod:`intake.referrals.pdf`) never query; everything they print is read here.

The progress report answers "should this referral be renewed?":

- Visits: the signed notes counted against the referral (drafts are not visits yet), with
  their dates and any adverse response or exacerbation recorded in them.
- Outcomes: one episode of care (:mod:`intake.outcomes.series`), the one holding the latest
  signed note counted against the referral, i.e. the episode the referral's visits belong to.
  Without such a note, the client's current (latest) episode, whose baseline is the intake. If
  a new intake was submitted in the middle of the referral, its visits before it belong to the
  earlier episode: they are still listed by date, but the change is measured from the newer
  baseline, as the chart page does.
- Flags that apply now: those of the client's latest submitted intake. "New since the
  referral": a flag of that intake not raised by the latest intake submitted on or before the
  referral date (no intake by then: all are new). Flags are compared by :func:`flag_identity`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from intake import outcomes
from intake.clients import safety
from intake.notes.models import SessionNote
from intake.outcomes import series
from intake.referrals import letters
from intake.referrals.models import Physician, Referral
from intake.submissions import screening
from intake.submissions.models import FlagLevel


@dataclass(frozen=True)
class LetterHeader:
    """Date, addressee and client: what both letters open with."""

    today: dt.date
    physician_lines: tuple[str, ...]  # name, practice, address, contact line
    client_name: str
    client_date_of_birth: dt.date | None
    reason: str
    signer: str = ""  # "Sam Rivera, RMT": who signs, with their credentials ("" not chosen)


@dataclass(frozen=True)
class LetterDocument:
    """An outgoing referral letter: the edited text, the intake's flags, the closing and the
    signature, then the symptom map."""

    header: LetterHeader
    text: str  # without its closing line (``closing``)
    has_intake: bool
    flags: tuple[screening.Flag, ...]
    symptom_regions: frozenset[str]
    closing: str = letters.DEFAULT_CLOSING


@dataclass(frozen=True)
class Visit:
    """A signed note counted against the referral."""

    visit_date: dt.date
    pain_before: int | None
    pain_after: int | None
    psfs_mean: float | None
    adverse_response: str = ""  # blank: none recorded


@dataclass(frozen=True)
class ReportFlag:
    """A flag of the client's latest intake, and whether it is new since the referral."""

    level: FlagLevel
    reason: str
    is_new: bool  # not raised by the latest intake submitted on or before the referral date

    @property
    def label(self) -> str:
        return self.level.label


@dataclass(frozen=True)
class CurrentFlags:
    """The flags that apply now: those of the client's latest submitted intake."""

    intake_date: dt.date | None = None  # None: no submitted intake on file
    referral_intake_date: dt.date | None = None  # the intake compared with, if any
    flags: tuple[ReportFlag, ...] = ()
    follow_up_on: dt.date | None = None  # the latest safety follow-up of that intake
    follow_up: str = ""  # its outcome, in words

    @property
    def new(self) -> tuple[ReportFlag, ...]:
        return tuple(flag for flag in self.flags if flag.is_new)


@dataclass(frozen=True)
class ProgressReportDocument:
    """A progress report for an incoming referral: the visits done, the change from baseline
    of the episode they belong to, the flags that apply now, adverse responses, the plan."""

    header: LetterHeader
    referral_date: dt.date
    visits_authorized: int | None
    expires_on: dt.date | None
    visits: tuple[Visit, ...]  # signed notes counted against the referral, oldest first
    text: str
    episode: series.Episode | None = None  # None: no intake and no signed note on file
    flags: CurrentFlags = CurrentFlags()

    @property
    def adverse_responses(self) -> tuple[Visit, ...]:
        return tuple(visit for visit in self.visits if visit.adverse_response)

    @property
    def measures(self) -> tuple[series.Series, ...]:
        """The episode's measures that were scored at all (pain now, at worst, current PSFS)."""
        return self.episode.measures if self.episode is not None else ()


def physician_lines(physician: Physician) -> tuple[str, ...]:
    phone = f"Tel {physician.phone}" if physician.phone else ""
    fax = f"Fax {physician.fax}" if physician.fax else ""
    contact = " · ".join(part for part in (phone, fax, physician.email) if part)
    lines = (physician.name, physician.practice, physician.address, contact)
    return tuple(line for line in lines if line)


def signer(user) -> str:  # noqa: ANN001
    """A staff member as they sign letters: name and credentials ("" for nobody)."""
    if user is None:
        return ""
    return letters.signer_line(user.get_full_name() or user.email, user.credentials)


def letter_header(referral: Referral, today: dt.date | None) -> LetterHeader:
    """The opening of a letter or report (give ``referral`` with ``signed_by`` selected, or it
    is read here: one query)."""
    client = referral.client
    return LetterHeader(
        today=today or dt.date.today(),
        physician_lines=physician_lines(referral.physician),
        client_name=client.full_name,
        client_date_of_birth=client.date_of_birth,
        reason=referral.reason,
        signer=signer(referral.signed_by),
    )


def letter_document(
    referral: Referral, *, letter_text: str | None = None, today: dt.date | None = None
) -> LetterDocument:
    """The snapshot of an outgoing referral letter (give ``referral`` with ``client``,
    ``physician`` and ``intake`` selected: one more query reads the intake's marks)."""
    intake = referral.intake
    marks = list(intake.marks.all()) if intake is not None else []
    text, closing = letters.split_closing(
        referral.letter_text if letter_text is None else letter_text
    )
    return LetterDocument(
        header=letter_header(referral, today),
        text=text,
        closing=closing,
        has_intake=intake is not None,
        flags=tuple(screening.flags_for(intake, marks=marks)) if intake is not None else (),
        symptom_regions=frozenset(mark.region for mark in marks),
    )


#: What the report reads of each note: the outcome series' fields and the adverse response.
NOTE_FIELDS = ("id", "visit_date", "signed_at", "pain_before", "pain_worst", "pain_after", "psfs",
               "adverse_response")  # fmt: skip


def progress_report_document(
    referral: Referral, *, report_text: str | None = None, today: dt.date | None = None
) -> ProgressReportDocument:
    """The snapshot of a progress report (give ``referral`` with ``client`` and ``physician``
    selected). Five queries whatever the number of visits: the signed notes counted against the
    referral, the client's notes, and the client's submitted intakes with their marks and safety
    follow-ups."""
    counted = list(
        referral.session_notes.filter(signed_at__isnull=False)
        .order_by("visit_date", "id")
        .only(*NOTE_FIELDS, "referral")  # the manager sets each note's referral
    )
    client = referral.client
    intakes = list(
        client.intakes.submitted().prefetch_related(
            "marks", safety.FOLLOW_UPS, screening.CLINIC_ANSWERS
        )
    )
    notes = SessionNote.objects.filter(client=client).only(*NOTE_FIELDS)
    visits = tuple(
        Visit(n.visit_date, n.pain_before, n.pain_after, outcomes.psfs_mean(n.psfs),
              (n.adverse_response or "").strip())
        for n in counted
    )  # fmt: skip
    return ProgressReportDocument(
        header=letter_header(referral, today),
        referral_date=referral.referral_date,
        visits_authorized=referral.visits_authorized,
        expires_on=referral.expires_on,
        visits=visits,
        text=referral.report_text if report_text is None else report_text,
        episode=report_episode(series.episodes(intakes, notes), counted),
        flags=current_flags(intakes, referral_date=referral.referral_date),
    )


def report_episode(found: Sequence[series.Episode], counted: Sequence) -> series.Episode | None:
    """The episode the report covers: the one holding the latest signed note counted against
    the referral; without such a note, the client's current (latest) episode."""
    if counted:
        last = counted[-1].pk
        for episode in found:
            if any(row.note_id == last for row in episode.rows):
                return episode
    return found[-1] if found else None


def flag_identity(flag: screening.Flag) -> tuple[str, str]:
    """The same flag on two intakes: the question's field or the rule's code, and its reason
    (a rule that raises one flag per answer, e.g. an answer changed to no, names it there)."""
    return flag.code, flag.reason


def current_flags(intakes: Sequence, *, referral_date: dt.date) -> CurrentFlags:
    """The flags of the latest of ``intakes`` (submitted, newest first, marks and follow-ups
    prefetched), each marked new unless the latest intake submitted on or before
    ``referral_date`` raised it too (no intake by then: every flag is new)."""
    if not intakes:
        return CurrentFlags()
    now = safety.summary_of(intakes[0])
    then = next((i for i in intakes if series.intake_day(i) <= referral_date), None)
    before = safety.summary_of(then)
    raised = {flag_identity(flag) for flag in before.flags}
    follow_up = now.latest_follow_up
    return CurrentFlags(
        intake_date=now.intake_date,
        referral_intake_date=before.intake_date,
        flags=tuple(
            ReportFlag(flag.level, flag.reason, flag_identity(flag) not in raised)
            for flag in now.flags
        ),
        follow_up_on=timezone.localdate(follow_up.contacted_at) if follow_up else None,
        follow_up=follow_up.get_outcome_display() if follow_up else "",
    )
