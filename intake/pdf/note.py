"""The SOAP session note as PDF: one note, or a client's notes over a date range.

Pure: notes in, bytes out. Nothing is written. The client's current safety flags and symptom
regions come from their latest submitted intake; pass ``context`` to skip reading it (the
range document reads it once for all notes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Subquery
from reportlab.graphics import renderPDF
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from intake import body_map
from intake.pdf.base import (
    Letterhead,
    TextBlock,
    build_pdf,
    fmt_date,
    fmt_datetime,
    frame_width,
    page_size,
    signature_line,
    subject_line,
    text_line,
)
from intake.submissions import screening

MAP_HEIGHT = 185.0
NOT_A_DIAGNOSIS = (
    "The therapist's assessment of findings and of the response to treatment; "
    "not a medical diagnosis."
)


@dataclass(frozen=True)
class ClientPdfContext:
    """What the note PDF shows about the client beyond the note: flags and symptom regions."""

    flags: tuple[screening.Flag, ...] = ()
    intake_date: dt.date | None = None
    symptom_regions: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_client(cls, client) -> ClientPdfContext:  # noqa: ANN001
        """Read from the client's latest submitted intake: one query when it has marks."""
        from intake.submissions.models import IntakeSubmission, SymptomMark

        latest = (
            IntakeSubmission.objects.filter(client=client, status=IntakeSubmission.Status.SUBMITTED)
            .order_by("-submitted_at", "-id")
            .values("pk")[:1]
        )
        marks = list(SymptomMark.objects.filter(intake=Subquery(latest)).select_related("intake"))
        intake = marks[0].intake if marks else IntakeSubmission.objects.filter(pk=latest).first()
        if intake is None:
            return cls()
        return cls(
            flags=tuple(screening.flags_for(intake, marks=marks)),
            intake_date=intake.submitted_at.date() if intake.submitted_at else None,
            symptom_regions=frozenset(mark.region for mark in marks),
        )


def _pain(value: int | None) -> str:
    return "not recorded" if value is None else f"{value}/10"


def marked_regions(treated: Iterable[str], symptoms: Collection[str]) -> dict[str, str]:
    """Body-map styles: the client's symptom regions, treated regions, and regions that are both."""
    marked = dict.fromkeys(symptoms, "symptom")
    for code in treated:
        marked[code] = "both" if code in symptoms else "treated"
    return marked


class SharedBodyMap(Flowable):
    """The body map drawn once per document as a PDF form, then placed by reference.

    A date range usually repeats the same marked regions on every note: each copy after the
    first costs a reference instead of a full redraw (and the file stays small).
    """

    def __init__(self, marked: dict[str, str], *, width: float, height: float) -> None:
        super().__init__()
        self.marked, self.width, self.height = marked, width, height
        key = ",".join(f"{code}:{style}" for code, style in sorted(marked.items()))
        digest = hashlib.sha256(f"{key}|{width:.2f}|{height:.2f}".encode()).hexdigest()
        self.form_name = f"BodyMap{digest[:16]}"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if not canv.hasForm(self.form_name):
            canv.beginForm(self.form_name, 0, 0, self.width, self.height)
            drawing = body_map.drawing(self.marked, width=self.width, height=self.height)
            renderPDF.draw(drawing, canv, 0, 0)
            canv.endForm()
        canv.doForm(self.form_name)


def _flags(ctx: ClientPdfContext) -> list[Flowable]:
    out: list[Flowable] = [text_line("Current safety flags", "h2")]
    if ctx.intake_date is None:
        return [
            *out,
            text_line("No submitted intake on file: no screening answers to flag.", "small"),
        ]
    source = f"From the intake submitted on {fmt_date(ctx.intake_date)}."
    if not ctx.flags:
        return [*out, text_line(f"None. {source}", "body")]
    out.append(TextBlock([(flag.label, flag.reason) for flag in ctx.flags]))
    out.append(
        text_line(
            f"{source} Flags point to answers that call for care; they are not a diagnosis.",
            "small",
        )
    )
    return out


