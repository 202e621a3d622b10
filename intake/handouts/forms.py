"""Forms for the exercise library and the handout composer. They validate and convert only."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from intake.handouts import illustrations
from intake.handouts.models import DOSE_BOUNDS, DOSE_FIELDS, DoseKind, Exercise, HandoutTemplate
from intake.ids import parse_id
from intake.languages import content_languages

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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ExerciseTranslationsMixin(forms.Form):
    """The exercise's client-facing text in each language but the clinic's, all optional.

    What a client reads is one language or the other, never half of each, and never less than
    the clinic's wording says. So a language given at all needs its name, purpose and steps;
    its steps are as many as the clinic's (one to one: a step dropped changes the exercise) and
    its precautions too (a precaution lost in translation is a safety loss; none when the
    clinic's has none). A language left empty falls back to the clinic's wording as a whole.
    """

    def add_translation_fields(self, translations: dict) -> None:
        for code, name in content_languages():
            words = translations.get(code) or {}
            self.fields[f"name_{code}"] = forms.CharField(
                label=f"Name in {name}", max_length=120, required=False
            )
            self.fields[f"purpose_{code}"] = forms.CharField(
                label=f"Purpose in {name}",
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"instructions_{code}"] = forms.CharField(
                label=f"Steps in {name}, one per line, as many as above",
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[f"precautions_{code}"] = forms.CharField(
                label=f"Precautions in {name}, one per line, as many as above",
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=f"Left empty, clients reading {name} get this exercise in your words.",
            )
            for field in Exercise.TRANSLATED_FIELDS:
                self.fields[f"{field}_{code}"].initial = words.get(field, "")

    @property
    def translation_groups(self) -> list[tuple[str, list]]:
        """(language name, its bound fields), for one fieldset per language."""
        return [
            (name, [self[f"{field}_{code}"] for field in Exercise.TRANSLATED_FIELDS])
            for code, name in content_languages()
        ]

    @property
    def own_fields(self) -> list:
        """The bound fields in the clinic's language (all but the translations)."""
        translated = {
            f"{f}_{code}" for f in Exercise.TRANSLATED_FIELDS for code, _ in content_languages()
        }
        return [field for field in self if field.name not in translated]

    def clean_translations(self, cleaned: dict) -> dict[str, dict[str, str]]:
        """{language: {field: text}} from the translation fields; errors added on them."""
        steps = _lines(cleaned.get("instructions", ""))
        precautions = _lines(cleaned.get("precautions", ""))
        out: dict[str, dict[str, str]] = {}
        for code, _name in content_languages():
            words = {
                "name": " ".join((cleaned.get(f"name_{code}") or "").split()),
                "purpose": (cleaned.get(f"purpose_{code}") or "").strip(),
                "instructions": "\n".join(_lines(cleaned.get(f"instructions_{code}", ""))),
                "precautions": "\n".join(_lines(cleaned.get(f"precautions_{code}", ""))),
            }
            if not any(words.values()):
                continue
            for field in ("name", "purpose", "instructions"):
                if not words[field] and f"{field}_{code}" not in self.errors:
                    self.add_error(f"{field}_{code}", ValidationError(
                        "Translate this too, or leave the whole language empty.",
                        code="translation_incomplete"))  # fmt: skip
            self._check_count(f"instructions_{code}", words["instructions"], steps, "steps")
            self._check_count(f"precautions_{code}", words["precautions"], precautions,
                              "precautions")  # fmt: skip
            out[code] = {field: text for field, text in words.items() if text}
        return out

    def _check_count(self, name: str, text: str, english: list[str], what: str) -> None:
        source = name.rsplit("_", 1)[0]  # the clinic's own field: its errors come first
        given = len(_lines(text))
        if given == len(english) or name in self.errors or source in self.errors:
            return
        if not english:
            message = (
                f"The exercise has no {what} in your words: add them above, or leave this empty."
            )
        else:
            message = (
                f"Give the {len(english)} {what} of the exercise, one per line, in the same "
                f"order (there are {given} here)."
            )
        self.add_error(name, ValidationError(message, code="translation_count"))


def check_translations(value: object, fields: tuple[str, ...]) -> dict:
    """``{"fr": {"title": "...", ...}}``: only the clinic's other languages, only ``fields``,
    each a non-empty text (for records edited as JSON in the admin, e.g. a template)."""
    codes = {code for code, _name in content_languages()}
    if not isinstance(value, dict):
        raise ValidationError('Write {"fr": {...}, "es": {...}}.', code="translations_shape")
    for code, words in value.items():
        if code not in codes:
            raise ValidationError(
                f"{code!r} is not one of the clinic's other languages ({', '.join(sorted(codes))}).",
                code="translations_language",
            )
        if not isinstance(words, dict) or not words:
            raise ValidationError(
                f"Give {code!r} its texts, or remove it.", code="translations_shape"
            )
        for field, text in words.items():
            if field not in fields:
                raise ValidationError(
                    f"{field!r} cannot be translated here ({', '.join(fields)}).",
                    code="translations_field",
                )
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
                raise ValidationError(
                    f"{code} {field}: a text of 1 to {MAX_TEXT} characters.",
                    code="translations_text",
                )
    return value


class TemplateAdminForm(forms.ModelForm):
    """The admin's template form: its translations checked (``check_translations``)."""

    class Meta:
        model = HandoutTemplate
        fields = ["slug", "title", "introduction", "suggest_tags", "translations"]
        help_texts = {
            "translations": 'For example {"fr": {"title": "...", "introduction": "..."}}; a '
            "text left out falls back to the clinic's wording.",
        }

    def clean_translations(self) -> dict:
        return check_translations(
            self.cleaned_data["translations"], HandoutTemplate.TRANSLATED_FIELDS
        )


class ExerciseForm(ExerciseTranslationsMixin, forms.ModelForm):
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
        self.add_translation_fields(self.instance.translations or {})

    def clean(self) -> dict:
        cleaned = clean_dose(self, super().clean())
        cleaned["translations"] = self.clean_translations(cleaned)
        return cleaned

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
        exercise.translations = self.cleaned_data["translations"]
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
