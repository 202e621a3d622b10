"""Template helpers for handouts: an exercise's picture, a handout's title in the reader's
language."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from intake.handouts import illustrations
from intake.handouts.selectors import handout_text
from intake.languages import active_language

register = template.Library()


@register.simple_tag
def exercise_picture(key: str) -> SafeString | str:
    """The inline SVG drawing for an illustration key ("" when there is none)."""
    if key not in illustrations.ILLUSTRATIONS:
        return ""
    # Built only from our own constants and the escaped description (see illustrations.svg).
    return mark_safe(illustrations.svg(key))  # noqa: S308


@register.filter
def handout_title(handout) -> str:  # noqa: ANN001 (Handout)
    """``{{ handout|handout_title }}``: the title in the page's language (its template's
    translation while it is the template's wording). Select the handouts with ``template``
    (``select_related``), or each one costs a query."""
    return handout_text(handout, "title", active_language())
