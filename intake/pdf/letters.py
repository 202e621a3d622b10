"""Letters to physicians: an outgoing referral letter and a progress report for an incoming referral.

Pure: referral in, bytes out. Nothing is written (reading the referral's intake and notes is
allowed; pass them in to skip the queries). The letter text is plain text the admin edited: it is
drawn with :class:`TextBlock`, which never parses markup, so hostile text prints literally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from intake import body_map
from intake.pdf.base import (
    FONT,
    INK,
    MUTED,
    RULE,
    Letterhead,
    P,
    TextBlock,
    build_pdf,
    fmt_date,
    frame_width,
    page_size,
    signature_line,
    subject_line,
)
from intake.submissions import screening

MAP_HEIGHT = 185.0
CHART_HEIGHT = 130.0
PAIN_COLOUR = colors.HexColor("#c0392b")
PSFS_COLOUR = colors.HexColor("#1f6feb")
NOT_A_DIAGNOSIS = (
    "Massage therapists do not diagnose. Flags point to answers that call for a physician's "
    "assessment; they are not a diagnosis."
)


def _physician_block(physician) -> list[tuple[str | None, str]]:  # noqa: ANN001
    lines = [physician.name]
    if physician.practice:
        lines.append(physician.practice)
    if physician.address:
        lines.append(physician.address)
    contact = " · ".join(
        part
        for part in (
            f"Tel {physician.phone}" if physician.phone else "",
            f"Fax {physician.fax}" if physician.fax else "",
            physician.email,
        )
        if part
    )
    if contact:
        lines.append(contact)
    return [(None, "\n".join(lines))]


def _intake_details(referral, intake, marks, flags):  # noqa: ANN001, ANN202
    intake = intake if intake is not None else referral.intake
    if intake is None:
        return None, [], []
    if marks is None:
        marks = list(intake.marks.all())
    if flags is None:
        flags = screening.flags_for(intake, marks=marks)
    return intake, list(marks), list(flags)


def render_referral_letter(
    referral,  # noqa: ANN001 (Referral)
    *,
    letter_text: str | None = None,
    intake=None,  # noqa: ANN001
    marks: Sequence | None = None,
    flags: Sequence[screening.Flag] | None = None,
    today: dt.date | None = None,
    letterhead: Letterhead | None = None,
    size: tuple[float, float] | None = None,
) -> bytes:
    """An outgoing referral letter to ``referral.physician``: the (edited) letter text, then
    the intake's safety flags and a body map of the symptoms the client marked."""
    size = size or page_size()
    width = frame_width(size)
    client = referral.client
    intake, marks, flags = _intake_details(referral, intake, marks, flags)
    text = referral.letter_text if letter_text is None else letter_text
    story: list[Flowable] = [
        P(fmt_date(today or dt.date.today()), "body"),
        TextBlock(_physician_block(referral.physician)),
        Spacer(1, 8),
        P("Referral request", "title"),
        TextBlock(
            [
                ("Client", client.full_name),
                ("Date of birth", fmt_date(client.date_of_birth) or "not recorded"),
                ("Reason", referral.reason or "—"),
            ]
        ),
        Spacer(1, 6),
        TextBlock([(None, text or "—")]),
    ]
    story += signature_line("Signature, for the clinic")
    if intake is not None:
        story.append(P("Safety screening answers", "h2"))
        if flags:
            story.append(TextBlock([(flag.label, flag.reason) for flag in flags]))
        else:
            story.append(P("No answer raised a safety flag.", "body"))
        story.append(P(NOT_A_DIAGNOSIS, "small"))
        if marks:
            marked = {mark.region: "symptom" for mark in marks}
            story += [
                CondPageBreak(MAP_HEIGHT + 30),
                P("Where the client reports symptoms", "h2"),
                body_map.drawing(marked, width=width, height=MAP_HEIGHT),
            ]
    return build_pdf(
        story,
        title="Referral letter",
        letterhead=letterhead or Letterhead.from_settings(),
        subject_line=subject_line(client.full_name, client.date_of_birth),
        page_size=size,
    )


# --------------------------------------------------------------------------- progress report


def _psfs_mean(note) -> float | None:  # noqa: ANN001
    mean = getattr(note, "psfs_mean", None)
    return float(mean) if mean is not None else None


