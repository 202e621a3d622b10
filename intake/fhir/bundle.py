"""One client's record as a FHIR Bundle (type ``collection``): every resource of their record and
nothing of anyone else's, the published Questionnaire their answers refer to, validated."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from intake.accounts.models import User
from intake.fhir import codes, documents, questionnaire, resources, validation
from intake.me.selectors import notes_visible
from intake.notes.models import SessionNote
from intake.referrals.models import Referral


def full_url(resource: dict) -> str:
    return f"{codes.base()}/fhir/{resource['resourceType']}/{resource['id']}"


def _intake_resources(client: Any) -> list[dict]:
    intakes = client.intakes.submitted().select_related("client")
    intakes = intakes.prefetch_related("marks", "clinic_answers__version")
    current = questionnaire.current_canonical()
    out: list[dict] = []
    for i, intake in enumerate(intakes):  # newest first: the first is the latest
        marks, answers = list(intake.marks.all()), list(intake.clinic_answers.all())
        out.append(resources.questionnaire_response(intake, marks, answers, current=current))
        out += resources.intake_observations(intake, marks)
        out += resources.flags(intake, marks, latest=i == 0)
        out += resources.consent(intake)
    return out


def _people(referrals: Iterable[Any], author_ids: set[int]) -> list[dict]:
    doctors = {referral.physician_id: referral.physician for referral in referrals}
    staff = User.objects.filter(pk__in=author_ids).order_by("pk")
    return [
        *(resources.physician(doctors[key]) for key in sorted(doctors)),
        *(resources.staff(user) for user in staff),
    ]


def client_resources(client: Any, *, for_client: bool = False) -> list[dict]:
    """Every resource of ``client``'s record: Patient first, then the rest.

    ``for_client``: the copy the client downloads themselves holds what their pages show: the
    clinic's outgoing letters only once sent (a draft is not a letter yet), no office notes on a
    referral (the front desk's working notes), and their signed session notes only when the
    clinic lets clients read them (``CLIENTS_SEE_SIGNED_NOTES``). The clinic's own download (staff)
    is the whole record, for a formal request of access."""
    with_notes = not for_client or notes_visible()
    referrals = client.referrals.select_related("physician").order_by("referral_date", "id")
    if for_client:
        referrals = referrals.exclude(
            direction=Referral.Direction.OUTGOING, status=Referral.Status.DRAFT
        )
    referrals = list(referrals)
    notes = SessionNote.objects.filter(client=client, signed_at__isnull=False)
    if not with_notes:
        notes = notes.none()
    files = documents.client_files(client, notes=with_notes)
    authors = {pdf.author_id for pdf in files}
    return [
        resources.patient(client),
        *_people(referrals, authors),
        *_intake_resources(client),
        *(
            o
            for note in notes.order_by("visit_date", "id")
            for o in resources.note_observations(note)
        ),
        *(resources.service_request(r, office_notes=not for_client) for r in referrals),
        *(documents.document_reference(pdf) for pdf in files),
    ]


def client_bundle(client: Any, *, for_client: bool = False) -> dict:
    """The validated Bundle of ``client``'s record, with the intake Questionnaire
    (``for_client``: the client's own copy, see :func:`client_resources`)."""
    entries = [questionnaire.questionnaire(), *client_resources(client, for_client=for_client)]
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": [{"fullUrl": full_url(r), "resource": r} for r in entries],
    }
    return validation.validate(bundle)
