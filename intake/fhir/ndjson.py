"""The whole clinic as FHIR NDJSON (Bulk Data's format): one file per resource type, one
resource per line. Every stream reads its rows in chunks (``iterator``), so memory stays flat
however large the clinic; the management command and the admin page both read these streams.

Session notes and handouts go as DocumentReferences that point at their PDF on this site
(``attachment.url``); ``embed_pdfs`` attaches the PDFs themselves instead (rendered one by one,
much slower: a few milliseconds a page).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.urls import reverse

from intake.accounts.models import Client, Role, User
from intake.fhir import codes, documents, questionnaire, resources, validation
from intake.handouts.models import Handout
from intake.notes.models import SessionNote
from intake.notes.selectors import note_document, notes_for_print
from intake.referrals.models import Physician, Referral
from intake.signing.notes import original_filename
from intake.submissions.models import IntakeSubmission

CHUNK = 2000
#: The clinic's own answers with their versions: the QuestionnaireResponse lists them and the
#: screening rules read them (prefetched per chunk; without it, one query an intake).
ANSWERS = ("clinic_answers__version",)


def _intakes(*order: str, more: tuple[str, ...] = ()) -> Iterator[Any]:
    rows = IntakeSubmission.objects.filter(status=IntakeSubmission.Status.SUBMITTED)
    rows = rows.select_related("client").prefetch_related("marks", *more).order_by(*order)
    return rows.iterator(chunk_size=CHUNK)


def _signed_notes() -> Any:
    return SessionNote.objects.filter(signed_at__isnull=False).order_by("pk")


def patients(**_: Any) -> Iterator[dict]:
    for client in Client.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield resources.patient(client)


def practitioners(**_: Any) -> Iterator[dict]:
    for doctor in Physician.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield resources.physician(doctor)
    staff = User.objects.filter(role__in=(Role.THERAPIST, Role.ADMIN)).order_by("pk")
    for user in staff.iterator(chunk_size=CHUNK):
        yield resources.staff(user)


def responses(**_: Any) -> Iterator[dict]:
    current = questionnaire.current_canonical()
    for intake in _intakes("pk", more=ANSWERS):
        marks, answers = list(intake.marks.all()), list(intake.clinic_answers.all())
        yield resources.questionnaire_response(intake, marks, answers, current=current)


def observations(**_: Any) -> Iterator[dict]:
    for intake in _intakes("pk"):
        yield from resources.intake_observations(intake, list(intake.marks.all()))
    for note in _signed_notes().iterator(chunk_size=CHUNK):
        yield from resources.note_observations(note)


def flags(**_: Any) -> Iterator[dict]:
    """Read by client, newest intake first: a client's first intake read is their latest."""
    previous = None
    for intake in _intakes("client_id", "-submitted_at", "-id", more=ANSWERS):
        yield from resources.flags(
            intake, list(intake.marks.all()), latest=intake.client_id != previous
        )
        previous = intake.client_id


def consents(**_: Any) -> Iterator[dict]:
    for intake in _intakes("pk"):
        yield from resources.consent(intake)


def service_requests(**_: Any) -> Iterator[dict]:
    rows = Referral.objects.select_related("physician").order_by("pk")
    for referral in rows.iterator(chunk_size=CHUNK):
        yield resources.service_request(referral)


def _url(name: str, **kwargs: int) -> str:
    return f"{codes.base()}{reverse(name, kwargs=kwargs)}"


def _note_references(embed_pdfs: bool) -> Iterator[dict]:
    notes = notes_for_print().filter(signed_at__isnull=False).order_by("pk")
    for note in notes.iterator(chunk_size=200):
        if embed_pdfs:
            for pdf in documents.note_version_files(note, note_document(note)):
                yield documents.document_reference(pdf)
            continue
        pdf = documents.PdfFile(
            key=f"note-{note.pk}", filename=original_filename(note), data=b"",
            kind="session-note", title=f"Session note of {note.visit_date:%Y-%m-%d}",
            author_id=note.therapist_id, client_id=note.client_id, created=note.signed_at,
            period=note.visit_date,
        )  # fmt: skip
        yield documents.document_reference(pdf, url=_url("note_pdf", note_id=note.pk))


def _handout_references(embed_pdfs: bool) -> Iterator[dict]:
    handouts = Handout.objects.filter(assigned_at__isnull=False).order_by("pk")
    handouts = handouts.select_related("client", "therapist", "template")
    for handout in handouts.iterator(chunk_size=200):
        if embed_pdfs:
            yield documents.document_reference(documents.handout_file(handout))
            continue
        pdf = documents.handout_file(handout, render=False)
        yield documents.document_reference(pdf, url=_url("handout_pdf", handout_id=handout.pk))


def document_references(*, embed_pdfs: bool = False) -> Iterator[dict]:
    """Signed notes (each addendum too when ``embed_pdfs``) and given handouts."""
    yield from _note_references(embed_pdfs)
    yield from _handout_references(embed_pdfs)


def questionnaires(**_: Any) -> Iterator[dict]:
    yield questionnaire.questionnaire()


#: Resource type -> its stream, in the order of a full export.
STREAMS: dict[str, Callable[..., Iterator[dict]]] = {
    "Questionnaire": questionnaires,
    "Patient": patients,
    "Practitioner": practitioners,
    "QuestionnaireResponse": responses,
    "Observation": observations,
    "Flag": flags,
    "Consent": consents,
    "ServiceRequest": service_requests,
    "DocumentReference": document_references,
}


#: Validation is thorough and slow (an intake's QuestionnaireResponse takes about 7 ms): a
#: clinic's export validates the first resources of each type and one in SAMPLE_EVERY after that,
#: enough to stop at once on a builder's bug; ``validate="all"`` checks every one (the tests do).
SAMPLE_FIRST, SAMPLE_EVERY = 100, 100


def _checked(n: int, validate: str) -> bool:
    if validate == "sample":
        return n < SAMPLE_FIRST or n % SAMPLE_EVERY == 0
    return validate == "all"


def lines(kind: str, *, validate: str = "sample", embed_pdfs: bool = False) -> Iterator[bytes]:
    """The NDJSON of one resource type, in pieces of about 64 KiB. ``validate``: "all",
    "sample" (the default: see SAMPLE_EVERY) or "none"."""
    buffer: list[bytes] = []
    size = 0
    for n, resource in enumerate(STREAMS[kind](embed_pdfs=embed_pdfs)):
        if _checked(n, validate):
            validation.validate(resource)
        line = json.dumps(resource, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        buffer.append(line)
        size += len(line)
        if size >= 65536:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)
