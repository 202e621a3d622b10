"""Letters to physicians: an outgoing referral letter and a progress report for an incoming
referral.

Pure: a snapshot from :mod:`intake.referrals.selectors` in, bytes out; nothing here reads the
database. The letter text is what the admin typed: it reaches a Paragraph only escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from intake import body_map
from intake.outcomes import chart as outcome_chart
from intake.outcomes.series import Episode, Series
from intake.pdf import (
    FONT,
    INK,
    RULE,
    STYLES,
    Letterhead,
    P,
    build_pdf,
    clean_text,
    fmt_date,
    frame_width,
    in_clinic_language,
    kv_table,
    page_size,
    subject_line,
)
from intake.referrals.selectors import (
    CurrentFlags,
    LetterDocument,
    LetterHeader,
    ProgressReportDocument,
    Visit,
)

MAP_HEIGHT = 185.0
NOT_A_DIAGNOSIS = (
    "Massage therapists do not diagnose. Flags point to answers that call for a physician's "
    "assessment; they are not a diagnosis."
)
SCALES = (
    "Pain on the 0–10 numeric rating scale (0 no pain); function on the Patient-Specific "
    "Functional Scale, the mean of the client's own activities (0 unable, 10 as before the "
    "problem). This report describes treatment and the client's response; it is not a diagnosis."
)
MCID_NOTE = (
    "Change from the baseline to the latest score. A change of 2 points or more is the smallest "
    "that matters to patients: a meaningful improvement, or worse; less is no meaningful change."
)

Size = tuple[float, float]


def opening(
    header: LetterHeader, title: str, rows: list[tuple[str, str]], width: float
) -> list[Flowable]:
    """Date, addressee, title and the client's details."""
    client_rows = [
        ("Client", header.client_name),
        ("Date of birth", fmt_date(header.client_date_of_birth) or "not recorded"),
    ]
    return [
        P(fmt_date(header.today)),
        P("\n".join(header.physician_lines)),
        Spacer(1, 8),
        P(title, "title"),
        kv_table([*client_rows, *rows], width=width),
    ]


def render(
    story: list[Flowable],
    header: LetterHeader,
    title: str,
    letterhead: Letterhead | None,
    size: Size,
) -> bytes:
    return build_pdf(
        story,
        title=title,
        letterhead=letterhead or Letterhead.from_settings(),
        subject_line=subject_line(header.client_name, header.client_date_of_birth),
        page_size=size,
    )


def signature(signer: str, letterhead: Letterhead, closing: str = "") -> KeepTogether:
    """The closing, a line to sign on, and under it who signs with their credentials ("Sam
    Rivera, RMT") and the clinic; kept together on one page."""
    story: list[Flowable] = [P(closing)] if closing else []
    story += [
        Spacer(1, 24),
        HRFlowable(width=70 * mm, thickness=0.7, color=INK, hAlign="LEFT", spaceAfter=2),
        P(signer, "label") if signer else P("Signature, for the clinic", "small"),
        P(letterhead.name, "small"),
    ]
    return KeepTogether(story)


@in_clinic_language
def render_referral_letter(
    doc: LetterDocument, *, letterhead: Letterhead | None = None, size: Size | None = None
) -> bytes:
    """An outgoing referral letter: the (edited) letter text, the intake's safety flags, the
    closing and the signature (name and credentials), then, as an enclosure, a body map of the
    symptoms the client marked."""
    size = size or page_size()
    width = frame_width(size)
    letterhead = letterhead or Letterhead.from_settings()
    story = opening(doc.header, "Referral request", [("Reason", doc.header.reason or "—")], width)
    story += [Spacer(1, 6), P(doc.text or "—")]
    if doc.has_intake:
        story.append(P("Safety screening answers", "h2"))
        if doc.flags:
            story.append(kv_table([(flag.label, flag.reason) for flag in doc.flags], width=width))
        else:
            story.append(P("No answer raised a safety flag."))
        story.append(P(NOT_A_DIAGNOSIS, "small"))
    story += [Spacer(1, 6), signature(doc.header.signer, letterhead, doc.closing)]
    if doc.symptom_regions:
        story += [
            CondPageBreak(MAP_HEIGHT + 30),
            P("Enclosed: where the client reports symptoms", "h2"),
            body_map.flowable(
                dict.fromkeys(doc.symptom_regions, "symptom"), width=width, height=MAP_HEIGHT
            ),
        ]
    return render(story, doc.header, "Referral letter", letterhead, size)


