"""Template helper for handouts: an exercise's picture."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from intake.handouts import illustrations

register = template.Library()


@register.simple_tag
def exercise_picture(key: str) -> SafeString | str:
    """The inline SVG drawing for an illustration key ("" when there is none)."""
    if key not in illustrations.ILLUSTRATIONS:
        return ""
    # Built only from our own constants and the escaped description (see illustrations.svg).
    return mark_safe(illustrations.svg(key))  # noqa: S308
