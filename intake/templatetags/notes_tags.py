"""Staff home panel for session notes: my drafts to finish, my recently signed notes."""

from django import template

from intake.notes.models import SessionNote

register = template.Library()

PANEL_SIZE = 5


@register.inclusion_tag("notes/panels/staff.html")
def staff_notes_panel(user) -> dict:
    mine = SessionNote.objects.filter(therapist=user).select_related("client")
    drafts = list(mine.filter(signed_at__isnull=True).order_by("-visit_date", "-id")[:PANEL_SIZE])
    signed = list(mine.filter(signed_at__isnull=False).order_by("-signed_at", "-id")[:PANEL_SIZE])
    return {"drafts": drafts, "signed": signed}
