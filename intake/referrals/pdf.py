"""Letters to physicians: an outgoing referral letter and a progress report for an incoming
referral.

Pure: a snapshot from :mod:`intake.referrals.selectors` in, bytes out; nothing here reads the
database. The letter text is what the admin typed: it reaches a Paragraph only escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from intake import body_map
from intake.pdf import (
    FONT,
    INK,
    MUTED,
    RULE,
    Letterhead,
    P,
    build_pdf,
    fmt_date,
    frame_width,
    kv_table,
    page_size,
    signature_line,
    subject_line,
)
from intake.referrals.selectors import LetterDocument, LetterHeader, ProgressReportDocument, Visit

MAP_HEIGHT = 185.0
CHART_HEIGHT = 130.0
PAIN_COLOUR = colors.HexColor("#c0392b")
PSFS_COLOUR = colors.HexColor("#1f6feb")
NOT_A_DIAGNOSIS = (
    "Massage therapists do not diagnose. Flags point to answers that call for a physician's "
    "assessment; they are not a diagnosis."
)
SCALES = (
    "Pain on the 0–10 numeric rating scale; function on the Patient-Specific Functional "
    "Scale (mean of the client's own activities). A change of about 2 points matters. "
    "This report describes treatment and the client's response; it is not a diagnosis."
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


def render_referral_letter(
    doc: LetterDocument, *, letterhead: Letterhead | None = None, size: Size | None = None
) -> bytes:
    """An outgoing referral letter: the (edited) letter text, then the intake's safety flags
    and a body map of the symptoms the client marked."""
    size = size or page_size()
    width = frame_width(size)
    story = opening(doc.header, "Referral request", [("Reason", doc.header.reason or "—")], width)
    story += [Spacer(1, 6), P(doc.text or "—"), *signature_line("Signature, for the clinic")]
    if doc.has_intake:
        story.append(P("Safety screening answers", "h2"))
        if doc.flags:
            story.append(kv_table([(flag.label, flag.reason) for flag in doc.flags], width=width))
        else:
            story.append(P("No answer raised a safety flag."))
        story.append(P(NOT_A_DIAGNOSIS, "small"))
    if doc.symptom_regions:
        story += [
            CondPageBreak(MAP_HEIGHT + 30),
            P("Where the client reports symptoms", "h2"),
            body_map.flowable(
                dict.fromkeys(doc.symptom_regions, "symptom"), width=width, height=MAP_HEIGHT
            ),
        ]
    return render(story, doc.header, "Referral letter", letterhead, size)


# --------------------------------------------------------------------------- progress report


def label(value: int | float | None) -> str:
    return "—" if value is None else f"{value:g}/10"


def trend_chart(visits: Sequence[Visit], *, width: float) -> Drawing:
    """A small line chart, 0–10: pain before treatment and PSFS mean per visit, in order."""
    d = Drawing(width, CHART_HEIGHT)
    left, bottom, top, right = 26.0, 22.0, CHART_HEIGHT - 16, width - 8
    plot_w, plot_h = right - left, top - bottom
    small = {"fontName": FONT, "fillColor": MUTED}
    d.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    for value in (0, 5, 10):
        y = bottom + plot_h * value / 10
        d.add(Line(left, y, right, y, strokeColor=RULE, strokeWidth=0.3))
        d.add(String(left - 4, y - 3, str(value), fontSize=7, textAnchor="end", **small))
    n = len(visits)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    step = max(1, n // 8)
    for i, visit in enumerate(visits):
        if i % step == 0 or i == n - 1:
            day = visit.visit_date
            d.add(
                String(
                    x_at(i),
                    bottom - 10,
                    f"{day.day} {day:%b}",
                    fontSize=6.5,
                    textAnchor="middle",
                    **small,
                )
            )
    for colour, values in (
        (PAIN_COLOUR, [visit.pain_before for visit in visits]),
        (PSFS_COLOUR, [visit.psfs_mean for visit in visits]),
    ):
        points = [
            (x_at(i), bottom + plot_h * float(v) / 10)
            for i, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            d.add(PolyLine([c for xy in points for c in xy], strokeColor=colour, strokeWidth=1.4))
        for x, y in points:
            d.add(Circle(x, y, 2, fillColor=colour, strokeColor=colour))
    legend_y = CHART_HEIGHT - 9
    for x, colour, text in (
        (left, PAIN_COLOUR, "Pain before treatment (0 none – 10 worst)"),
        (left + 190, PSFS_COLOUR, "Function, PSFS mean (0 unable – 10 as before)"),
    ):
        d.add(Line(x, legend_y + 2.5, x + 12, legend_y + 2.5, strokeColor=colour, strokeWidth=1.4))
        d.add(String(x + 16, legend_y, text, fontName=FONT, fontSize=7, fillColor=INK))
    return d


def render_progress_report(
    doc: ProgressReportDocument, *, letterhead: Letterhead | None = None, size: Size | None = None
) -> bytes:
    """A progress report to the referring physician: the referral, visits done (signed notes),
    the pain and function trend as a small chart, and the (edited) plan."""
    size = size or page_size()
    width = frame_width(size)
    used, authorized = len(doc.visits), doc.visits_authorized
    rows = [
        ("Your referral of", fmt_date(doc.referral_date)),
        ("Reason as written", doc.header.reason or "—"),
        (
            "Visits done",
            f"{used} of {authorized} authorized" if authorized else f"{used} (no limit set)",
        ),
        ("Referral expires", fmt_date(doc.expires_on) or "no expiry date"),
    ]
    story = [*opening(doc.header, "Progress report", rows, width), P("Visits", "h2")]
    if doc.visits:
        visit_rows = [
            (
                fmt_date(v.visit_date),
                f"pain {label(v.pain_before)} before, {label(v.pain_after)} after; "
                f"function {label(v.psfs_mean)}",
            )
            for v in doc.visits
        ]
        story += [
            kv_table(visit_rows, width=width, label_width=80),
            CondPageBreak(CHART_HEIGHT + 30),
            P("Pain and function trend", "h2"),
            trend_chart(doc.visits, width=width),
        ]
    else:
        story.append(P("No signed visits yet."))
    story += [P("Plan and comments", "h2"), P(doc.text or "—"), P(SCALES, "small")]
    story += signature_line("Signature, for the clinic")
    return render(story, doc.header, "Progress report", letterhead, size)