# --------------------------------------------------------------------------- progress report


def number(value: float | Decimal | None, *, signed: bool = False) -> str:
    """A score as the chart page shows it: ``5``, ``5.3``; with ``signed``, ``+2`` or ``-1.5``."""
    if value is None:
        return "—"
    text = f"{float(value):g}"
    return f"+{text}" if signed and value > 0 else text


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    wrap: bool = True,
) -> Table:
    """A table with a header row, ruled for printing in black and white. A cell is text, or a
    list of flowables already built with ``P``. With ``wrap`` text cells are escaped Paragraphs;
    without, one line each, drawn as plain strings that nothing parses (for the numbers and
    dates of a long table: a Paragraph per cell costs far more)."""

    def cell(value: object) -> object:
        if isinstance(value, list):
            return value
        return P(value, "cell") if wrap else clean_text(value)

    data = [[P(text, "label") for text in header], *([cell(v) for v in row] for row in rows)]
    table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 1), (-1, -1), FONT, STYLES["cell"].fontSize),
                ("TEXTCOLOR", (0, 1), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def measure_cell(s: Series) -> list[Flowable]:
    """The measure's name, and for the PSFS the activities it is the mean of."""
    cell = [P(s.measure.label, "label")]
    if s.activities:
        lead = f"New activities from {fmt_date(s.baseline.day)}: " if s.is_new_activities else ""
        cell.append(P(lead + "; ".join(s.activities), "small"))
    return cell


def change_table(measures: Sequence[Series], width: float) -> list[Flowable]:
    """Each measure's baseline, latest, change and verdict: the chart page's change table."""
    if not measures:
        return [P("No scores recorded in this episode.")]
    rows = [
        [
            measure_cell(s),
            f"{number(s.baseline.value)} ({fmt_date(s.baseline.day)})",
            f"{number(s.latest.value)} ({fmt_date(s.latest.day)})" if s.latest else "—",
            number(s.change, signed=True),
            [P(s.verdict.label if s.verdict else "No follow-up yet", "label")],
        ]
        for s in measures
    ]
    columns = (0.32, 0.17, 0.17, 0.09, 0.25)
    header = ("Measure", "Baseline", "Latest", "Change", "Verdict")
    return [grid(header, rows, [width * c for c in columns])]


def numbers_table(episode: Episode, width: float) -> Table:
    """The chart's numbers, one row for the intake and one for each signed visit."""
    rows = [
        [
            fmt_date(row.day),
            "Signed visit" if row.note_id else "Intake (baseline)",
            number(row.pain_now),
            number(row.pain_worst),
            number(row.pain_after),
            number(row.psfs)
            + (f" (activities set {row.psfs_number})" if (row.psfs_number or 0) > 1 else ""),
        ]
        for row in episode.rows
    ]
    header = ("Date", "From", "Pain now", "Pain at worst", "Pain after", "Function (PSFS mean)")
    columns = (0.15, 0.19, 0.13, 0.15, 0.13, 0.25)
    return grid(header, rows, [width * c for c in columns], wrap=False)


def outcome_section(doc: ProgressReportDocument, width: float) -> list[Flowable]:
    """The change from baseline with its verdict, then the chart (the chart page's figure, from
    :mod:`intake.outcomes.chart`) and a table of the same numbers."""
    episode = doc.episode
    story: list[Flowable] = [P("Change since the baseline", "h2")]
    if episode is None:
        return [*story, P("No scores recorded yet.")]
    baseline = (
        f"Baseline: the client's intake of {fmt_date(episode.started_on)}."
        if episode.intake_id
        else f"Baseline: the first visit, of {fmt_date(episode.started_on)} (no intake before it)."
    )
    story += [P(baseline), *change_table(doc.measures, width), P(MCID_NOTE, "small")]
    if doc.measures:
        picture = outcome_chart.drawing(outcome_chart.figure(episode), width=width)
        story += [
            CondPageBreak(picture.height + 40),
            P("Pain and function over time", "h2"),
            picture,
            Spacer(1, 4),
            numbers_table(episode, width),
        ]
    return story


def flags_section(flags: CurrentFlags, referral_date: dt.date, width: float) -> list[Flowable]:
    """The flags of the client's latest intake, each marked new since the referral or not."""
    story: list[Flowable] = [P("Safety flags that apply now", "h2")]
    if flags.intake_date is None:
        return [*story, P("No intake on file.")]
    since = f"New since your referral of {fmt_date(referral_date)}"
    story.append(
        P(f"From the client's latest intake, of {fmt_date(flags.intake_date)}. {since}: "
          f"{len(flags.new)} flag{'s' if len(flags.new) != 1 else ''}.")
    )  # fmt: skip
    if flags.flags:
        rows = [
            [[P(f.label, "label")], f.reason, "New" if f.is_new else "Already raised"]
            for f in flags.flags
        ]
        header = ("Level", "Answer that raised it", "Since your referral")
        story.append(grid(header, rows, [width * c for c in (0.2, 0.58, 0.22)]))
    else:
        story.append(P("No answer on that intake raised a safety flag."))
    if flags.follow_up_on:
        story.append(P(f"Safety follow-up of {fmt_date(flags.follow_up_on)}: {flags.follow_up}."))
    return [*story, P(NOT_A_DIAGNOSIS, "small")]


def adverse_section(visits: Sequence[Visit], width: float) -> list[Flowable]:
    story: list[Flowable] = [P("Adverse responses or exacerbations", "h2")]
    if not visits:
        return [*story, P("None recorded in the notes of these visits.")]
    rows = [(fmt_date(v.visit_date), v.adverse_response) for v in visits]
    return [*story, kv_table(rows, width=width, label_width=80)]


@in_clinic_language
def render_progress_report(
    doc: ProgressReportDocument, *, letterhead: Letterhead | None = None, size: Size | None = None
) -> bytes:
    """A progress report to the referring physician: visits used and their dates, each
    measure's change from baseline with its verdict, the chart and its numbers, the flags that
    apply now, adverse responses, and the (edited) plan."""
    size = size or page_size()
    width = frame_width(size)
    used, authorized = len(doc.visits), doc.visits_authorized
    dates = ", ".join(fmt_date(v.visit_date) for v in doc.visits)
    rows = [
        ("Your referral of", fmt_date(doc.referral_date)),
        ("Reason as written", doc.header.reason or "—"),
        (
            "Visits used",
            f"{used} of {authorized} authorized" if authorized else f"{used} (no limit set)",
        ),
        ("Visit dates", dates or "No signed visits yet."),
        ("Referral expires", fmt_date(doc.expires_on) or "no expiry date"),
    ]
    story = opening(doc.header, "Progress report", rows, width)
    story += outcome_section(doc, width)
    story += flags_section(doc.flags, doc.referral_date, width)
    story += adverse_section(doc.adverse_responses, width)
    letterhead = letterhead or Letterhead.from_settings()
    story += [P("Plan and comments", "h2"), P(doc.text or "—"), P(SCALES, "small")]
    story += [Spacer(1, 6), signature(doc.header.signer, letterhead)]
    return render(story, doc.header, "Progress report", letterhead, size)
