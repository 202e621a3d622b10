"""Handout workflows: start from a template or from scratch, reorder, remove, add, assign.

Each workflow is a keyword-only function wrapped in ``transaction.atomic``. Views validate input
with forms first; these functions only receive clean values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from intake import body_map, notifications
from intake.handouts import library
from intake.handouts.models import DOSE_FIELDS, Exercise, Handout, HandoutItem, HandoutTemplate
from intake.submissions import screening
from intake.submissions.models import FlagLevel

_PARKING = 10_000  # positions are moved above this while renumbering (unique per handout)


class HandoutError(Exception):
    """A request that would leave a handout invalid (for example, with no exercises)."""


def dose_of(exercise: Exercise) -> dict:
    """The exercise's default dose, as a handout item's dose fields."""
    return {name: getattr(exercise, name) for name in DOSE_FIELDS}


def item_from_exercise(handout: Handout, exercise: Exercise, position: int) -> HandoutItem:
    return HandoutItem(handout=handout, exercise=exercise, position=position, **dose_of(exercise))


def initial_exercises(
    *, template: HandoutTemplate | None, exercises: Sequence[Exercise] = ()
) -> list[Exercise]:
    """A new handout's exercises: the template's in order, then any extra ``exercises``."""
    chosen: list[Exercise] = []
    if template is not None:
        chosen.extend(item.exercise for item in template.items.select_related("exercise"))
    chosen.extend(exercise for exercise in exercises if exercise not in chosen)
    return chosen


def initial_fields(*, template: HandoutTemplate | None, title: str = "") -> dict[str, str]:
    """A new handout's title and introduction: the template's, or a plain title."""
    return {
        "title": title.strip() or (template.title if template else "Home-care exercises"),
        "introduction": template.introduction if template else "",
        "notes": "",
    }


@transaction.atomic
def create_handout(
    *,
    client,
    therapist,
    template: HandoutTemplate | None,
    fields: dict,
    items: Sequence[tuple[Exercise, dict]],
) -> Handout:
    """Store a handout composed before it was saved: ``fields`` (title, introduction, notes)
    and its exercises in order, each with its dose and extra instructions. Raises
    :class:`HandoutError` without exercises."""
    if not items:
        raise HandoutError("A handout needs at least one exercise.")
    handout = Handout.objects.create(
        client=client, therapist=therapist, template=template, **fields
    )
    HandoutItem.objects.bulk_create(
        HandoutItem(handout=handout, exercise=exercise, position=position, **values)
        for position, (exercise, values) in enumerate(items, start=1)
    )
    return handout


@transaction.atomic
def start_handout(
    *,
    client,
    therapist,
    template: HandoutTemplate | None = None,
    exercises: Sequence[Exercise] = (),
    title: str = "",
) -> Handout:
    """A new draft handout stored at once: the template's exercises in order, then any extra
    ``exercises``, at each exercise's default dose (the seed and tests; the composer stores a
    handout only when saved, with :func:`create_handout`). Raises :class:`HandoutError` if it
    would be empty."""
    chosen = initial_exercises(template=template, exercises=exercises)
    return create_handout(
        client=client,
        therapist=therapist,
        template=template,
        fields=initial_fields(template=template, title=title),
        items=[(exercise, dose_of(exercise)) for exercise in chosen],
    )


def _renumber(handout: Handout, ordered: Sequence[HandoutItem]) -> None:
    """Give ``ordered`` positions 1..n without ever breaking the unique (handout, position)."""
    for index, item in enumerate(ordered):
        item.position = _PARKING + index
    HandoutItem.objects.bulk_update(ordered, ["position"])
    for index, item in enumerate(ordered, start=1):
        item.position = index
    HandoutItem.objects.bulk_update(ordered, ["position"])


def _items(handout: Handout) -> list[HandoutItem]:
    return list(handout.items.select_for_update().order_by("position", "id"))


@transaction.atomic
def move_item(*, handout: Handout, item_id: int, offset: int) -> None:
    """Move one item up (``offset=-1``) or down (``+1``); at either end nothing changes."""
    items = _items(handout)
    index = next((i for i, item in enumerate(items) if item.pk == item_id), None)
    if index is None:
        raise HandoutError("That exercise is not on this handout.")
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    _renumber(handout, items)


@transaction.atomic
def remove_item(*, handout: Handout, item_id: int) -> None:
    items = _items(handout)
    remaining = [item for item in items if item.pk != item_id]
    if len(remaining) == len(items):
        raise HandoutError("That exercise is not on this handout.")
    if not remaining:
        raise HandoutError(
            "A handout needs at least one exercise: add another before removing this one."
        )
    HandoutItem.objects.filter(pk=item_id, handout=handout).delete()
    _renumber(handout, remaining)


@transaction.atomic
def add_exercise(*, handout: Handout, exercise: Exercise) -> HandoutItem:
    items = _items(handout)
    position = max((item.position for item in items), default=0) + 1
    item = item_from_exercise(handout, exercise, position)
    item.save()
    return item


@transaction.atomic
def save_composition(
    *, handout: Handout, fields: dict, items: Iterable[tuple[HandoutItem, dict]]
) -> None:
    """Store the edited title, introduction, notes and each item's dose and instructions."""
    for name, value in fields.items():
        setattr(handout, name, value)
    handout.save()
    changed = []
    for item, values in items:
        for name, value in values.items():
            setattr(item, name, value)
        changed.append(item)
    if changed:
        HandoutItem.objects.bulk_update(changed, [*DOSE_FIELDS, "custom_instructions"])


