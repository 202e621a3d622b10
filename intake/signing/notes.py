"""Signed session notes as signed PDFs. A note is signed once (``signed_at``) and never changes;
its PDF is rendered again at each print and signed then, with the clinic's certificate, the
signature's reason naming the note, its therapist and when they signed it (no schema change:
nothing is stored). A note with addenda prints as a new signed PDF whose reason names the
original: the note as signed, when and by whom, and its file name."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from intake.signing.sign import SigningUnavailable, sign_pdf


def _person(user: Any) -> str:
    return user.get_full_name() or user.email


def _at(moment: Any) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}"


def original_filename(note: Any) -> str:
    return f"session-note-{note.visit_date:%Y-%m-%d}-{note.pk}.pdf"


def reason(note: Any, *, addenda: int = 0) -> str:
    """The signature's reason: the note as signed, or (``addenda`` > 0) the note with its first
    ``addenda`` addenda, naming the original."""
    signed = f"signed by {_person(note.therapist)} on {_at(note.signed_at)}"
    if not addenda:
        return f"Session note #{note.pk} of {note.visit_date:%Y-%m-%d}, {signed}."
    latest = list(note.addenda.all())[addenda - 1]
    return (
        f"Session note #{note.pk} of {note.visit_date:%Y-%m-%d} with {addenda} "
        f"addend{'um' if addenda == 1 else 'a'} (the latest by {_person(latest.author)} on "
        f"{_at(latest.created_at)}). Original: the note as {signed}, {original_filename(note)}."
    )


def sign_note_pdf(data: bytes, note: Any, *, addenda: int | None = None) -> bytes:
    """The note's PDF signed by the clinic when the note is signed (give ``note`` with its
    therapist and addenda loaded; ``addenda``: how many the PDF shows, by default all). A draft,
    or a clinic without a certificate, gets the PDF back unsigned."""
    if not note.is_signed:
        return data
    count = len(note.addenda.all()) if addenda is None else addenda
    try:
        return sign_pdf(data, reason=reason(note, addenda=count), name=_person(note.therapist))
    except SigningUnavailable:
        return data
