"""The intake wizard's forms: one per step (the body map's in ``body_map_form``). They validate
and convert; the services save."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intake import outcomes, uploads
from intake.accounts.models import Client
from intake.questions.forms import ClinicQuestionsMixin
from intake.referrals.models import Physician
from intake.submissions import approximate_date, screening
from intake.submissions.letters import letter_names, stored_letters  # noqa: F401 (re-exported)
from intake.submissions.models import (
    EMERGENCY_CONTACT_FIELDS,
    HISTORY_FIELDS,
    HISTORY_YES_NO,
    SYMPTOM_FIELDS,
    FlagLevel,
    IntakeSubmission,
)

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


# ---------------------------------------------------------------- step 1: about you


class AboutYouForm(forms.ModelForm):
    """The client's own details (their Client record) and the person to call in an emergency
    (kept on the intake: ``intake_fields``)."""

    emergency_contact_name = forms.CharField(
        label=_("Emergency contact: name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    emergency_contact_phone = forms.CharField(
        label=_("Emergency contact: phone"),
        max_length=40,
        required=False,
        # Not "tel": the browser would offer the client's own number.
        widget=TelInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    emergency_contact_relationship = forms.CharField(
        label=_("Emergency contact: relationship to you"),
        max_length=100,
        required=False,
        help_text=_("For example: partner, daughter, friend."),
    )

    class Meta:
        model = Client
        fields = ["first_name", "last_name", "date_of_birth", "phone", "address"]
        widgets = {
            "date_of_birth": DateInput(),
            "phone": TelInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "date_of_birth": _("Date of birth"),
            "phone": _("Phone number"),
            "address": _("Address"),
        }

    intake_fields = EMERGENCY_CONTACT_FIELDS

    def __init__(self, *args, intake: IntakeSubmission | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.intake = intake
        self.fields["date_of_birth"].required = True
        self.fields["phone"].required = True
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "date_of_birth": "bday",
            "phone": "tel",
            "address": "street-address",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        if intake is not None and not self.is_bound:
            for name in EMERGENCY_CONTACT_FIELDS:
                self.initial[name] = getattr(intake, name)

    def contact_fields(self) -> list[BoundField]:
        return [self[name] for name in EMERGENCY_CONTACT_FIELDS]

    def own_fields(self) -> list[BoundField]:
        return [self[name] for name in self._meta.fields]

    def clean_date_of_birth(self) -> datetime.date:
        dob = self.cleaned_data["date_of_birth"]
        today = _today()
        if dob > today:
            raise ValidationError(_("Your date of birth cannot be in the future."), code="future")
        if screening.age_on(dob, today) > MAX_AGE:
            raise ValidationError(
                _("Please check the year of your date of birth: it makes you older than 120."),
                code="too_old",
            )
        return dob

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_emergency_contact_name(self) -> str:
        name = " ".join(self.cleaned_data["emergency_contact_name"].split())
        if len(name) == 1:
            raise ValidationError(_("Type their full name."), code="too_short")
        return name

    def clean_emergency_contact_phone(self) -> str:
        phone = self.cleaned_data["emergency_contact_phone"].strip()
        return clean_phone(phone) if phone else ""

    def clean(self) -> dict:
        """A contact is a name with a phone number (both, or neither): one alone reaches no one."""
        cleaned = super().clean()
        name, theirs = cleaned.get("emergency_contact_name"), cleaned.get("emergency_contact_phone")
        if name and theirs == "" and "emergency_contact_phone" not in self.errors:
            self.add_error(
                "emergency_contact_phone",
                ValidationError(_("Add their phone number, so we can call them."), code="required"),
            )
        relationship = (cleaned.get("emergency_contact_relationship") or "").strip()
        if (theirs or relationship) and name == "" and "emergency_contact_name" not in self.errors:
            self.add_error(
                "emergency_contact_name",
                ValidationError(_("Add the name of the person to call."), code="required"),
            )
        own = cleaned.get("phone")
        if own and theirs and _digits(own) == _digits(theirs):
            self.add_error(
                "emergency_contact_phone",
                ValidationError(
                    _("This is your own number: give the number of the person we should call."),
                    code="own_phone",
                ),
            )
        return cleaned

    def save_contact(self) -> None:
        """Put the emergency contact on the intake (the service writes it)."""
        for name in EMERGENCY_CONTACT_FIELDS:
            setattr(self.intake, name, self.cleaned_data[name].strip())


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def emergency_contact_rows(intake: IntakeSubmission) -> list[tuple[str, str]]:
    """The emergency contact as the review and summaries show it."""
    name = intake.emergency_contact_name or "—"
    if intake.emergency_contact_relationship:
        name = f"{name} ({intake.emergency_contact_relationship})"
    return [
        (gettext("Emergency contact"), name),
        (gettext("Emergency contact's phone"), intake.emergency_contact_phone or "—"),
    ]


# ---------------------------------------------------------------- step 3: symptom story


class SymptomsForm(ClinicQuestionsMixin, forms.ModelForm):
    worse_with = forms.MultipleChoiceField(
        label=_("What makes it worse?"),
        choices=AGGRAVATING,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    better_with = forms.MultipleChoiceField(
        label=_("What makes it better?"),
        choices=EASING,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    worst_pain = score_field(_("Worst pain in the last week (0 to 10)"))
    current_pain = score_field(_("Pain right now (0 to 10)"))
    first_episode = yes_no_field(_("Is this the first time you have had this problem?"))

    class Meta:
        model = IntakeSubmission
        fields = list(SYMPTOM_FIELDS)
        labels = {
            "main_complaint": _("What brings you in? Describe it in your own words."),
            "symptoms_started": _("When did it start?"),
            "onset": _("How did it start?"),
        }
        widgets = {
            "main_complaint": forms.Textarea(attrs={"rows": 3}),
            "onset": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["main_complaint"].required = True
        self.fields["onset"].required = True
        self.fields["onset"].choices = IntakeSubmission.Onset.choices
        self.fields["symptoms_started"] = approximate_date.ApproximateDateField(
            label=_("When did it start?"),
            required=False,
            help_text=_("The month and year are enough: add the day only if you know it."),
        )
        if not self.is_bound and self.instance.symptoms_started:
            self.initial["symptoms_started"] = self.instance.symptoms_started_as_given
        for i in range(1, PSFS_ROWS + 1):
            self.fields[f"activity_{i}"] = forms.CharField(
                label=_("Activity %(number)s you find hard") % {"number": i},
                max_length=120,
                required=False,
                help_text=_("For example: sitting at my desk, climbing stairs, gardening.")
                if i == 1
                else "",
            )
            self.fields[f"ability_{i}"] = score_field(
                _("How well can you do activity %(number)s now? (0 to 10)") % {"number": i},
                required=False,
                help_text=_("0 means unable, 10 means as well as before the problem."),
            )
        for i, row in enumerate(self.instance.psfs or [], start=1):
            if i <= PSFS_ROWS and not self.is_bound:
                self.initial[f"activity_{i}"] = row.get("activity", "")
                self.initial[f"ability_{i}"] = row.get("score")
        if self.instance.first_episode is not None:
            self.initial["first_episode"] = yes_no_initial(self.instance.first_episode)
        self.add_clinic_questions("symptoms", self.instance)

    @property
    def intake_fields(self) -> tuple[str, ...]:
        """The intake's columns this step writes."""
        return (*self._meta.fields, "symptoms_started_month_only", "psfs")

    def started_parts(self) -> list[dict]:
        """The start date's month, year and day, for the page to lay out with a label each."""
        field = self["symptoms_started"]
        return field.field.widget.parts(field.html_name, field.value(), field.auto_id)

    def psfs_pairs(self) -> list[tuple[BoundField, BoundField]]:
        """Each activity's field and its score's field, for the template to lay out in rows."""
        return [(self[f"activity_{i}"], self[f"ability_{i}"]) for i in range(1, PSFS_ROWS + 1)]

    def clean_symptoms_started(self) -> datetime.date | None:
        """A day, or a month (a MonthDate, its first day): neither in the future nor before
        birth (a month counts from its first day for one, to its last for the other)."""
        started = self.cleaned_data.get("symptoms_started")
        if started and started > _today():
            raise ValidationError(_("This date is in the future."), code="future")
        born = self.instance.client.date_of_birth
        month_only = isinstance(started, approximate_date.MonthDate)
        latest = approximate_date.last_day(started) if started and month_only else started
        if latest and born and latest < born:
            raise ValidationError(
                _("This date is before your date of birth: please check the year."),
                code="before_birth",
            )
        return started

    def clean(self) -> dict:
        cleaned = super().clean()
        worst, now = cleaned.get("worst_pain"), cleaned.get("current_pain")
        if worst is not None and now is not None and now > worst:
            self.add_error(
                "current_pain",
                ValidationError(
                    _(
                        "Your pain right now is higher than your worst pain in the last week: "
                        "please check both numbers."
                    ),
                    code="above_worst",
                ),
            )
        rows = [(f"activity_{i}", f"ability_{i}") for i in range(1, PSFS_ROWS + 1)]
        psfs = outcomes.clean_psfs(self, rows)
        cleaned["psfs"] = psfs
        return cleaned

    def save(self, commit: bool = True) -> IntakeSubmission:
        """The step's columns (written by the wizard's service), and its clinic answers."""
        self.instance.psfs = self.cleaned_data["psfs"]
        started = self.cleaned_data.get("symptoms_started")
        self.instance.symptoms_started_month_only = isinstance(started, approximate_date.MonthDate)
        self.save_clinic_answers()
        return super().save(commit=commit)