@transaction.atomic
def assign_handout(*, handout: Handout) -> Handout:
    """Make the handout visible to its client (again, with a fresh date, if already assigned)."""
    if not handout.items.exists():
        raise HandoutError("A handout needs at least one exercise before it can be given.")
    handout.assigned_at = timezone.now()
    handout.save(update_fields=["assigned_at", "updated_at"])
    notifications.handout_given_after_commit(handout)  # the client is told by e-mail
    return handout


# --------------------------------------------------------------------------- suggestion


@dataclass(frozen=True)
class Suggestion:
    template: HandoutTemplate
    regions: tuple[str, ...]  # labels of the marked regions that led to it, for the therapist


def rank_templates(
    templates: Iterable[HandoutTemplate], marks: Iterable[tuple[str, int]]
) -> Suggestion | None:
    """The template whose ``suggest_tags`` fit the most marked regions, or ``None``.

    ``marks`` are ``(region code, intensity)``. Ties go to the template with the higher total
    intensity of its matching marks, then to the title. This suggests a handout; it is not a
    diagnosis and never shown to the client.
    """
    marks = list(marks)
    best: tuple[tuple, Suggestion] | None = None
    for template in templates:
        wanted = set(template.suggest_tags or [])
        matched = [(code, level) for code, level in marks if body_map.tags_for([code]) & wanted]
        if not matched:
            continue
        key = (len(matched), sum(level for _, level in matched), _reverse_text(template.title))
        if best is None or key > best[0]:
            labels = tuple(body_map.labels_for(code for code, _ in matched))
            best = (key, Suggestion(template, labels))
    return best[1] if best else None


def _reverse_text(text: str) -> tuple[int, ...]:
    """A sort key that makes alphabetically *earlier* titles win a ``max``."""
    return tuple(-ord(ch) for ch in text)


def suggest_template(client) -> Suggestion | None:
    """The template fitting the client's latest submitted intake (by its body-map marks).

    ``None`` with no intake, and always for a client with an urgent flag (``withheld_reason``
    says why); with a warm, swollen calf, never a back-and-leg template.
    """
    from intake.submissions.selectors import latest_submitted_intake

    latest = latest_submitted_intake(client=client)
    if latest is None:
        return None
    flags = screening.flags_for(latest)
    if _is_urgent(flags):
        return None
    templates = list(HandoutTemplate.objects.all())
    if _no_leg_handout(flags):
        templates = [t for t in templates if library.body_area(t.suggest_tags) != library.BACK_LEG]
    marks = [(mark.region, mark.intensity) for mark in latest.marks.all()]
    return rank_templates(templates, marks)


# --------------------------------------------------------------------------- safety


NO_SUGGESTION_URGENT = (
    "No template is suggested: the client's latest intake has an urgent safety flag. They "
    "need emergency care today, not exercises."
)
NO_LEG_SUGGESTION = (
    "No back-and-leg template is suggested: the client reported a warm, swollen or painful "
    "calf. A doctor should check it first."
)


@dataclass(frozen=True)
class ExerciseWarning:
    exercise: str  # the exercise's name
    message: str


def latest_flags(client) -> list[screening.Flag]:
    """The flags of the client's latest submitted intake (none without one)."""
    from intake.submissions.selectors import latest_submitted_intake

    latest = latest_submitted_intake(client=client)
    return screening.flags_for(latest) if latest is not None else []


def _is_urgent(flags: Iterable[screening.Flag]) -> bool:
    return any(flag.level == FlagLevel.URGENT for flag in flags)


def _raised(flags: Iterable[screening.Flag]) -> list[library.Conflict]:
    codes = {flag.code for flag in flags}
    return [conflict for conflict in library.CONFLICTS if codes.intersection(conflict.flags)]


def _no_leg_handout(flags: Iterable[screening.Flag]) -> bool:
    return any(conflict.no_leg_handout for conflict in _raised(flags))


def withheld_reason(flags: Sequence[screening.Flag]) -> str:
    """Why no template is suggested, or may be, for a client with these flags ("" if none)."""
    if _is_urgent(flags):
        return NO_SUGGESTION_URGENT
    return NO_LEG_SUGGESTION if _no_leg_handout(flags) else ""


def exercise_warnings(
    flags: Iterable[screening.Flag], exercises: Iterable[Exercise]
) -> list[ExerciseWarning]:
    """A warning per exercise that conflicts with a flag (``library.CONFLICTS``), in order."""
    raised = _raised(flags)
    warnings = []
    for exercise in exercises:
        tags = {str(tag).lower() for tag in exercise.tags or ()}
        for conflict in raised:
            if exercise.slug in conflict.slugs or tags.intersection(conflict.tags):
                warnings.append(ExerciseWarning(exercise.name, conflict.message))
    return warnings
