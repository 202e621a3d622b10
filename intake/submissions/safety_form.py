"""Step 5 of the intake wizard: the safety questions, asked from the screening table."""

from __future__ import annotations

from django import forms

from intake.questions.forms import ClinicQuestionsMixin
from intake.submissions import screening
from intake.submissions.forms import SAFETY_STEP, yes_no_field
from intake.submissions.models import FlagLevel, IntakeSubmission


def _urgent_together() -> dict[str, str]:
    """For each question that is urgent together with others (a derived rule's ``together``),
    the others' fields, space-separated: the page's script reads them in ``data-urgent-with``."""
    together: dict[str, str] = {}
    for rule in screening.DERIVED:
        if rule.level == FlagLevel.URGENT:
            for field in rule.together:
                together[field] = " ".join(other for other in rule.together if other != field)
    return together


URGENT_WITH = _urgent_together()


class SafetyForm(ClinicQuestionsMixin, forms.Form):
    """Yes/No for every question of the screening table asked of this intake on this step (the
    saddle question again when the groin is marked): each must be answered, none is pre-ticked.
    An urgent question's radios carry ``data-urgent`` (the page's script shows the emergency
    advice as soon as one is answered yes), and ``data-urgent-with`` for answers urgent only
    together. Then the clinic's own questions of this step (an urgent one's yes carries
    ``data-urgent`` too)."""

    def __init__(self, *args, instance: IntakeSubmission, marks=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        if marks is None:
            marks = instance.marks.all() if instance.pk else ()
        asked = screening.asked_on_safety_step(marks)
        self.intake_fields = tuple(q.field for q in asked)
        for q in asked:
            attrs = {"data-urgent": "true"} if q.level == FlagLevel.URGENT else {}
            if q.field in URGENT_WITH:
                attrs["data-urgent-with"] = URGENT_WITH[q.field]
            self.fields[q.field] = yes_no_field(q.question, attrs=attrs or None)
            answer = getattr(instance, q.field)
            if instance.current_step > SAFETY_STEP and answer is not None:  # answered before
                self.initial[q.field] = "yes" if answer else "no"
        self.add_clinic_questions("safety", instance)

    def _says_yes(self, name: str) -> bool:
        return name in self.fields and self[name].value() == "yes"

    @property
    def urgent_answer(self) -> str | None:
        """The question below which the page shows the emergency advice: the first answered
        yes that is urgent alone, else the last of answers urgent together that are all yes
        (None when no answer given, or sent back, is urgent). Read from what was sent, so the
        page that comes back without JavaScript shows it where the client answered."""
        together = None
        for name, field in self.fields.items():
            if not self._says_yes(name):
                continue
            attrs = field.widget.attrs
            if attrs.get("data-urgent"):
                return name
            others = attrs.get("data-urgent-with", "").split()
            if others and all(self._says_yes(other) for other in others):
                together = name
        return together

    def save(self, commit: bool = True) -> IntakeSubmission:
        for field in self.intake_fields:
            setattr(self.instance, field, self.cleaned_data[field])
        self.save_clinic_answers()
        if commit:
            self.instance.save()
        return self.instance
