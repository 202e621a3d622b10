"""A client's documents as PDFs, and each as a DocumentReference with the PDF attached: signed
session notes (the note as signed, then one PDF more per addendum, naming the original) and the
home-care handouts given to them. Drafts are not documents yet and are left out."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from intake.fhir import codes
from intake.fhir.resources import patient_ref, ref, when
from intake.handouts.models import Handout
from intake.handouts.pdf import render_handout
from intake.handouts.selectors import handout_document
from intake.notes.pdf import render_session_note
from intake.notes.selectors import NoteDocument, notes_for_print, range_documents
from intake.signing.notes import original_filename, sign_note_pdf


@dataclasses.dataclass(frozen=True)
class PdfFile:
    """One PDF of the record: its file name, bytes and what it is (for its DocumentReference)."""

    key: str  # the DocumentReference id: note-7, note-7-addendum-2, handout-3
    filename: str
    data: bytes
    kind: str  # session-note, session-note-addendum, handout
    title: str
    author_id: int
    client_id: int
    created: dt.datetime | None
    period: dt.date | None = None
    appends: str = ""  # the key of the document an addendum adds to


def note_versions(note: Any, doc: NoteDocument) -> list[tuple[int, bytes]]:
    """A signed note as signed (no addenda), then with its first 1, 2, … addenda: (count, PDF)."""
    out = []
    for count in range(len(doc.addenda) + 1):
        shown = dataclasses.replace(doc, addenda=doc.addenda[:count])
        out.append((count, sign_note_pdf(render_session_note(shown), note, addenda=count)))
    return out


def note_version_files(note: Any, doc: NoteDocument) -> Iterator[PdfFile]:
    stem = original_filename(note).removesuffix(".pdf")
    addenda = list(note.addenda.all())
    for count, data in note_versions(note, doc):
        if count == 0:
            yield PdfFile(f"note-{note.pk}", f"{stem}.pdf", data, "session-note",
                          f"Session note of {note.visit_date:%Y-%m-%d}", note.therapist_id,
                          note.client_id, note.signed_at, note.visit_date)  # fmt: skip
            continue
        addendum = addenda[count - 1]
        yield PdfFile(
            f"note-{note.pk}-addendum-{count}", f"{stem}-addendum-{count}.pdf", data,
            "session-note-addendum",
            f"Addendum {count} to the session note of {note.visit_date:%Y-%m-%d}",
            addendum.author_id, note.client_id, addendum.created_at, note.visit_date,
            appends=f"note-{note.pk}",
        )  # fmt: skip


def note_files(client: Any) -> list[PdfFile]:
    notes = list(
        notes_for_print()
        .filter(client=client, signed_at__isnull=False)
        .order_by("visit_date", "id")
    )
    files: list[PdfFile] = []
    for note, doc in zip(notes, range_documents(notes), strict=True):
        files += note_version_files(note, doc)
    return files


def handout_file(h: Handout, *, render: bool = True) -> PdfFile:
    """A given handout's PDF (``h`` with its client, therapist and template selected); without
    ``render``, its description only (no bytes)."""
    return PdfFile(
        key=f"handout-{h.pk}", filename=f"handout-{h.assigned_at:%Y-%m-%d}-{h.pk}.pdf",
        data=render_handout(handout_document(h)) if render else b"", kind="handout",
        title="Home-care handout", author_id=h.therapist_id, client_id=h.client_id,
        created=h.assigned_at,
    )  # fmt: skip


def handout_files(client: Any) -> list[PdfFile]:
    handouts = (
        Handout.objects.filter(client=client, assigned_at__isnull=False)
        .select_related("client", "therapist", "template")
        .order_by("assigned_at", "id")
    )
    return [handout_file(h) for h in handouts]


def client_files(client: Any, *, notes: bool = True) -> list[PdfFile]:
    """Every PDF of the client's record: signed notes (and their addenda) unless ``notes`` is
    false, and given handouts."""
    return [*(note_files(client) if notes else []), *handout_files(client)]


KIND_LABELS = {
    "session-note": "Session note (SOAP), as signed",
    "session-note-addendum": "Session note with an addendum",
    "handout": "Home-care handout",
}


def document_reference(pdf: PdfFile, *, url: str = "") -> dict:
    """The DocumentReference of one PDF: its bytes attached, or (``url``) where to fetch them."""
    attachment = {"contentType": "application/pdf", "title": pdf.filename,
                  "creation": when(pdf.created)}  # fmt: skip
    if url:
        attachment["url"] = url
    else:
        attachment["data"] = base64.b64encode(pdf.data).decode("ascii")
        attachment["size"] = len(pdf.data)
    out = {
        "resourceType": "DocumentReference",
        "id": pdf.key,
        "status": "current",
        "docStatus": "final",
        "type": codes.concept(codes.ours("document", pdf.kind, KIND_LABELS[pdf.kind]),
                              text=KIND_LABELS[pdf.kind]),
        "subject": patient_ref(pdf.client_id),
        "date": when(pdf.created),
        "author": [ref("Practitioner", f"staff-{pdf.author_id}")],
        "description": pdf.title,
        "content": [{"attachment": {k: v for k, v in attachment.items() if v is not None}}],
    }  # fmt: skip
    if pdf.period:
        out["context"] = {"period": {"start": pdf.period.isoformat()}}
    if pdf.appends:
        out["relatesTo"] = [{"code": "appends", "target": ref("DocumentReference", pdf.appends)}]
    return out


def note_url(note_id: int) -> str:
    return f"{codes.base()}{reverse('note_pdf', kwargs={'note_id': note_id})}"
