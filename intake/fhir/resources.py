"""Builders: one model row (and what it needs) in, FHIR R4B resources out, as plain dicts ready
for JSON. Nothing here queries beyond the relations the caller loaded; :mod:`intake.fhir.bundle`
and :mod:`intake.fhir.ndjson` load them. References are relative (``Patient/client-7``) and ids
are the row's kind and key, so one row always becomes the same resource.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from intake import body_map
from intake.fhir import codes, questionnaire
from intake.fhir import outcomes as measures
from intake.submissions import screening


def ref(kind: str, key: str, display: str = "") -> dict:
    out = {"reference": f"{kind}/{key}"}
    if display:
        out["display"] = display
    return out


def patient_ref(client_id: int) -> dict:
    return ref("Patient", f"client-{client_id}")


def when(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_empty(resource: dict) -> dict:
    return {key: value for key, value in resource.items() if value not in (None, "", [], {})}


def identifier(kind: str, value: Any) -> list[dict]:
    return [{"system": codes.system(f"{kind}-id"), "value": str(value)}]


def patient(client: Any) -> dict:
    telecom = [{"system": "phone", "value": client.phone}] if client.phone else []
    if client.email:
        telecom.append({"system": "email", "value": client.email})
    return _drop_empty({
        "resourceType": "Patient",
        "id": f"client-{client.pk}",
        "identifier": identifier("client", client.pk),
        "name": [_drop_empty({"family": client.last_name, "given": [client.first_name],
                              "text": client.full_name})],
        "birthDate": when(client.date_of_birth),
        "telecom": telecom,
        "address": [{"text": client.address}] if client.address else [],
    })  # fmt: skip


def physician(doctor: Any) -> dict:
    telecom = [{"system": kind, "value": value}
               for kind, value in (("phone", doctor.phone), ("fax", doctor.fax),
                                   ("email", doctor.email)) if value]  # fmt: skip
    ids = identifier("physician", doctor.pk)
    if doctor.licence_number:
        ids.append({"system": codes.system("physician-licence"), "value": doctor.licence_number})
    return _drop_empty({
        "resourceType": "Practitioner",
        "id": f"physician-{doctor.pk}",
        "identifier": ids,
        "name": [{"text": doctor.name}],
        "telecom": telecom,
        "address": [{"text": doctor.address}] if doctor.address else [],
    })  # fmt: skip


def staff(user: Any) -> dict:
    """A therapist (or admin) who wrote a note or a handout."""
    name = user.get_full_name() or user.email
    return {
        "resourceType": "Practitioner",
        "id": f"staff-{user.pk}",
        "identifier": identifier("staff", user.pk),
        "name": [{"text": name}],
    }


def questionnaire_response(
    intake: Any, marks: list, answers: list = (), *, current: str = ""
) -> dict:
    """A submitted intake's answers (``answers``: its ClinicAnswers with their version). It
    answered ``current`` (the Questionnaire's ``url|version`` now, read once by the caller) when
    it was screened with the current rules, the Questionnaire's URL otherwise."""
    canonical = questionnaire.canonical()
    if intake.flag_rules_version == screening.RULES_VERSION:
        canonical = current or questionnaire.current_canonical()
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"intake-{intake.pk}",
        "identifier": identifier("intake", intake.pk)[0],
        "questionnaire": canonical,
        "status": "completed",
        "subject": patient_ref(intake.client_id),
        "authored": when(intake.submitted_at),
        "source": patient_ref(intake.client_id),
        "item": questionnaire.response_items(intake, marks, answers),
    }


def _observation(key: str, client_id: int, code: dict, at: str | None, **more: Any) -> dict:
    return _drop_empty({
        "resourceType": "Observation",
        "id": key,
        "status": "final",
        "category": [codes.concept(codes.coding(codes.OBSERVATION_CATEGORY, "survey", "Survey"))],
        "code": code,
        "subject": patient_ref(client_id),
        "effectiveDateTime": at,
        **more,
    })  # fmt: skip


