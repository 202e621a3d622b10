"""Fixtures for the FHIR export: two clients with a full record each (an intake with marks, PSFS
and flags, a referral, a signed note with an addendum, a given handout), each holding markers
that only their own record contains."""

from __future__ import annotations

import base64
import io

import pytest
from pypdf import PdfReader

from tests.factories import make_handout, make_intake, make_note, make_referral

A_MARK = "ALICE-ONLY"
B_MARK = "BOB-ONLY"


def full_record(client, therapist, marker: str, template) -> dict:
    from intake.notes.services import add_addendum

    intake = make_intake(
        client, flagged=True, main_complaint=f"{marker} complaint", worst_pain=8, current_pain=7,
        medications=f"{marker} warfarin", first_episode=True, onset="gradual",
        referral_details={"referred": False},
        worse_with=["sitting", "walking"], psfs=[{"activity": f"{marker} sitting", "score": 3},
                                                 {"activity": "Stairs", "score": 5}],
    )  # fmt: skip
    referral = make_referral(client, reason=f"{marker} reason", intake=intake)
    note = make_note(client, therapist, signed=True, referral=referral,
                     subjective=f"{marker} subjective")  # fmt: skip
    addendum = add_addendum(note=note, author=therapist, text=f"{marker} addendum")
    handout = make_handout(client, therapist, template=template, assigned=True)
    return {"intake": intake, "referral": referral, "note": note, "addendum": addendum,
            "handout": handout, "client": client}  # fmt: skip


@pytest.fixture
def records(alice, bob, therapist, sciatica_template) -> dict:
    return {
        "a": full_record(alice, therapist, A_MARK, sciatica_template),
        "b": full_record(bob, therapist, B_MARK, sciatica_template),
    }


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def attachment_bytes(resource: dict) -> bytes:
    return base64.b64decode(resource["content"][0]["attachment"]["data"])
