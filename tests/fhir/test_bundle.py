"""One client's FHIR Bundle: valid, complete (a round trip finds every answer, mark, score, flag,
referral and note) and nobody else's."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from intake.fhir import codes
from intake.fhir.bundle import client_bundle
from intake.fhir.questionnaire import GROUPS
from intake.fhir.validation import InvalidResource, validate
from intake.submissions import screening
from tests.fhir.conftest import A_MARK, B_MARK, attachment_bytes, pdf_text

pytestmark = pytest.mark.django_db


def of_type(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def answers(bundle: dict) -> dict[str, list]:
    """linkId -> every answer value, over all QuestionnaireResponses."""
    found: dict[str, list] = {}
    for response in of_type(bundle, "QuestionnaireResponse"):
        for group in response["item"]:
            for item in group["item"]:
                for answer in item["answer"]:
                    ((key, value),) = answer.items()
                    found.setdefault(item["linkId"], []).append(
                        value["code"] if key == "valueCoding" else value
                    )
    return found


def test_it_validates_every_resource_with_fhir_resources(records):
    bundle = client_bundle(records["a"]["client"])
    parsed = Bundle.model_validate(bundle)  # the whole bundle, read back by the library
    assert len(parsed.entry) == len(bundle["entry"])
    for entry in bundle["entry"]:
        validate(entry["resource"])
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == {"Questionnaire", "Patient", "Practitioner", "QuestionnaireResponse",
                     "Observation", "Flag", "Consent", "ServiceRequest", "DocumentReference"}  # fmt: skip


def test_it_refuses_an_invalid_resource_without_repeating_its_values():
    with pytest.raises(InvalidResource, match="Observation/x: code"):
        validate({"resourceType": "Observation", "id": "x", "status": "final"})  # no code
    with pytest.raises(InvalidResource) as refused:
        validate({"resourceType": "Patient", "id": "p", "birthDate": "SECRET-not-a-date"})
    assert "birthDate" in str(refused.value) and "SECRET" not in str(refused.value)
    with pytest.raises(InvalidResource, match="not a FHIR resource type"):
        validate({"resourceType": "Nonsense"})


def test_it_never_holds_another_clients_data(records):
    for mine, theirs in (("a", B_MARK), ("b", A_MARK)):
        bundle = client_bundle(records[mine]["client"])
        text = json.dumps(bundle)
        assert theirs not in text
        for doc in of_type(bundle, "DocumentReference"):
            assert theirs not in pdf_text(attachment_bytes(doc))
        patients = of_type(bundle, "Patient")
        assert [p["id"] for p in patients] == [f"client-{records[mine]['client'].pk}"]


def test_every_reference_resolves_inside_the_bundle(records):
    bundle = client_bundle(records["a"]["client"])
    present = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
    references = set(_references(bundle))
    assert references and references <= present, references - present


def _references(value):
    if isinstance(value, dict):
        if "reference" in value:
            yield value["reference"]
        for child in value.values():
            yield from _references(child)
    elif isinstance(value, list):
        for child in value:
            yield from _references(child)


def test_a_round_trip_finds_every_intake_answer(records):
    intake = records["a"]["intake"]
    found = answers(client_bundle(records["a"]["client"]))
    expected = 0
    for group in GROUPS:
        if group.answers != "columns":
            continue
        for item in group.items:
            value = getattr(intake, item.link_id)
            if value in (None, "", []):
                continue
            expected += 1
            got = found[f"{group.link_id}.{item.link_id}"]
            want = value if isinstance(value, list) else [value]
            want = [v.isoformat() if hasattr(v, "isoformat") else v for v in want]
            assert got == want, item.link_id
    assert expected > 40  # the whole intake, not a sample
    assert found["psfs.activity"] == [f"{A_MARK} sitting", "Stairs"]
    assert found["psfs.score"] == [3, 5]
    assert sorted(found["body-map.region"]) == ["buttock_l", "calf_l"]
    assert found["referral.referred"] == [False]


def test_a_round_trip_finds_every_mark_with_its_body_site(records):
    bundle = client_bundle(records["a"]["client"])
    marks = {}
    for obs in of_type(bundle, "Observation"):
        if obs["id"].startswith("mark-"):
            site = {c["system"]: c["code"] for c in obs["bodySite"]["coding"]}
            marks[site[codes.system("body-region")]] = (site.get(codes.SNOMED), obs["component"])
    assert set(marks) == {"calf_l", "buttock_l"}
    assert marks["calf_l"][0] == "53840002"  # calf of leg
    assert marks["buttock_l"][0] == "46862004"
    calf = marks["calf_l"][1]
    assert calf[0]["valueCodeableConcept"]["coding"][0]["code"] == "tingling"
    assert calf[-1]["valueInteger"] == 5


def test_a_round_trip_finds_every_score(records):
    bundle = client_bundle(records["a"]["client"])
    note = records["a"]["note"]
    by_id = {obs["id"]: obs for obs in of_type(bundle, "Observation")}
    intake = records["a"]["intake"]
    now = by_id[f"intake-{intake.pk}-pain-now"]
    assert now["valueInteger"] == 7
    assert now["code"]["coding"][0] == {"system": codes.LOINC, "code": "72514-3",
                                        "display": codes.LOINC_PAIN[1]}  # fmt: skip
    assert by_id[f"intake-{intake.pk}-pain-worst-week"]["valueInteger"] == 8
    assert by_id[f"intake-{intake.pk}-psfs"]["valueQuantity"]["value"] == 4.0
    assert by_id[f"note-{note.pk}-pain-before-treatment"]["valueInteger"] == note.pain_before
    assert by_id[f"note-{note.pk}-pain-after-treatment"]["valueInteger"] == note.pain_after
    activities = by_id[f"note-{note.pk}-psfs"]["component"]
    assert [(c["code"]["text"], c["valueInteger"]) for c in activities] == [
        (row["activity"], row["score"]) for row in note.psfs
    ]


def test_a_round_trip_finds_every_flag_referral_and_consent(records):
    bundle = client_bundle(records["a"]["client"])
    intake = records["a"]["intake"]
    flags = of_type(bundle, "Flag")
    expected = [flag.code for flag in screening.flags_for(intake)]
    assert {"cancer_history", "takes_blood_thinners"} <= set(expected)
    assert [f["code"]["coding"][0]["code"] for f in flags] == expected
    assert {f["status"] for f in flags} == {"active"}
    (request,) = of_type(bundle, "ServiceRequest")
    assert request["reasonCode"][0]["text"] == f"{A_MARK} reason"
    doctor = request["requester"]["reference"]
    assert doctor in {f"Practitioner/{p['id']}" for p in of_type(bundle, "Practitioner")}
    (consent,) = of_type(bundle, "Consent")
    assert consent["performer"][0]["display"] == records["a"]["client"].full_name


def test_a_round_trip_finds_every_note_and_handout_as_a_pdf(records):
    bundle = client_bundle(records["a"]["client"])
    docs = {doc["id"]: doc for doc in of_type(bundle, "DocumentReference")}
    note, handout = records["a"]["note"], records["a"]["handout"]
    original = pdf_text(attachment_bytes(docs[f"note-{note.pk}"]))
    assert f"{A_MARK} subjective" in original
    assert f"{A_MARK} addendum" not in original  # the note as signed
    addendum = docs[f"note-{note.pk}-addendum-1"]
    assert f"{A_MARK} addendum" in pdf_text(attachment_bytes(addendum))
    assert addendum["relatesTo"][0]["target"]["reference"] == f"DocumentReference/note-{note.pk}"
    assert "Stop and seek care" in pdf_text(attachment_bytes(docs[f"handout-{handout.pk}"]))


def test_an_older_intakes_flags_are_inactive(records):
    from tests.factories import make_intake

    client = records["a"]["client"]
    newer = make_intake(client, takes_blood_thinners=True)
    bundle = client_bundle(client)
    status = {f["id"].split("-flag-")[0]: f["status"] for f in of_type(bundle, "Flag")}
    assert status[f"intake-{newer.pk}"] == "active"
    assert status[f"intake-{records['a']['intake'].pk}"] == "inactive"
