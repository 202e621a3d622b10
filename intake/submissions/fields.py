"""The wizard's shared fields and widgets: a 0-10 score, a yes/no question, a phone number and a
date, and the lists of choices the steps ask from."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import outcomes

SCORE_HELP = _("0 means none, 10 the worst you can imagine.")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]

AGGRAVATING = [
    ("sitting", _("Sitting")),
    ("standing", _("Standing")),
    ("walking", _("Walking")),
    ("bending", _("Bending forward")),
    ("lifting", _("Lifting")),
    ("lying", _("Lying down")),
    ("coughing", _("Coughing or sneezing")),
    ("morning", _("First thing in the morning")),
]
EASING = [
    ("rest", _("Rest")),
    ("moving", _("Moving around")),
    ("walking", _("Walking")),
    ("heat", _("Heat")),
    ("ice", _("Ice")),
    ("stretching", _("Stretching")),
    ("lying", _("Lying down")),
    ("medication", _("Pain medication")),
]
PSFS_ROWS = outcomes.MAX_ACTIVITIES
SAFETY_STEP = 5
MAX_AGE = 120


def _today() -> datetime.date:
    return timezone.localdate()


def score_field(
    label: str, *, required: bool = True, help_text: str = SCORE_HELP
) -> forms.IntegerField:
    """A whole number from 0 to 10, typed on a numeric keypad."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
    )


def yes_no_field(
    label: str, *, attrs: dict | None = None, required: bool = True, help_text: str = ""
) -> forms.TypedChoiceField:
    """A question answered Yes or No (radios, neither pre-ticked), converted to True or False
    (None when an optional one is left unanswered)."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect(attrs=attrs),
        error_messages={"required": _("Please answer yes or no.")},
    )


def yes_no_initial(value: bool | None) -> str | None:
    """A stored yes/no answer as the radios' value (None: neither ticked)."""
    return None if value is None else ("yes" if value else "no")


class TelInput(forms.TextInput):
    """A phone number: the phone's dial pad, and the browser's own number offered (``tel``)."""

    input_type = "tel"


PHONE_CHARACTERS = re.compile(r"^[0-9+()\-./ ]+$")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 6, 20


def clean_phone(value: str) -> str:
    """A phone number as typed (spaces tidied): digits with + ( ) - . / and spaces, 6 to 20
    digits."""
    phone = " ".join(value.split())
    digits = sum(ch.isdigit() for ch in phone)
    if not PHONE_CHARACTERS.match(phone) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(
            _(
                "Type a phone number with its area code, using digits (spaces, dashes, brackets "
                "and a leading + are fine)."
            ),
            code="invalid_phone",
        )
    return phone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
