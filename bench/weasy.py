"""The session note as HTML (``templates/bench/session_note.html``, holding what the reportlab
note holds), printed by WeasyPrint: the field's usual way to make a PDF, measured on the same
note in the same run. WeasyPrint is optional (``make bench-deps``); without it, or without the
Pango library it needs, :func:`available` is False and the row says so."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

from django.template import Context, Engine

from intake import body_map
from intake.notes import pdf as note_pdf
from intake.notes.selectors import ClientSafety, marked_regions
from intake.pdf import CONFIDENTIAL_FOOTER, Letterhead

TEMPLATE = "bench/session_note.html"


@cache
def _weasyprint() -> ModuleType | None:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the package is there, Pango is not
        return None
    return weasyprint


def available() -> bool:
    return _weasyprint() is not None


@cache
def engine() -> Engine:
    """Django's template engine on the bench's own folder: the app's settings stay as they are."""
    return Engine(dirs=[str(Path(__file__).parent / "templates")], autoescape=True)


def _pain(value: int | None) -> str:
    return "not recorded" if value is None else f"{value}/10"


def note_context(note, context: ClientSafety) -> dict[str, object]:  # noqa: ANN001
    """What the template shows, read once (outside the timing), as the reportlab note reads it."""
    therapist = note.therapist
    psfs = "; ".join(
        f"{item.get('activity', '')}: {'—' if item.get('score') is None else item['score']}/10"
        for item in note.psfs or []
    )
    if psfs and note.psfs_mean is not None:
        psfs += f"; mean {note.psfs_mean}/10"
    marked = marked_regions(note.regions_treated or [], context.symptom_regions)
    return {
        "letterhead": Letterhead.from_settings(),
        "note": note,
        "client": note.client,
        "therapist_name": therapist.get_full_name() or therapist.email,
        "referral": note.referral,
        "flags": context.flags,
        "intake_date": context.intake_date,
        "regions_treated": ", ".join(body_map.labels_for(note.regions_treated)),
        "body_map": body_map.svg(marked, id_prefix="note"),
        "pain_before": _pain(note.pain_before),
        "pain_after": _pain(note.pain_after),
        "psfs": psfs,
        "addenda": list(note.addenda.all()),
        "not_a_diagnosis": note_pdf.NOT_A_DIAGNOSIS,
        "footer": CONFIDENTIAL_FOOTER,
    }


def render_html(values: dict[str, object]) -> str:
    return engine().get_template(TEMPLATE).render(Context(values))


def render_pdf(values: dict[str, object]) -> bytes:
    """Template and layout both count: reportlab's time includes laying out its story."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError("WeasyPrint is not installed: make bench-deps")
    return weasyprint.HTML(string=render_html(values)).write_pdf()


def prepare_note(note, context: ClientSafety) -> Callable[[], bytes]:  # noqa: ANN001
    values = note_context(note, context)
    return lambda: render_pdf(values)
