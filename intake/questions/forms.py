"""Forms of the clinic's own questions: the fields a wizard step adds for its active questions
(``ClinicQuestionsMixin``), and the admin's question form (``QuestionForm``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from intake.languages import content_languages
from intake.questions import selectors, services
from intake.questions.models import MAX_CHOICES, MAX_TEXT, STEP_CHOICES, ClinicQuestionVersion
from intake.submissions import screening
from intake.submissions.models import FlagLevel

Kind = ClinicQuestionVersion.Kind
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MAX_ANSWER = 1000
MAX_CHOICE = 120
PREFIX = "clinic_"


def _to_bool(value: str) -> bool:
    return value == "yes"


def answer_field(version: ClinicQuestionVersion) -> forms.Field:
    """The form field that asks one version of a question (required when it says so)."""
    common = {"label": version.text_in(), "required": version.required}
    choices = version.choice_pairs()  # the stored value is the clinic's wording
    if version.kind == Kind.YES_NO:
        attrs = {"data-urgent": "true"} if version.yes_level == FlagLevel.URGENT else None
        return forms.TypedChoiceField(
            choices=YES_NO,
            coerce=_to_bool,
            empty_value=None,
            widget=forms.RadioSelect(attrs=attrs),
            error_messages={"required": _("Please answer yes or no.")},
            **common,
        )
    if version.kind == Kind.ONE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if version.kind == Kind.SEVERAL:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if version.kind == Kind.SCALE:
        return forms.IntegerField(
            min_value=0,
            max_value=10,
            help_text=_("0 to 10."),
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
            **common,
        )
    return forms.CharField(
        max_length=MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 2}), **common
    )


def initial_value(kind: str, value: Any) -> Any:
    if kind == Kind.YES_NO:
        return "yes" if value is True else "no"
    return value


def stored_value(kind: str, value: Any) -> Any:
    """What is kept for a cleaned value; None for a blank answer."""
    if kind == Kind.TEXT:
        value = (value or "").strip()
    if value in ("", [], None):
        return None
    return value


class ClinicQuestionsMixin:
    """For a wizard step's form: one field per active clinic question of ``step`` (its latest
    version), after the step's own fields, filled with the draft's answer to that version;
    ``save_clinic_answers`` stores them with the step (inside the step's transaction)."""

    def add_clinic_questions(self, step: str, intake) -> None:  # noqa: ANN001 (IntakeSubmission)
        self.clinic_intake = intake
        self.clinic_versions = selectors.latest_versions(step=step)
        answered = {a.version_id: a.value for a in screening.clinic_answers_of(intake)}
        for version in self.clinic_versions:
            name = f"{PREFIX}{version.question_id}"
            self.fields[name] = answer_field(version)
            if version.pk in answered and not self.is_bound:
                self.initial[name] = initial_value(version.kind, answered[version.pk])

    @property
    def clinic_fields(self) -> list[BoundField]:
        return [self[f"{PREFIX}{v.question_id}"] for v in self.clinic_versions]

    def save_clinic_answers(self) -> None:
        if not self.clinic_versions:
            return
        answers = [
            (v, stored_value(v.kind, self.cleaned_data.get(f"{PREFIX}{v.question_id}")))
            for v in self.clinic_versions
        ]
        services.save_answers(intake=self.clinic_intake, answers=answers)


LEVELS = [
    (FlagLevel.NONE, "No flag"),
    (FlagLevel.CAUTION, "Caution"),
    (FlagLevel.PHYSICIAN, "See a physician first"),
    (FlagLevel.URGENT, "Urgent"),
]


class QuestionForm(forms.Form):
    """Add a question, or edit one (a new version)."""

    step = forms.ChoiceField(label="Asked on the step", choices=STEP_CHOICES)
    text = forms.CharField(label="The question, as the client reads it", max_length=MAX_TEXT)
    kind = forms.ChoiceField(label="Answered with", choices=Kind.choices, widget=forms.RadioSelect)
    choices = forms.CharField(
        label="Choices, one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"For one choice or several choices: 2 to {MAX_CHOICES}.",
    )
    required = forms.BooleanField(label="The client must answer it", required=False)
    yes_level = forms.ChoiceField(
        label="A “yes” raises the clinic's own flag",
        choices=LEVELS,
        initial=FlagLevel.NONE,
        help_text="Yes-or-no questions only. Shown with the safety flags, marked as the clinic's "
        "own; an urgent one shows the emergency advice to the client.",
    )

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # a question stays on its step; its wording, kind and flag may change
            del self.fields["step"]
        for code, name in content_languages():  # optional: a client reads what is given
            self.fields[f"text_{code}"] = forms.CharField(
                label=f"The question in {name}",
                max_length=MAX_TEXT,
                required=False,
                help_text="Left empty, clients reading this language are asked in your words.",
            )
            self.fields[f"choices_{code}"] = forms.CharField(
                label=f"Choices in {name}, one a line, in the same order",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def _translations(self, cleaned: dict, choices: list[str]) -> dict[str, dict]:
        """{language: {"text": ..., "choices": [...]}} from the translation fields."""
        out: dict[str, dict] = {}
        for code, _name in content_languages():
            text = " ".join((cleaned.get(f"text_{code}") or "").split())
            lines = (cleaned.get(f"choices_{code}") or "").splitlines()
            labels = [" ".join(line.split()) for line in lines if line.strip()]
            if not choices:
                labels = []
            elif labels and len(labels) != len(choices):
                self.add_error(f"choices_{code}", ValidationError(
                    f"Give the {len(choices)} choices, one a line, in the same order.",
                    code="translation_count"))  # fmt: skip
            elif any(len(label) > MAX_CHOICE for label in labels):
                self.add_error(f"choices_{code}", ValidationError(
                    f"Keep each choice to {MAX_CHOICE} characters.", code="max_length"))  # fmt: skip
            elif labels and not text:
                self.add_error(f"text_{code}", ValidationError(
                    "Translate the question too, or leave its choices empty.",
                    code="translation_text"))  # fmt: skip
            elif text and not labels:
                self.add_error(f"choices_{code}", ValidationError(
                    "Translate the choices too, or leave the question empty.",
                    code="translation_choices"))  # fmt: skip
            if text:
                out[code] = {"text": text, **({"choices": labels} if labels else {})}
        return out

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise ValidationError("Write the question.", code="required")
        return text

    def clean_choices(self) -> list[str]:
        lines = [
            " ".join(line.split()) for line in self.cleaned_data.get("choices", "").splitlines()
        ]
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, choices = cleaned.get("kind"), cleaned.get("choices") or []
        if kind in (Kind.ONE, Kind.SEVERAL):
            if not 2 <= len(choices) <= MAX_CHOICES:
                self.add_error(
                    "choices",
                    ValidationError(
                        f"Give 2 to {MAX_CHOICES} different choices, one a line.", code="count"
                    ),
                )
            elif any(len(choice) > MAX_CHOICE for choice in choices):
                self.add_error(
                    "choices",
                    ValidationError(
                        f"Keep each choice to {MAX_CHOICE} characters.", code="max_length"
                    ),
                )
        else:
            cleaned["choices"] = []
        cleaned["translations"] = self._translations(cleaned, cleaned.get("choices") or [])
        level = cleaned.get("yes_level")
        if kind and kind != Kind.YES_NO and level and level != FlagLevel.NONE:
            self.add_error(
                "yes_level",
                ValidationError("Only a yes-or-no question can raise a flag.", code="not_yes_no"),
            )
        return cleaned

    @classmethod
    def initial_of(cls, version: ClinicQuestionVersion) -> dict[str, Any]:
        return {
            "text": version.text,
            "kind": version.kind,
            "choices": "\n".join(version.choices or ()),
            "required": version.required,
            "yes_level": version.yes_level,
            **{
                f"{field}_{code}": "\n".join(value) if isinstance(value, list) else value
                for code, words in (version.translations or {}).items()
                for field, value in words.items()
            },
        }