def _note_story(note, ctx: ClientPdfContext, width: float) -> list[Flowable]:  # noqa: ANN001
    client, therapist = note.client, note.therapist
    dob = fmt_date(client.date_of_birth) or "not recorded"
    story: list[Flowable] = [
        text_line(f"Session note — visit of {fmt_date(note.visit_date)}", "title")
    ]
    if not note.is_signed:
        story.append(text_line("DRAFT — not signed. Not valid as a record of treatment.", "warn"))
    info = [
        ("Client", f"{client.full_name} (date of birth {dob})"),
        ("Visit", f"{fmt_date(note.visit_date)}, {note.duration_minutes} minutes"),
        ("Therapist", therapist.get_full_name() or therapist.email),
    ]
    referral = note.referral
    if referral is not None:
        text = f"{referral.physician.name}, dated {fmt_date(referral.referral_date)}"
        if referral.visits_authorized:
            text += f", {referral.visits_authorized} visits authorized"
        info.append(("Referral", text))
        if note.referral_override_by_id:
            info.append(("Referral check overridden by an admin", note.referral_override_reason))
    story.append(TextBlock(info))
    story += _flags(ctx)

    story += [
        text_line("S — Subjective", "h2"),
        TextBlock(
            [
                ("Client's report", note.subjective or "—"),
                ("Current pain", _pain(note.pain_before)),
                ("Changes since the last visit", note.changes_since_last or "—"),
            ]
        ),
        text_line("O — Objective", "h2"),
        TextBlock(
            [
                ("Posture", note.posture or "—"),
                ("Range of motion", note.range_of_motion or "—"),
                ("Palpation / tissue findings", note.palpation or "—"),
                ("Regions treated", ", ".join(body_map.labels_for(note.regions_treated)) or "—"),
                ("Techniques used", note.techniques or "—"),
            ]
        ),
    ]
    marked = marked_regions(note.regions_treated or [], ctx.symptom_regions)
    story += [
        CondPageBreak(MAP_HEIGHT + 12),
        SharedBodyMap(marked, width=width, height=MAP_HEIGHT),
        Spacer(1, 2),
        text_line("A — Assessment", "h2"),
        TextBlock([(None, note.assessment or "—")]),
        text_line(NOT_A_DIAGNOSIS, "small"),
        text_line("P — Plan", "h2"),
    ]
    plan = [
        ("Next visit", note.plan_next_visit or "—"),
        ("Frequency", note.plan_frequency or "—"),
        ("Home care given", note.plan_home_care or "—"),
        ("Pain after treatment", _pain(note.pain_after)),
    ]
    if note.psfs:
        scores = "; ".join(
            f"{item.get('activity', '')}: {'—' if item.get('score') is None else item['score']}/10"
            for item in note.psfs
        )
        mean = note.psfs_mean
        plan.append(("Function (PSFS)", scores + ("" if mean is None else f"; mean {mean}/10")))
    story.append(TextBlock(plan))

    signer = therapist.get_full_name() or therapist.email
    if note.is_signed:
        caption = f"Signed electronically by {signer} on {fmt_datetime(note.signed_at)}"
    else:
        caption = f"Not signed. Author: {signer}"
    story += signature_line(caption)

    addenda = list(note.addenda.all())
    if addenda:
        story.append(text_line("Addenda", "h2"))
        for addendum in addenda:
            author = addendum.author.get_full_name() or addendum.author.email
            story.append(text_line(f"{author}, {fmt_datetime(addendum.created_at)}", "h3"))
            story.append(TextBlock([(None, addendum.text)]))
    return story


def render_session_note(
    note,  # noqa: ANN001 (SessionNote)
    *,
    context: ClientPdfContext | None = None,
    letterhead: Letterhead | None = None,
    size: tuple[float, float] | None = None,
) -> bytes:
    """One session note as PDF bytes."""
    return render_session_notes([note], context=context, letterhead=letterhead, size=size)


def render_session_notes(
    notes: Sequence,
    *,
    context: ClientPdfContext | None = None,
    letterhead: Letterhead | None = None,
    size: tuple[float, float] | None = None,
    title: str = "",
) -> bytes:
    """Several notes of ONE client as one PDF, each note starting on a new page.

    For speed, give notes with ``client``, ``therapist``, ``referral__physician`` selected and
    ``addenda__author`` prefetched.
    """
    if not notes:
        raise ValueError("No notes to render.")
    client = notes[0].client
    if any(note.client_id != client.pk for note in notes):
        raise ValueError("All notes in one document must belong to the same client.")
    ctx = context if context is not None else ClientPdfContext.for_client(client)
    size = size or page_size()
    width = frame_width(size)
    story: list[Flowable] = []
    for i, note in enumerate(notes):
        if i:
            story.append(PageBreak())
        story += _note_story(note, ctx, width)
    if not title:
        title = "Session note" if len(notes) == 1 else "Session notes"
    return build_pdf(
        story,
        title=title,
        letterhead=letterhead or Letterhead.from_settings(),
        subject_line=subject_line(client.full_name, client.date_of_birth),
        page_size=size,
    )