def mark_observation(mark: Any, intake: Any) -> dict:
    """A body-map mark: where (the region's SNOMED CT site and our code), what, how strong."""
    region = body_map.REGION_BY_CODE.get(mark.region)
    label = region.label if region else mark.region
    site = [codes.ours("body-region", mark.region, label)]
    if mark.region in codes.SNOMED_BODY_SITES:
        site.insert(0, codes.coding(codes.SNOMED, *codes.SNOMED_BODY_SITES[mark.region]))
    feelings = dict(body_map.SENSATIONS)
    components = [
        {"code": codes.concept(codes.ours("observation", "sensation", "Sensation")),
         "valueCodeableConcept": codes.concept(codes.ours("sensation", s, feelings.get(s, s)))}
        for s in mark.sensations or ()
    ]  # fmt: skip
    components.append({
        "code": codes.concept(codes.ours("observation", "intensity", "Intensity (0-10)")),
        "valueInteger": mark.intensity,
    })  # fmt: skip
    code = codes.ours("observation", "body-map-mark", "Symptom marked on the body map")
    return _observation(
        f"mark-{mark.pk}", intake.client_id, codes.concept(code, text=f"Symptom: {label}"),
        when(intake.submitted_at), bodySite=codes.concept(*site, text=label),
        component=components, derivedFrom=[ref("QuestionnaireResponse", f"intake-{intake.pk}")],
    )  # fmt: skip


def pain_observations(key: str, client_id: int, at: str | None, scores: dict, labels) -> list:  # noqa: ANN001
    """NPRS scores (LOINC 72514-3 for a score of pain at that moment; our code says which)."""
    out = []
    for code, label in labels:
        if scores.get(code) is None:
            continue
        coded = [codes.ours("observation", code, label)]
        if code != "pain-worst-week":
            coded.insert(0, codes.coding(codes.LOINC, *codes.LOINC_PAIN))
        out.append(_observation(f"{key}-{code}", client_id, codes.concept(*coded, text=label), at,
                                valueInteger=scores[code]))  # fmt: skip
    return out


def psfs_observation(key: str, client_id: int, at: str | None, record: Any) -> list[dict]:
    """The PSFS: the mean as the value, each activity and its score as a component."""
    rows = measures.psfs_rows(record)
    if not rows:
        return []
    components = [
        {"code": codes.concept(codes.ours("observation", "psfs-activity", "PSFS activity"),
                               text=activity or "Activity"), "valueInteger": score}
        for activity, score in rows if score is not None
    ]  # fmt: skip
    mean = measures.psfs_mean(record)
    value = {"value": mean, "unit": "{score}", "system": codes.UCUM, "code": "{score}"}
    label = "Patient-Specific Functional Scale (mean of the activities, 0-10)"
    return [_observation(
        f"{key}-psfs", client_id, codes.concept(codes.ours("observation", "psfs", label),
                                                text=label),
        at, valueQuantity=value if mean is not None else None, component=components,
    )]  # fmt: skip


def intake_observations(intake: Any, marks: Iterable[Any]) -> list[dict]:
    key, at = f"intake-{intake.pk}", when(intake.submitted_at)
    scores = measures.intake_pain(intake)
    return [
        *pain_observations(key, intake.client_id, at, scores, measures.INTAKE_PAIN),
        *psfs_observation(key, intake.client_id, at, intake),
        *(mark_observation(mark, intake) for mark in marks),
    ]


def note_observations(note: Any) -> list[dict]:
    key, at = f"note-{note.pk}", note.visit_date.isoformat()
    scores = measures.note_pain(note)
    return [
        *pain_observations(key, note.client_id, at, scores, measures.NOTE_PAIN),
        *psfs_observation(key, note.client_id, at, note),
    ]


