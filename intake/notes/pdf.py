"""The SOAP session note as PDF: one note, or a client's notes over a date range.

Pure: :class:`~intake.notes.selectors.NoteDocument` snapshots in, bytes out; nothing here
reads the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from intake import body_map
from intake.notes.selectors import ClientSafety, NoteDocument, marked_regions
from intake.pdf import (
    Letterhead,
    P,
    build_pdf,
    fmt_date,
    fmt_datetime,
    frame_width,
    in_clinic_language,
    kv_table,
    page_size,
    signature_line,
    subject_line,
)

MAP_HEIGHT = 185.0
NOT_A_DIAGNOSIS = (
    "The therapist's assessment of findings and of the response to treatment; "
    "not a medical diagnosis."
)


CHANGE_NOTE = (
    "Change from the baseline (the intake, or the visit that started new activities); "
    "2 points or more is the smallest change that matters to patients."
)


def pain(value: int | None) -> str:
    return "not recorded" if value is None else f"{value}/10"


def or_dash(text: str) -> str:
    return text or "—"


def flags_section(safety: ClientSafety, width: float) -> list[Flowable]:
    """The flags that applied on the visit date (the latest intake submitted on or before it)."""
    out: list[Flowable] = [P("Safety flags on the visit date", "h2")]
    if safety.intake_date is None:
        text = "No intake submitted on or before the visit date: no screening answers on file."
        return [*out, P(text, "small")]
    source = f"Flags from the intake of {fmt_date(safety.intake_date)}."
    consent = [
        ("Sensitive-area consent", "Yes" if safety.consents_to_glute_work else "No"),
        ("Areas to avoid", safety.avoid_areas or "None given"),
    ]
    if not safety.flags:
        return [*out, P(f"None. {source}"), kv_table(consent, width=width)]
    return [
        *out,
        kv_table([(flag.label, flag.reason) for flag in safety.flags] + consent, width=width),
        P(
            f"{source} Flags point to answers that call for care; they are not a diagnosis.",
            "small",
        ),
    ]


def clinic_section(doc: NoteDocument, width: float) -> list[Flowable]:
    """The answers to the clinic's own questions, in the words answered (issue 15)."""
    if not doc.clinic_answers:
        return []
    rows = [
        (a.question, a.value + (f" — {a.level_label} (the clinic's own flag)" if a.flagged else ""))
        for a in doc.clinic_answers
    ]
    return [P("The clinic's own questions", "h2"), kv_table(rows, width=width)]


def gate_section(doc: NoteDocument, width: float) -> list[Flowable]:
    """What was recorded to sign the note: treatment given or not (with the advice), the
    physician's clearance (a referral or the therapist's reason), the reason to treat a sensitive
    or avoided area."""
    rows = [("Treatment", "Given" if doc.treatment_given else "No treatment given, client advised")]
    if not doc.treatment_given or doc.advice_given:
        rows.append(("Advice given", or_dash(doc.advice_given)))
    if doc.clearance_referral:
        rows.append(("Physician clearance", doc.clearance_referral))
    if doc.clearance_reason:
        rows.append(("Clearance: therapist's reason", doc.clearance_reason))
    if doc.consent_reason:
        rows.append(("Reason to treat a sensitive or avoided area", doc.consent_reason))
    out: list[Flowable] = [P("Treatment, clearance and consent", "h2")]
    if not doc.treatment_given:
        out.append(P("No treatment given: the client was advised.", "warn"))
    return [*out, kv_table(rows, width=width)]


def visit_rows(doc: NoteDocument) -> list[tuple[str, str]]:
    dob = fmt_date(doc.client_date_of_birth) or "not recorded"
    rows = [
        ("Client", f"{doc.client_name} (date of birth {dob})"),
        ("Visit", f"{fmt_date(doc.visit_date)}, {doc.duration_minutes} minutes"),
        ("Therapist", doc.therapist),
    ]
    referral = doc.referral
    if referral is not None:
        text = f"{referral.physician}, dated {fmt_date(referral.referral_date)}"
        if referral.visits_authorized:
            text += f", {referral.visits_authorized} visits authorized"
        rows.append(("Referral", text))
        if referral.override_reason is not None:
            rows.append(("Referral check overridden by an admin", referral.override_reason))
    return rows


def plan_rows(doc: NoteDocument) -> list[tuple[str, str]]:
    rows = [
        ("Next visit", or_dash(doc.plan_next_visit)),
        ("Frequency", or_dash(doc.plan_frequency)),
        ("Home care given", or_dash(doc.plan_home_care)),
        ("Pain after treatment", pain(doc.pain_after)),
        ("Adverse response", doc.adverse_response or "none recorded"),
    ]
    if doc.psfs:
        scores = "; ".join(
            f"{activity}: {'—' if score is None else score}/10" for activity, score in doc.psfs
        )
        mean = "" if doc.psfs_mean is None else f"; mean {doc.psfs_mean}/10"
        rows.append(("Function (PSFS)", scores + mean))
    return rows


