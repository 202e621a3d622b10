"""Template helpers for handouts: exercise pictures and the home-page panels."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from intake.handouts import illustrations
from intake.handouts.models import Handout

register = template.Library()


@register.simple_tag
def exercise_picture(key: str) -> SafeString | str:
    """The inline SVG drawing for an illustration key ("" when there is none)."""
    if key not in illustrations.ILLUSTRATIONS:
        return ""
    # Built only from our own constants and the escaped description (see illustrations.svg).
    return mark_safe(illustrations.svg(key))  # noqa: S308


@register.inclusion_tag("handouts/_client_panel.html")
def client_handouts_panel(client) -> dict:  # noqa: ANN001
    handouts = Handout.objects.filter(client=client, assigned_at__isnull=False).select_related(
        "therapist"
    )
    return {"handouts": list(handouts.order_by("-assigned_at", "-id")[:20])}


@register.inclusion_tag("handouts/_staff_panel.html")
def staff_handouts_panel(user) -> dict:  # noqa: ANN001
    handouts = Handout.objects.filter(therapist=user).select_related("client")
    return {"handouts": list(handouts.order_by("-updated_at", "-id")[:8])}