# ---------------------------------------------------------------- step 4: health history


FOLLOW_UP_HELP = _("Answer this one only if you answered yes just above.")


def _history_field(model_field, **kwargs) -> forms.Field | None:  # noqa: ANN001
    """The health history's yes/no questions are answered Yes or No (an empty tick box could not
    tell "no" from "skipped"); a follow-up question (``requires``) only after a yes."""
    if model_field.name in HISTORY_YES_NO:
        q = screening.HISTORY_QUESTIONS[model_field.name]
        help_text = FOLLOW_UP_HELP if q.requires else ""
        return yes_no_field(q.question, required=not q.requires, help_text=help_text)
    return model_field.formfield(**kwargs)


class HistoryForm(ClinicQuestionsMixin, forms.ModelForm):
    class Meta:
        model = IntakeSubmission
        fields = list(HISTORY_FIELDS)
        formfield_callback = _history_field
        labels = {
            # The screened answers are worded by the screening table; the others here.
            **{field: q.question for field, q in screening.HISTORY_QUESTIONS.items()},
            "medications": _("Medications you take"),
            "surgery_details": _("If so, what and when?"),
            "avoid_areas": _("Areas you do not want touched"),
            "consents_to_glute_work": _(
                "I agree to massage of the buttock (glute) muscles when my therapist "
                "explains it will help"
            ),
        }
        help_texts = {
            "medications": _("Names and doses if you know them. Leave empty if none."),
            "consents_to_glute_work": _(
                "You can change your mind at any time, even during a visit."
            ),
        }
        widgets = {
            "medications": forms.Textarea(attrs={"rows": 2}),
            "surgery_details": forms.Textarea(attrs={"rows": 2}),
            "skin_conditions": forms.Textarea(attrs={"rows": 2}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "avoid_areas": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for name in HISTORY_YES_NO:
                self.initial[name] = yes_no_initial(getattr(self.instance, name))
        self.add_clinic_questions("history", self.instance)

    def save(self, commit: bool = True) -> IntakeSubmission:
        """The step's columns (written by the wizard's service), and its clinic answers."""
        self.save_clinic_answers()
        return super().save(commit=commit)

    def clean(self) -> dict:
        """Refuse answers that contradict each other; nothing typed is lost."""
        cleaned = super().clean()
        if cleaned.get("recent_surgery_or_fracture") and screening.says_nothing(
            cleaned.get("surgery_details")
        ):
            self.add_error(
                "surgery_details",
                ValidationError(_("Tell us what it was and roughly when."), code="required"),
            )
        medications = cleaned.get("medications")
        if (
            cleaned.get("takes_blood_thinners")
            and medications
            and screening.says_nothing(medications)
        ):
            self.add_error(
                "medications",
                ValidationError(
                    gettext(
                        "You wrote “%(typed)s” here but answered yes to taking a blood "
                        "thinner: name the blood thinner, or answer no to that question."
                    )
                    % {"typed": medications.strip()},
                    code="contradiction",
                ),
            )
        for field, q in screening.HISTORY_QUESTIONS.items():
            if not q.requires or field not in HISTORY_YES_NO or field in self.errors:
                continue
            first, answer = cleaned.get(q.requires), cleaned.get(field)
            if answer and first is False:
                needed = screening.HISTORY_QUESTIONS[q.requires].question
                self.add_error(
                    field,
                    ValidationError(
                        gettext(
                            "You answered yes here but no to “%(question)s”: change one of the two."
                        )
                        % {"question": needed},
                        code="contradiction",
                    ),
                )
            elif answer is None and first:
                self.add_error(
                    field, ValidationError(_("Please answer yes or no."), code="required")
                )
            elif answer is None and first is False:
                cleaned[field] = False  # it follows from the no above
        return cleaned

    @property
    def intake_fields(self) -> tuple[str, ...]:
        """The intake's columns this step writes."""
        return tuple(self._meta.fields)


# ---------------------------------------------------------------- step 6: referral


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


class StaffIntakeFilterForm(forms.Form):
    level = forms.ChoiceField(
        label="Flag level",
        required=False,
        choices=[("", "All"), *reversed(FlagLevel.choices)],  # highest first
    )
