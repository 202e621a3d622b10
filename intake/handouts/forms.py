"""Forms for the exercise library and the handout composer. They validate and convert only."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from intake.handouts import illustrations
from intake.handouts.models import DOSE_BOUNDS, DOSE_FIELDS, DoseKind, Exercise, HandoutTemplate
from intake.ids import parse_id

_TAG = re.compile(r"^[a-z0-9][a-z0-9 _-]{0,29}$")
MAX_TEXT = 4000


def _dose_field(name: str, label: str, *, required: bool = True) -> forms.IntegerField:
    low, high = DOSE_BOUNDS[name]
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        error_messages={
            "min_value": f"{label} must be between {low} and {high}.",
            "max_value": f"{label} must be between {low} and {high}.",
            "invalid": f"{label} must be a whole number between {low} and {high}.",
            "required": f"{label} is required ({low} to {high}).",
        },
        widget=forms.NumberInput(attrs={"min": low, "max": high}),
    )


#: What a dose of each kind leaves out, and the value stored for it.
UNUSED_BY_KIND: dict[str, dict[str, int | None]] = {
    DoseKind.REPS: {"minutes": None},
    DoseKind.DURATION: {"sets": 1, "reps": 1, "hold_seconds": 0},
}


def clean_dose(form: forms.BaseForm, data: dict) -> dict:
    """A dose needs the fields of its kind (sets and repetitions, or minutes); the fields of
    the other kind are stored as their neutral values, whatever was typed in them."""
    kind = data.get("dose_kind")
    if kind not in UNUSED_BY_KIND:
        return data
    for name, neutral in UNUSED_BY_KIND[kind].items():
        form.errors.pop(name, None)
        data[name] = neutral
    for name in ("sets", "reps", "hold_seconds", "minutes"):
        if name in UNUSED_BY_KIND[kind] or name in form.errors:
            continue
        if data.get(name) is None:
            field = form.fields[name]
            form.add_error(name, ValidationError(field.error_messages["required"], "required"))
    return data


class DoseMixin(forms.Form):
    dose_kind = forms.ChoiceField(
        label="Measured in", choices=DoseKind.choices, initial=DoseKind.REPS
    )
    sets = _dose_field("sets", "Sets", required=False)
    reps = _dose_field("reps", "Repetitions", required=False)
    hold_seconds = _dose_field("hold_seconds", "Hold (seconds)", required=False)
    minutes = _dose_field("minutes", "Minutes", required=False)
    times_per_day = _dose_field("times_per_day", "Times a day")
    days_per_week = _dose_field("days_per_week", "Days a week")

    def clean(self) -> dict:
        return clean_dose(self, super().clean())


class ExerciseForm(forms.ModelForm):
    tags_text = forms.CharField(
        label="Tags",
        required=False,
        max_length=300,
        help_text="Comma-separated, for example: hip, core, lumbar.",
    )
    illustration = forms.ChoiceField(
        required=False, choices=[("", "No picture")] + illustrations.choices()
    )

    dose_kind = DoseMixin.base_fields["dose_kind"]
    sets = DoseMixin.base_fields["sets"]
    reps = DoseMixin.base_fields["reps"]
    hold_seconds = DoseMixin.base_fields["hold_seconds"]
    minutes = DoseMixin.base_fields["minutes"]
    times_per_day = DoseMixin.base_fields["times_per_day"]
    days_per_week = DoseMixin.base_fields["days_per_week"]

    class Meta:
        model = Exercise
        fields = [
            "name",
            "purpose",
            "instructions",
            "precautions",
            "illustration",
            *DOSE_FIELDS,
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "instructions": forms.Textarea(attrs={"rows": 6}),
            "precautions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(self.instance.tags or [])
        for name in ("purpose", "instructions", "precautions"):
            self.fields[name].max_length = MAX_TEXT
            self.fields[name].validators.append(_max_length(MAX_TEXT))

    def clean(self) -> dict:
        return clean_dose(self, super().clean())

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not slugify(name):
            raise ValidationError("The name needs at least one letter or digit.", code="no_slug")
        return name

    def clean_instructions(self) -> str:
        text = self.cleaned_data["instructions"]
        steps = [line.strip() for line in text.splitlines() if line.strip()]
        if not steps:
            raise ValidationError("Write at least one step, one per line.", code="no_steps")
        return "\n".join(steps)

    def clean_tags_text(self) -> list[str]:
        raw = [tag.strip().lower() for tag in self.cleaned_data["tags_text"].split(",")]
        tags = list(dict.fromkeys(tag for tag in raw if tag))
        bad = [tag for tag in tags if not _TAG.match(tag)]
        if bad:
            raise ValidationError(
                "Tags are short words of letters, digits, spaces or dashes.", code="bad_tag"
            )
        return tags

    def save(self, commit: bool = True) -> Exercise:
        exercise = super().save(commit=False)
        exercise.tags = self.cleaned_data["tags_text"]
        if not exercise.slug:
            exercise.slug = _unique_slug(exercise.name)
        if commit:
            exercise.save()
        return exercise


def _max_length(limit: int):
    def check(value: str) -> None:
        if len(value) > limit:
            raise ValidationError(f"Keep this under {limit} characters.", code="too_long")

    return check


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "exercise"
    slug, n = base, 2
    while Exercise.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids that are not short ASCII digits before they reach the database.

    Django checks `pk__in` values only by int(): a 25-digit id overflows SQLite (a 500, found by fuzzing).
    """

    def _check_values(self, value):  # noqa: ANN001, ANN202 - Django's signature
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class StartHandoutForm(forms.Form):
    """Start from a template, from chosen exercises, or both (template first)."""

    template = forms.ModelChoiceField(
        queryset=HandoutTemplate.objects.all(),
        required=False,
        empty_label="No template: start from scratch",
        widget=forms.RadioSelect,
    )
    exercises = IdMultipleChoiceField(
        queryset=Exercise.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Exercises (from scratch, or added after the template's)",
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("template") and not data.get("exercises"):
            raise ValidationError(
                "A handout needs at least one exercise: choose a template or some exercises.",
                code="empty",
            )
        return data


class HandoutForm(forms.Form):
    title = forms.CharField(max_length=160)
    introduction = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_TEXT
    )
    notes = forms.CharField(
        label="Notes for the client",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEXT,
    )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError("The handout needs a title.", code="required")
        return title


class ItemForm(DoseMixin):
    custom_instructions = forms.CharField(
        label="Extra instructions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class AddExerciseForm(forms.Form):
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(),
        required=False,
        empty_label="Choose an exercise to add…",
        label="Add an exercise",
    )