def change_rows(doc: NoteDocument) -> list[tuple[str, str]]:
    """Each measure scored at this visit against the episode's baseline, with its verdict."""
    rows = []
    for c in doc.changes:
        label = f"Change: {c.measure.label.lower()}"
        if c.activities:
            label += " — " + "; ".join(c.activities)
        rows.append(
            (
                label,
                f"{c.baseline.value:g} at baseline ({fmt_date(c.baseline.day)}) → "
                f"{c.value:g} now: {c.change:+} — {c.verdict.label}",
            )
        )
    return rows


def note_story(doc: NoteDocument, width: float) -> list[Flowable]:
    """The flowables of one note: header rows, flags, S, O (with the body map), A, P,
    signature and addenda."""
    story: list[Flowable] = [P(f"Session note — visit of {fmt_date(doc.visit_date)}", "title")]
    if not doc.is_signed:
        story.append(P("DRAFT — not signed. Not valid as a record of treatment.", "warn"))
    story += [kv_table(visit_rows(doc), width=width), *flags_section(doc.safety, width)]
    story += clinic_section(doc, width) + gate_section(doc, width)
    treated = ", ".join(body_map.labels_for(doc.regions_treated))
    marked = marked_regions(doc.regions_treated, doc.safety.symptom_regions)
    story += [
        P("S — Subjective", "h2"),
        kv_table(
            [
                ("Client's report", or_dash(doc.subjective)),
                ("Current pain", pain(doc.pain_before)),
                ("Pain at worst", pain(doc.pain_worst)),
                ("Changes since the last visit", or_dash(doc.changes_since_last)),
            ],
            width=width,
        ),
        P("O — Objective", "h2"),
        kv_table(
            [
                ("Posture", or_dash(doc.posture)),
                ("Range of motion", or_dash(doc.range_of_motion)),
                ("Palpation / tissue findings", or_dash(doc.palpation)),
                ("Regions treated", or_dash(treated)),
                ("Techniques used", or_dash(doc.techniques)),
            ],
            width=width,
        ),
        CondPageBreak(MAP_HEIGHT + 12),
        body_map.flowable(marked, width=width, height=MAP_HEIGHT),
        Spacer(1, 2),
        P("A — Assessment", "h2"),
        P(or_dash(doc.assessment)),
        P(NOT_A_DIAGNOSIS, "small"),
        P("P — Plan", "h2"),
        kv_table([*plan_rows(doc), *change_rows(doc)], width=width),
    ]
    if doc.changes:
        story.append(P(CHANGE_NOTE, "small"))
    if doc.is_signed:
        caption = f"Signed electronically by {doc.therapist} on {fmt_datetime(doc.signed_at)}"
    else:
        caption = f"Not signed. Author: {doc.therapist}"
    story += signature_line(caption)
    if doc.addenda:
        story.append(P("Addenda", "h2"))
        for addendum in doc.addenda:
            story.append(P(f"{addendum.author}, {fmt_datetime(addendum.created_at)}", "h3"))
            story.append(P(addendum.text))
    return story


def render_session_note(
    doc: NoteDocument,
    *,
    letterhead: Letterhead | None = None,
    size: tuple[float, float] | None = None,
) -> bytes:
    """One session note as PDF bytes."""
    return render_session_notes([doc], letterhead=letterhead, size=size)


@in_clinic_language
def render_session_notes(
    docs: Sequence[NoteDocument],
    *,
    letterhead: Letterhead | None = None,
    size: tuple[float, float] | None = None,
) -> bytes:
    """Several notes of ONE client as one PDF, each note starting on a new page."""
    if not docs:
        raise ValueError("No notes to render.")
    first = docs[0]
    who = {(doc.client_name, doc.client_date_of_birth) for doc in docs}
    if len(who) > 1:
        raise ValueError("All notes in one document must belong to the same client.")
    size = size or page_size()
    width = frame_width(size)
    story: list[Flowable] = []
    for i, doc in enumerate(docs):
        if i:
            story.append(PageBreak())
        story += note_story(doc, width)
    return build_pdf(
        story,
        title="Session note" if len(docs) == 1 else "Session notes",
        letterhead=letterhead or Letterhead.from_settings(),
        subject_line=subject_line(first.client_name, first.client_date_of_birth),
        page_size=size,
    )
