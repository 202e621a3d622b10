"""Step 6 of the wizard: the physician referral, its letter in one or several files."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intake import uploads
from intake.referrals.models import Physician
from intake.submissions.fields import DateInput, _today, yes_no_field
from intake.submissions.letters import letter_names
from intake.submissions.models import IntakeSubmission

MAX_LETTER_FILES = 5
FILE_NAME_SHOWN = 60  # characters of a file's name quoted in a message


class MultipleFileInput(forms.FileInput):
    """A file input that takes several files at once (``multiple``)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files for one document: a list of uploads, each checked as a FileField checks
    one (an empty list when none is chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:  # noqa: ANN001
        chosen = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in chosen if file]


class ReferralForm(forms.Form):
    referred = yes_no_field(_("Did a physician refer you to us?"))
    physician = forms.ModelChoiceField(
        label=_("Your physician, if listed"),
        queryset=Physician.objects.all(),
        required=False,
        empty_label=_("Not in this list (enter below)"),
    )
    new_name = forms.CharField(label=_("Physician's name"), max_length=200, required=False)
    new_practice = forms.CharField(label=_("Clinic or practice"), max_length=200, required=False)
    new_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    new_fax = forms.CharField(label=_("Fax"), max_length=40, required=False)
    new_email = forms.EmailField(label=_("E-mail"), required=False)
    referral_date = forms.DateField(
        label=_("Date of the referral"), required=False, widget=DateInput
    )
    reason = forms.CharField(
        label=_("Reason or diagnosis, as the physician wrote it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    visits_authorized = forms.IntegerField(
        label=_("Number of visits authorized"), min_value=1, max_value=100, required=False
    )
    expires_on = forms.DateField(label=_("Referral valid until"), required=False, widget=DateInput)
    letter = MultipleFileField(
        label=_("Referral letter (optional)"),
        required=False,
        help_text=format_lazy(
            _(
                "A PDF, or photos (JPEG or PNG), up to 10 MB each. A letter of several pages can "
                "be several files: choose them together (up to {count})."
            ),
            count=MAX_LETTER_FILES,
        ),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    NEW_FIELDS = ("new_name", "new_practice", "new_phone", "new_fax", "new_email")

    def __init__(self, *args, instance: IntakeSubmission, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        details = instance.referral_details or {}
        if details and not self.is_bound:
            self.initial.update(
                {
                    "referred": "yes" if details.get("referred") else "no",
                    "physician": details.get("physician_id"),
                    "referral_date": details.get("referral_date"),
                    "reason": details.get("reason", ""),
                    "visits_authorized": details.get("visits_authorized"),
                    "expires_on": details.get("expires_on"),
                    **{
                        f"new_{key}": value
                        for key, value in (details.get("new_physician") or {}).items()
                    },
                }
            )
        self.letters_on_file = letter_names(details)
        self.letter_content_types: list[str] = []

    def clean_letter(self) -> list:
        """Each file checked as one letter is (type by content, size), each error naming its
        file; the content types in the files' order."""
        files = self.cleaned_data.get("letter") or []
        if len(files) > MAX_LETTER_FILES:
            raise ValidationError(
                gettext("Choose at most %(count)s files for one letter.")
                % {"count": MAX_LETTER_FILES},
                code="too_many",
            )
        errors = []
        for file in files:
            try:
                self.letter_content_types.append(uploads.validate_upload(file))
            except ValidationError as error:
                name = file.name if len(file.name) <= FILE_NAME_SHOWN else file.name[:59] + "…"
                errors += [
                    ValidationError(f"“{name}”: {message}", code=error.code)
                    for message in error.messages
                ]
        if errors:
            raise ValidationError(errors)
        return files

    def clean_referral_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("referral_date")
        if date and date > _today():
            raise ValidationError(_("The referral date cannot be in the future."), code="future")
        return date

    def clean(self) -> dict:
        """The details matter only after a yes: after a no, whatever is in them (even a
        mistake) is ignored, so a page without JavaScript, which still shows them, goes on."""
        cleaned = super().clean()
        if cleaned.get("referred") is False:
            for name in self.fields:
                if name != "referred":
                    self._errors.pop(name, None)
                    cleaned.pop(name, None)
            self.letter_content_types = []
            return cleaned
        if not cleaned.get("referred"):
            return cleaned
        if not cleaned.get("physician") and not (cleaned.get("new_name") or "").strip():
            self.add_error(
                "new_name",
                ValidationError(
                    _("Choose your physician from the list, or type their name."), code="required"
                ),
            )
        if not cleaned.get("referral_date") and "referral_date" not in self.errors:
            self.add_error(
                "referral_date",
                ValidationError(_("Give the date on the referral."), code="required"),
            )
        date, expires = cleaned.get("referral_date"), cleaned.get("expires_on")
        if date and expires and expires < date:
            self.add_error(
                "expires_on",
                ValidationError(
                    _("The expiry date cannot be before the referral date."), code="before_date"
                ),
            )
        return cleaned

    def details(self, letters: list[dict]) -> dict:
        """The JSON kept on the draft until submit (``letters``: the files of its letter)."""
        data = self.cleaned_data
        if not data["referred"]:
            return {"referred": False}
        physician = data.get("physician")
        return {
            "referred": True,
            "physician_id": physician.pk if physician else None,
            "new_physician": {}
            if physician
            else {key[4:]: (data.get(key) or "").strip() for key in self.NEW_FIELDS},
            "referral_date": data["referral_date"].isoformat(),
            "reason": data.get("reason", ""),
            "visits_authorized": data.get("visits_authorized"),
            "expires_on": data["expires_on"].isoformat() if data.get("expires_on") else None,
            "letters": letters,
        }