def trend_chart(
    points: Sequence[tuple[dt.date, int | None, float | None]], *, width: float
) -> Drawing:
    """A small line chart, 0–10: pain (before treatment) and PSFS mean per visit, in order."""
    d = Drawing(width, CHART_HEIGHT)
    left, bottom, top, right = 26.0, 22.0, CHART_HEIGHT - 16, width - 8
    plot_w, plot_h = right - left, top - bottom
    d.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    for value in (0, 5, 10):
        y = bottom + plot_h * value / 10
        d.add(Line(left, y, right, y, strokeColor=RULE, strokeWidth=0.3))
        d.add(String(left - 4, y - 3, str(value), fontName=FONT, fontSize=7, fillColor=MUTED,
                     textAnchor="end"))  # fmt: skip
    n = len(points)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    step = max(1, n // 8)
    for i, (day, _, _) in enumerate(points):
        if i % step == 0 or i == n - 1:
            d.add(String(x_at(i), bottom - 10, f"{day.day} {day:%b}", fontName=FONT, fontSize=6.5,
                         fillColor=MUTED, textAnchor="middle"))  # fmt: skip
    for index, colour in ((1, PAIN_COLOUR), (2, PSFS_COLOUR)):
        coords = [
            (x_at(i), bottom + plot_h * float(p[index]) / 10)
            for i, p in enumerate(points)
            if p[index] is not None
        ]
        if len(coords) > 1:
            flat = [v for xy in coords for v in xy]
            d.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.4))
        for x, y in coords:
            d.add(Circle(x, y, 2, fillColor=colour, strokeColor=colour))
    legend_y = CHART_HEIGHT - 9
    for x, colour, label in (
        (left, PAIN_COLOUR, "Pain before treatment (0 none – 10 worst)"),
        (left + 190, PSFS_COLOUR, "Function, PSFS mean (0 unable – 10 as before)"),
    ):
        d.add(Line(x, legend_y + 2.5, x + 12, legend_y + 2.5, strokeColor=colour, strokeWidth=1.4))
        d.add(String(x + 16, legend_y, label, fontName=FONT, fontSize=7, fillColor=INK))
    return d


def render_progress_report(
    referral,  # noqa: ANN001 (Referral)
    *,
    report_text: str | None = None,
    notes: Sequence | None = None,
    today: dt.date | None = None,
    letterhead: Letterhead | None = None,
    size: tuple[float, float] | None = None,
) -> bytes:
    """A progress report to the referring physician: the referral, visits done (signed notes),
    the pain and function trend as a small chart, and the (edited) plan."""
    size = size or page_size()
    width = frame_width(size)
    client = referral.client
    if notes is None:
        notes = referral.session_notes.filter(signed_at__isnull=False).order_by("visit_date", "id")
    notes = sorted(notes, key=lambda note: (note.visit_date, note.pk or 0))
    used = len(notes)
    authorized = referral.visits_authorized
    visits = f"{used} of {authorized} authorized" if authorized else f"{used} (no limit set)"
    expiry = referral.expires_on
    today = today or dt.date.today()
    story: list[Flowable] = [
        P(fmt_date(today), "body"),
        TextBlock(_physician_block(referral.physician)),
        Spacer(1, 8),
        P("Progress report", "title"),
        TextBlock(
            [
                ("Client", client.full_name),
                ("Date of birth", fmt_date(client.date_of_birth) or "not recorded"),
                ("Your referral of", fmt_date(referral.referral_date)),
                ("Reason as written", referral.reason or "—"),
                ("Visits done", visits),
                ("Referral expires", fmt_date(expiry) if expiry else "no expiry date"),
            ]
        ),
        P("Visits", "h2"),
    ]
    if notes:
        rows = []
        for note in notes:
            pain = "—" if note.pain_before is None else f"{note.pain_before}/10"
            after = "—" if note.pain_after is None else f"{note.pain_after}/10"
            mean = _psfs_mean(note)
            psfs = "—" if mean is None else f"{mean:g}/10"
            rows.append(
                (fmt_date(note.visit_date), f"pain {pain} before, {after} after; function {psfs}")
            )
        story.append(TextBlock(rows, label_width=80))
        points = [(note.visit_date, note.pain_before, _psfs_mean(note)) for note in notes]
        story += [
            CondPageBreak(CHART_HEIGHT + 30),
            P("Pain and function trend", "h2"),
            trend_chart(points, width=width),
        ]
    else:
        story.append(P("No signed visits yet.", "body"))
    text = referral.report_text if report_text is None else report_text
    story += [
        P("Plan and comments", "h2"),
        TextBlock([(None, text or "—")]),
        P(
            "Pain on the 0–10 numeric rating scale; function on the Patient-Specific Functional "
            "Scale (mean of the client's own activities). A change of about 2 points matters. "
            "This report describes treatment and the client's response; it is not a diagnosis.",
            "small",
        ),
    ]
    story += signature_line("Signature, for the clinic")
    return build_pdf(
        story,
        title="Progress report",
        letterhead=letterhead or Letterhead.from_settings(),
        subject_line=subject_line(client.full_name, client.date_of_birth),
        page_size=size,
    )