def flags(intake: Any, marks: list, *, latest: bool) -> list[dict]:
    """The safety flags the intake's answers raise (the screening rules), one Flag each: active
    for the client's latest intake, inactive for older ones. A flag points at an answer that calls
    for care; it never names a diagnosis."""
    out = []
    for i, flag in enumerate(screening.flags_for(intake, marks=marks)):
        level = codes.ours("flag-level", str(flag.level), str(flag.level.label))
        out.append({
            "resourceType": "Flag",
            "id": f"intake-{intake.pk}-flag-{i}",
            "status": "active" if latest else "inactive",
            "category": [codes.concept(codes.coding(codes.FLAG_CATEGORY, "clinical", "Clinical")),
                         codes.concept(level, text=str(flag.level.label))],
            "code": codes.concept(codes.ours("flag", flag.code), text=flag.reason),
            "subject": patient_ref(intake.client_id),
            "period": {"start": when(intake.submitted_at)},
        })  # fmt: skip
    return out


def consent(intake: Any) -> list[dict]:
    """The consent signed when the intake was submitted (a guardian's for a minor), with the
    sensitive-area answer as a provision."""
    if not intake.consent_given:
        return []
    glutes = codes.concept(text="Massage of the buttock (glute) muscles")
    signer = intake.consent_signature
    if intake.guardian_name:
        signer = f"{intake.guardian_signature} ({intake.guardian_relationship})"
    return [_drop_empty({
        "resourceType": "Consent",
        "id": f"intake-{intake.pk}",
        "status": "active",
        "scope": codes.concept(codes.coding(codes.CONSENT_SCOPE, "treatment", "Treatment")),
        "category": [codes.concept(codes.ours("consent", "intake-consent"),
                                   text="Consent given on the intake")],
        "patient": patient_ref(intake.client_id),
        "dateTime": when(intake.consent_signed_at),
        "performer": [{"display": signer}] if signer else [],
        "policyRule": codes.concept(text="The clinic's consent, signed on the intake's last step"),
        "provision": {"type": "permit", "provision": [
            {"type": "permit" if intake.consents_to_glute_work else "deny", "code": [glutes]},
        ]},
        "sourceReference": ref("QuestionnaireResponse", f"intake-{intake.pk}"),
    })]  # fmt: skip


#: Referral status -> ServiceRequest status.
REQUEST_STATUS = {
    "received": "active", "verified": "active", "active": "active", "completed": "completed",
    "expired": "revoked", "cancelled": "revoked", "draft": "draft", "sent": "active",
    "acknowledged": "active", "closed": "completed",
}  # fmt: skip


def service_request(referral: Any, *, office_notes: bool = True) -> dict:
    """A referral: from a physician (their order, requester) or to one (our proposal,
    performer). The reason is the physician's text as written; the office's working notes only
    with ``office_notes``."""
    doctor = ref("Practitioner", f"physician-{referral.physician_id}", referral.physician.name)
    incoming = referral.is_incoming
    visits = referral.visits_authorized
    return _drop_empty({
        "resourceType": "ServiceRequest",
        "id": f"referral-{referral.pk}",
        "identifier": identifier("referral", referral.pk),
        "status": REQUEST_STATUS.get(referral.status, "unknown"),
        "intent": "order" if incoming else "proposal",
        "code": codes.concept(codes.ours("referral", referral.direction,
                                         referral.get_direction_display()),
                              text=referral.get_direction_display()),
        "subject": patient_ref(referral.client_id),
        "authoredOn": when(referral.referral_date),
        "requester": doctor if incoming else None,
        "performer": [doctor] if not incoming else [],
        "reasonCode": [codes.concept(text=referral.reason)] if referral.reason else [],
        "quantityQuantity": {"value": visits, "unit": "visits"} if visits else None,
        "occurrencePeriod": _drop_empty({"start": when(referral.referral_date),
                                         "end": when(referral.expires_on)}),
        "note": [{"text": referral.notes}] if referral.notes and office_notes else [],
    })  # fmt: skip
