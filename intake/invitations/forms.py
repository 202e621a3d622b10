"""Forms of the front desk's new-client page and of the invitation link's password page."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.accounts.forms import NewPasswordForm
from intake.accounts.models import Client, User
from intake.submissions.forms import DateInput

MAX_AGE_YEARS = 120


class NewClientForm(forms.Form):
    first_name = forms.CharField(max_length=100, label="First name")
    last_name = forms.CharField(max_length=100, label="Last name")
    date_of_birth = forms.DateField(label="Date of birth", widget=DateInput)
    email = forms.EmailField(label="E-mail", required=False)
    phone = forms.CharField(max_length=40, label="Phone", required=False)
    language = forms.ChoiceField(
        label="Language they read",
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,  # not given: the clinic's default until they pick one
        help_text="Their invitation, e-mails and handouts use it; they can change it themselves.",
    )
    send_invitation = forms.BooleanField(
        label="E-mail them an intake invitation now",
        required=False,
        initial=True,
        help_text="A link to set a password and fill in the intake before the visit.",
    )

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                "Someone already logs in with this e-mail: find that client instead.",
                code="email_taken",
            )
        return email

    def clean_date_of_birth(self) -> dt.date:
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise ValidationError("A date of birth cannot be in the future.", code="future")
        if today.year - born.year > MAX_AGE_YEARS:
            raise ValidationError("Please check the year: over 120 years ago.", code="too_old")
        return born

    def clean(self) -> dict:
        cleaned = super().clean()
        email, phone = cleaned.get("email"), (cleaned.get("phone") or "").strip()
        cleaned["phone"] = phone
        if "email" in self.errors:
            return cleaned
        if not email and not phone:
            self.add_error("email", ValidationError("Give an e-mail or a phone.", code="contact"))
        if cleaned.get("send_invitation") and not email:
            self.add_error(
                "send_invitation",
                ValidationError("An invitation goes by e-mail: give one.", code="no_email"),
            )
        first, last, born = (cleaned.get(k) for k in ("first_name", "last_name", "date_of_birth"))
        if first and last and born and _same_person(first, last, born):
            raise ValidationError(
                "A client with this name and date of birth already exists: find them in the "
                "client search and invite them from their intake access page.",
                code="duplicate",
            )
        return cleaned


def _same_person(first: str, last: str, born: dt.date) -> bool:
    return Client.objects.filter(
        first_name__iexact=first, last_name__iexact=last, date_of_birth=born
    ).exists()


class SetPasswordForm(NewPasswordForm):
    """The invitation link's page: the invited client chooses their password."""

    password_label = _("Choose a password")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # unsaved: the login the password is checked against

    def password_user(self, cleaned: dict) -> User:
        return self.user
