"""The kiosk's forms: a client identifying themselves, a staff member leaving kiosk mode, and
the front desk's (open a kiosk, send a client to one)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from intake.invitations.forms import DateInput
from intake.kiosk.models import Kiosk
from intake.kiosk.services import CODE_DIGITS, open_kiosks


class IdentifyForm(forms.Form):
    last_name = forms.CharField(
        label=_("Your last name (family name)"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(label=_("Your date of birth"), widget=DateInput)
    code = forms.RegexField(
        label=_("The code from the front desk"),
        regex=rf"^\s*\d{{{CODE_DIGITS}}}\s*$",
        max_length=20,
        error_messages={
            "invalid": format_lazy(_("The code has {digits} digits."), digits=CODE_DIGITS)
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ExitForm(forms.Form):
    """A staff member's e-mail and password: leaving kiosk mode needs them."""

    email = forms.EmailField(
        label="Staff e-mail", widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )


class OpenKioskForm(forms.Form):
    name = forms.CharField(
        label="Name of this device",
        max_length=60,
        initial="Waiting-room tablet",
        help_text="Staff see it when they send a client to a kiosk.",
    )


class SendForm(forms.Form):
    kiosk = forms.ModelChoiceField(label="Kiosk", queryset=Kiosk.objects.none(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kiosk"].queryset = open_kiosks()
