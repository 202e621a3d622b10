"""Step 7 of the intake wizard: consent, given afresh on every intake (nothing is pre-ticked or
pre-typed), and for a client under ``settings.AGE_OF_MAJORITY`` at the intake date, the consent
of a parent or guardian: their name, relationship and typed signature."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intake.submissions.services import Guardian

CONSENT_TEXT = _(
    "I understand that massage therapy is not a substitute for medical diagnosis or treatment, "
    "and that my massage therapist does not diagnose. I have answered the questions truthfully "
    "to the best of my knowledge and will tell my therapist if anything changes. I consent to "
    "massage therapy as explained to me, and I know I may ask for changes or stop the treatment "
    "at any time. I understand that my information is kept confidential and is shared with my "
    "physician only for my care."
)


def _typed_name(value: str) -> str:
    """A typed name with its spaces tidied; at least two characters."""
    name = " ".join(value.split())
    if len(name) < 2:
        raise ValidationError(_("Type a full name."), code="too_short")
    return name


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read and agree to the consent above"),
        error_messages={"required": _("Please tick the box to give your consent.")},
    )
    signature = forms.CharField(
        label=_("Type your full name as your signature"),
        max_length=200,
        # Starts empty and is never filled in by the browser: a signature is typed, not offered.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    GUARDIAN_FIELDS = ("guardian_name", "guardian_relationship", "guardian_signature")

    def __init__(self, *args, guardian_needed: bool = False, client_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.guardian_needed = guardian_needed
        self.client_name = client_name
        self.age_of_majority = settings.AGE_OF_MAJORITY
        if not guardian_needed:
            return
        off = forms.TextInput(attrs={"autocomplete": "off"})
        self.fields["guardian_name"] = forms.CharField(
            label=_("Parent or guardian's full name"), max_length=200, widget=off
        )
        self.fields["guardian_relationship"] = forms.CharField(
            label=_("Their relationship to you"),
            max_length=100,
            help_text=_("For example: mother, father, legal guardian."),
        )
        self.fields["guardian_signature"] = forms.CharField(
            label=_("Parent or guardian: type your own name as your signature"),
            max_length=200,
            widget=off,
        )

    def clean_signature(self) -> str:
        return _typed_name(self.cleaned_data["signature"])

    def clean_guardian_name(self) -> str:
        name = _typed_name(self.cleaned_data["guardian_name"])
        if name.casefold() == " ".join(self.client_name.split()).casefold():
            raise ValidationError(
                _("A parent or guardian must be someone other than you."), code="self"
            )
        return name

    def clean_guardian_relationship(self) -> str:
        return _typed_name(self.cleaned_data["guardian_relationship"])

    def clean_guardian_signature(self) -> str:
        return _typed_name(self.cleaned_data["guardian_signature"])

    def clean(self) -> dict:
        cleaned = super().clean()
        name, signed = cleaned.get("guardian_name"), cleaned.get("guardian_signature")
        if name and signed and name.casefold() != signed.casefold():
            self.add_error(
                "guardian_signature",
                ValidationError(
                    _("The signature should be the parent or guardian's name, as typed above."),
                    code="mismatch",
                ),
            )
        return cleaned

    def guardian(self) -> Guardian | None:
        if not self.guardian_needed:
            return None
        data = self.cleaned_data
        return Guardian(
            data["guardian_name"], data["guardian_relationship"], data["guardian_signature"]
        )
