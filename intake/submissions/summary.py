"""The intake summary's content, as the client (``staff=False``) and staff read it: its page
(``templates/submissions/summary.html``) and the client's PDF of it (``summary_pdf``)."""

from __future__ import annotations

from intake import body_map, outcomes
from intake.submissions import forms, screening, selectors
from intake.submissions.models import IntakeSubmission


def summary_context(intake: IntakeSubmission, *, staff: bool) -> dict:
    marks = list(intake.marks.all())
    flags = screening.flags_for(intake, marks=marks)
    level = screening.highest_level(flags)
    order = {region.code: i for i, region in enumerate(body_map.REGIONS)}
    marks.sort(key=lambda mark: order.get(mark.region, len(order)))
    sensation_labels = dict(body_map.SENSATIONS)
    symptom_rows = [
        {
            "label": body_map.REGION_BY_CODE[m.region].label
            if m.region in body_map.REGION_BY_CODE
            else m.region,
            "sensations": ", ".join(sensation_labels.get(s, s) for s in m.sensations),
            "intensity": m.intensity,
        }
        for m in marks
    ]
    history = [
        (field.label, getattr(intake, name))
        for name, field in forms.HistoryForm.base_fields.items()
        if name != "consents_to_glute_work"
    ]
    # Safety answers, retired questions included (old intakes keep theirs).
    safety_yes = [
        q.question
        for q in screening.QUESTIONS
        if q.step != screening.HISTORY and screening.answered_yes(intake, q)
    ]
    # The client's own referral and the clinic's letters to a physician, never mixed: the client
    # sees only theirs, as signed (issue 19); staff see both, each under its own heading.
    found = selectors.intake_referrals(intake)
    referrals = (
        found.from_client if staff else selectors.signed_referrals(intake, found.from_client)
    )
    psfs = intake.psfs or []
    psfs_mean = outcomes.psfs_mean(psfs)
    return {
        "intake": intake,
        "client": intake.client,
        "age": screening.age_at_intake(intake),
        "staff": staff,
        "map_svg": body_map.svg(
            {m.region: "symptom" for m in marks},
            sensations=body_map.sensations_of(marks),  # each feeling's colour and pattern
            id_prefix="summary-map",
        ),
        "symptom_rows": symptom_rows,
        "flags": flags,
        "level": level,
        "level_label": level.label,
        "history": history,
        "safety_yes": safety_yes,
        "referrals": referrals,
        "clinic_letters": found.clinic_letters if staff else (),
        "worse_with": _labels(forms.AGGRAVATING, intake.worse_with),
        "better_with": _labels(forms.EASING, intake.better_with),
        "psfs": psfs,
        "psfs_mean": psfs_mean,
        "pending_referral": intake.referral_details if not intake.is_submitted else None,
    }


def _labels(choices: list[tuple[str, str]], values: list[str]) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values or [])
