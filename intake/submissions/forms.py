"""The intake wizard's forms: one per step (the body map's in ``body_map_form``). They validate
and convert; the services save."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intake import outcomes
from intake.accounts.models import Client
from intake.questions.forms import ClinicQuestionsMixin
from intake.submissions import approximate_date, screening

# Re-exported: the steps' shared fields (fields.py) and the referral step (referral_form.py).
from intake.submissions.fields import (  # noqa: F401
    AGGRAVATING,
    EASING,
    MAX_AGE,
    PHONE_CHARACTERS,
    PSFS_ROWS,
    SAFETY_STEP,
    SCORE_HELP,
    YES_NO,
    DateInput,
    TelInput,
    _today,
    clean_phone,
    score_field,
    yes_no_field,
    yes_no_initial,
)
from intake.submissions.letters import letter_names, stored_letters  # noqa: F401 (re-exported)
from intake.submissions.models import (
    EMERGENCY_CONTACT_FIELDS,
    HISTORY_FIELDS,
    HISTORY_YES_NO,
    SYMPTOM_FIELDS,
    FlagLevel,
    IntakeSubmission,
)
from intake.submissions.referral_form import (  # noqa: F401
    FILE_NAME_SHOWN,
    MAX_LETTER_FILES,
    MultipleFileField,
    MultipleFileInput,
    ReferralForm,
)

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


class StaffIntakeFilterForm(forms.Form):
    level = forms.ChoiceField(
        label="Flag level",
        required=False,
        choices=[("", "All"), *reversed(FlagLevel.choices)],  # highest first
    )
