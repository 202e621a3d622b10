"""The client's copy of their submitted intake as a PDF (issue 19): what their summary page shows
them, to keep or to give to a physician.

``summary_document`` freezes the client's summary (``summary.summary_context(intake, staff=False)``,
the same reading the page makes, so the two never differ) into an ``IntakeSummaryDocument``;
``render_intake_summary`` lays it out with the toolkit in :mod:`intake.pdf`: letterhead, the
client's name and date of birth and "Page x of y" on every page, every typed text escaped. It is
pure: no request, no query, no write. Its words and dates are in the active language: the view
freezes and renders it under ``translation.override(client_language(client))``, so the PDF is in
the client's language (what they typed stays as typed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from intake import body_map, outcomes, pdf
from intake.pdf import LV, P, bullets, kv_table
from intake.questions.selectors import clinic_answers

TITLE = gettext_lazy("Intake summary")
MAP_HEIGHT = 95 * mm
DASH = "—"


@dataclass(frozen=True)
class ReferralLine:
    physician: str
    referral_date: dt.date | None
    reason: str
    visits_authorized: int | None
    expires_on: dt.date | None
    letters: tuple[str, ...]  # the names of the letters sent with it


@dataclass(frozen=True)
class IntakeSummaryDocument:
    client_name: str
    date_of_birth: dt.date | None
    age: int | None
    submitted_at: dt.datetime | None
    entered_by: str  # staff who typed it in from a paper form ("" when the client did)
    level_label: str
    flags: tuple[tuple[str, str], ...]  # (level label, the reason as the client reads it)
    marked: tuple[str, ...]  # region codes, for the body map
    symptoms: tuple[tuple[str, str, object], ...]  # (area, feels, strength)
    main_complaint: str
    started: str
    worse_with: str
    better_with: str
    worst_pain: int | None
    current_pain: int | None
    psfs: tuple[tuple[str, object], ...]  # (activity, score)
    psfs_mean: float | None
    history: tuple[tuple[str, str], ...]  # (question, answer), answered ones only
    safety_yes: tuple[str, ...]
    clinic_answers: tuple[tuple[str, str], ...]  # (question as answered, answer)
    referrals: tuple[ReferralLine, ...]
    consent_signature: str
    consent_signed_at: dt.datetime | None
    guardian: str  # the guardian's consent sentence; "" without a guardian's consent


def _date(value: dt.date | None) -> str:
    """A date in the active language's format (``28 Nov 2026``, ``28 novembre 2026``)."""
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _datetime(value: dt.datetime | None) -> str:
    """A date and time in the clinic's time zone, in the active language's format."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def _started(intake: Any) -> str:
    parts = [_date(intake.symptoms_started)] if intake.symptoms_started else []
    if intake.onset:
        parts.append(str(intake.get_onset_display()))
    if intake.first_episode is not None:
        parts.append(
            gettext("the first time") if intake.first_episode else gettext("had it before")
        )
    return " · ".join(parts)


def _history(rows: list[tuple[str, object]]) -> tuple[tuple[str, str], ...]:
    """As the page shows them: ticked questions as "Yes", typed answers as typed."""
    return tuple(
        (str(label), gettext("Yes") if value is True else str(value))
        for label, value in rows
        if value
    )


def summary_document(context: dict) -> IntakeSummaryDocument:
    """Freeze the client's summary context (``summary_context(intake, staff=False)``)."""
    intake = context["intake"]
    client = context["client"]
    entered_by = intake.entered_by
    guardian = ""
    if intake.guardian_name:
        guardian = gettext(
            "Consent of a parent or guardian: %(guardian)s (%(relationship)s), signed by typing "
            "the name “%(signature)s”."
        ) % {
            "guardian": intake.guardian_name,
            "relationship": intake.guardian_relationship,
            "signature": intake.guardian_signature,
        }
    return IntakeSummaryDocument(
        client_name=client.full_name,
        date_of_birth=client.date_of_birth,
        age=context["age"],
        submitted_at=intake.submitted_at,
        entered_by=(entered_by.get_full_name() or entered_by.email) if entered_by else "",
        level_label=str(context["level_label"]),
        flags=tuple((str(flag.label), flag.for_client) for flag in context["flags"]),
        marked=tuple(mark.region for mark in intake.marks.all()),
        symptoms=tuple(
            (row["label"], row["sensations"], row["intensity"]) for row in context["symptom_rows"]
        ),
        main_complaint=intake.main_complaint,
        started=_started(intake),
        worse_with=str(context["worse_with"]),
        better_with=str(context["better_with"]),
        worst_pain=intake.worst_pain,
        current_pain=intake.current_pain,
        psfs=outcomes.psfs_pairs(context["psfs"]),
        psfs_mean=context["psfs_mean"],
        history=_history(context["history"]),
        safety_yes=tuple(str(q) for q in context["safety_yes"]),
        clinic_answers=tuple((line.question, line.value) for line in clinic_answers(intake)),
        referrals=tuple(
            ReferralLine(
                physician=referral.physician.name,
                referral_date=referral.referral_date,
                reason=referral.reason,
                visits_authorized=referral.visits_authorized,
                expires_on=referral.expires_on,
                letters=tuple(document.original_name for document in referral.documents),
            )
            for referral in context["referrals"]
        ),
        consent_signature=intake.consent_signature,
        consent_signed_at=intake.consent_signed_at,
        guardian=guardian,
    )


def _or_dash(value: object) -> str:
    return DASH if value is None or value == "" else str(value)


def _referral_rows(line: ReferralLine) -> list[tuple[str, object]]:
    visits = _or_dash(line.visits_authorized)
    if line.expires_on:
        visits += " · " + gettext("valid until %(date)s") % {"date": _date(line.expires_on)}
    rows: list[tuple[str, object]] = [
        (gettext("Physician"), line.physician),
        (gettext("Referral date"), _or_dash(_date(line.referral_date))),
        (gettext("Reason as written"), _or_dash(line.reason)),
        (gettext("Visits authorized"), visits),
    ]
    rows += [(gettext("Letter sent"), name) for name in line.letters]
    return rows


def _header(doc: IntakeSummaryDocument) -> list[Flowable]:
    born = _date(doc.date_of_birth) or gettext("not given")
    if doc.date_of_birth and doc.age is not None:
        born = gettext("%(born)s (%(age)s at the intake date)") % {"born": born, "age": doc.age}
    story: list[Flowable] = [
        P(TITLE, "title"),
        LV(gettext("Born"), born),
        LV(gettext("Submitted"), _or_dash(_datetime(doc.submitted_at))),
    ]
    if doc.entered_by:
        story.append(LV(gettext("Typed in from a paper form by"), doc.entered_by))
    story.append(P(gettext("Safety flags: %(level)s") % {"level": doc.level_label}, "h2"))
    if doc.flags:
        story += bullets(
            gettext("%(flag)s: %(reason)s") % {"flag": label, "reason": reason}
            for label, reason in doc.flags
        )
    else:
        story.append(P(gettext("No safety flags from the answers.")))
    return story


def _symptoms(doc: IntakeSummaryDocument, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        P(gettext("Where symptoms are felt"), "h2"),
        CondPageBreak(MAP_HEIGHT + 12),
        body_map.flowable(dict.fromkeys(doc.marked, "symptom"), width=width, height=MAP_HEIGHT),
        Spacer(1, 2),
    ]
    strength = gettext("%(feels)s · strength %(strength)s/10")
    areas = [
        (area, strength % {"feels": feels, "strength": level})
        for area, feels, level in doc.symptoms
    ]
    story.append(kv_table(areas, width=width) if areas else P(gettext("No areas marked.")))
    pain = gettext("worst %(worst)s · now %(now)s") % {
        "worst": _or_dash(doc.worst_pain),
        "now": _or_dash(doc.current_pain),
    }
    story += [
        P(gettext("Symptoms"), "h2"),
        kv_table(
            [
                (gettext("Main complaint"), _or_dash(doc.main_complaint)),
                (gettext("Started"), _or_dash(doc.started)),
                (gettext("Worse with"), _or_dash(doc.worse_with)),
                (gettext("Better with"), _or_dash(doc.better_with)),
                (gettext("Pain (0-10)"), pain),
            ],
            width=width,
        ),
    ]
    if doc.psfs:
        story.append(P(gettext("Activities found hard (0 unable, 10 as before)"), "h3"))
        story.append(kv_table([(a, f"{_or_dash(s)}/10") for a, s in doc.psfs], width=width))
        if doc.psfs_mean is not None:
            story.append(
                P(gettext("Mean %(mean)s") % {"mean": formats.localize(doc.psfs_mean)}, "small")
            )
    return story


def _health_history(doc: IntakeSummaryDocument, width: float) -> list[Flowable]:
    wide = 80 * mm
    story: list[Flowable] = [P(gettext("Health history"), "h2")]
    history = list(doc.history)
    story.append(kv_table(history, width=width, label_width=wide) if history else P("—"))
    story.append(P(gettext("Safety questions answered yes"), "h3"))
    story += bullets(doc.safety_yes) if doc.safety_yes else [P(gettext("None."))]
    if doc.clinic_answers:
        story.append(P(gettext("The clinic's own questions"), "h2"))
        story.append(kv_table(list(doc.clinic_answers), width=width, label_width=wide))
    return story


def _referral_and_consent(doc: IntakeSummaryDocument, width: float) -> list[Flowable]:
    story: list[Flowable] = [P(gettext("Physician referral"), "h2")]
    story += [kv_table(_referral_rows(line), width=width) for line in doc.referrals] or [
        P(gettext("Not referred by a physician."))
    ]
    signed = gettext("Signed by typing the name “%(signature)s” on %(signed)s.") % {
        "signature": doc.consent_signature,
        "signed": _datetime(doc.consent_signed_at),
    }
    story += [P(gettext("Consent"), "h2"), P(signed)]
    if doc.guardian:
        story.append(P(doc.guardian))
    return story


def render_intake_summary(doc: IntakeSummaryDocument, *, page_size: str | None = None) -> bytes:
    """The client's intake summary as PDF bytes, on ``page_size`` (default: PDF_PAGE_SIZE)."""
    size = pdf.page_size(page_size)
    width = pdf.frame_width(size)
    story = [
        *_header(doc),
        *_symptoms(doc, width),
        *_health_history(doc, width),
        *_referral_and_consent(doc, width),
    ]
    language = translation.get_language()  # the client's: the caller overrides it
    return pdf.build_pdf(
        story,
        title=str(TITLE),
        letterhead=pdf.Letterhead.from_settings(),
        subject_line=pdf.subject_line(doc.client_name, doc.date_of_birth, language),
        page_size=size,
        language=language,
    )
