"""The intake wizard's forms: one per step. They validate and convert; the services save."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString

from intake import body_map, outcomes, uploads
from intake.accounts.models import Client
from intake.referrals.models import Physician
from intake.submissions import screening
from intake.submissions.markup import BootstrapMarkup, field_markup
from intake.submissions.models import HISTORY_FIELDS, SYMPTOM_FIELDS, IntakeSubmission

SCORE_HELP = "0 means none, 10 the worst you can imagine."
YES_NO = [("yes", "Yes"), ("no", "No")]

AGGRAVATING = [
    ("sitting", "Sitting"),
    ("standing", "Standing"),
    ("walking", "Walking"),
    ("bending", "Bending forward"),
    ("lifting", "Lifting"),
    ("lying", "Lying down"),
    ("coughing", "Coughing or sneezing"),
    ("morning", "First thing in the morning"),
]
EASING = [
    ("rest", "Rest"),
    ("moving", "Moving around"),
    ("walking", "Walking"),
    ("heat", "Heat"),
    ("ice", "Ice"),
    ("stretching", "Stretching"),
    ("lying", "Lying down"),
    ("medication", "Pain medication"),
]
PSFS_ROWS = 3
SAFETY_STEP = 5


def _today() -> datetime.date:
    return timezone.localdate()


def _score_field(label: str, *, required: bool = True, help_text: str = SCORE_HELP):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# ---------------------------------------------------------------- step 1: about you


class AboutYouForm(BootstrapMarkup, forms.ModelForm):
    class Meta:
        model = Client
        fields = ["first_name", "last_name", "date_of_birth", "phone", "address"]
        widgets = {
            "date_of_birth": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"phone": "Phone number"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].required = True
        self.fields["phone"].required = True
        self.fields["date_of_birth"].widget.attrs["autocomplete"] = "bday"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean_date_of_birth(self) -> datetime.date:
        dob = self.cleaned_data["date_of_birth"]
        today = _today()
        if dob > today:
            raise ValidationError("Your date of birth cannot be in the future.", code="future")
        if dob.year < today.year - 120:
            raise ValidationError("Please check the year of your date of birth.", code="too_old")
        return dob


# ---------------------------------------------------------------- step 2: body map


def _region_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for region in body_map.REGIONS:
        fields[f"sens_{region.code}"] = forms.MultipleChoiceField(
            label=f"What you feel: {region.label}",
            choices=body_map.SENSATIONS,
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
        fields[f"int_{region.code}"] = _score_field(
            f"How strong, 0 to 10: {region.label}", required=False
        )
        fields[f"int_{region.code}"].widget.attrs["class"] = "form-control intensity"
    return fields


def _sensation_boxes(code: str, felt: set[str], invalid: bool) -> SafeString:
    """One region's "what do you feel?" checkboxes (six of them for each of 48 regions: written
    here rather than by a template loop, which took ~10 ms a page)."""
    extra = ' aria-invalid="true"' if invalid else ""
    return SafeString(
        "".join(
            f'<div class="form-check form-check-inline"><input type="checkbox" '
            f'name="sens_{code}" value="{value}" class="form-check-input" '
            f'id="id_sens_{code}_{i}"{extra}{" checked" if value in felt else ""}>'
            f'<label class="form-check-label" for="id_sens_{code}_{i}">{escape(text)}</label></div>'
            for i, (value, text) in enumerate(body_map.SENSATIONS)
        )
    )


#: The 96 per-region fields, built once and shared by every BodyMapForm: copying them for each
#: form (as Django does with declared fields) cost ~5 ms a page. Nothing changes a field after
#: it is built here (issue 9).
REGION_FIELDS = _region_fields()


class BodyMapForm(forms.Form):
    """Chosen regions, and for each chosen region what the client feels there and how strongly.

    Field names: ``regions`` (the codes), ``sens_<code>`` (sensations), ``int_<code>`` (0-10).
    """

    regions = forms.MultipleChoiceField(
        label="Areas where you feel something",
        choices=body_map.region_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "%(value)s is not an area on the body map."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(REGION_FIELDS)

    @classmethod
    def initial_from(cls, marks) -> dict:
        initial: dict = {"regions": [m.region for m in marks]}
        for mark in marks:
            initial[f"sens_{mark.region}"] = list(mark.sensations)
            initial[f"int_{mark.region}"] = mark.intensity
        return initial

    def clean(self) -> dict:
        cleaned = super().clean()
        for code in cleaned.get("regions", []):
            if not cleaned.get(f"sens_{code}") and f"sens_{code}" not in self.errors:
                self.add_error(
                    f"sens_{code}",
                    ValidationError("Choose at least one thing you feel here.", code="required"),
                )
            if cleaned.get(f"int_{code}") is None and f"int_{code}" not in self.errors:
                self.add_error(
                    f"int_{code}",
                    ValidationError("Give a number from 0 to 10.", code="required"),
                )
        return cleaned

    def marks(self) -> list[dict]:
        """The valid marks: ``[{"region", "sensations", "intensity"}, ...]``."""
        return [
            {
                "region": code,
                "sensations": self.cleaned_data[f"sens_{code}"],
                "intensity": self.cleaned_data[f"int_{code}"],
            }
            for code in self.cleaned_data["regions"]
        ]

    def rows(self) -> list[tuple[str, list[dict]]]:
        """Everything the template needs to draw the grouped checkbox list, as plain values
        (the template writes the inputs itself: no widget templates, 300 of them a page)."""
        chosen = set(self._value("regions") or [])
        errors = self.errors if self.is_bound else {}
        groups = []
        for group, choices in body_map.grouped_region_choices():
            items = []
            for code, label in choices:
                felt = {str(v) for v in self._value(f"sens_{code}") or []}
                intensity = self._value(f"int_{code}")
                items.append(
                    {
                        "code": code,
                        "label": label,
                        "checked": code in chosen,
                        "sensations": _sensation_boxes(code, felt, f"sens_{code}" in errors),
                        "sensation_errors": errors.get(f"sens_{code}", []),
                        "intensity": "" if intensity in (None, "") else str(intensity),
                        "intensity_errors": errors.get(f"int_{code}", []),
                    }
                )
            groups.append((group, items))
        return groups

    def _value(self, name: str):
        if self.is_bound:
            return self.fields[name].widget.value_from_datadict(self.data, self.files, name)
        return self.get_initial_for_field(self.fields[name], name)

    def chosen(self) -> dict[str, str]:
        return dict.fromkeys(self._value("regions") or [], "symptom")


# ---------------------------------------------------------------- step 3: symptom story


class SymptomsForm(BootstrapMarkup, forms.ModelForm):
    worse_with = forms.MultipleChoiceField(
        label="What makes it worse?",
        choices=AGGRAVATING,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    better_with = forms.MultipleChoiceField(
        label="What makes it better?",
        choices=EASING,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    worst_pain = _score_field("Worst pain in the last week (0 to 10)")
    current_pain = _score_field("Pain right now (0 to 10)")

    class Meta:
        model = IntakeSubmission
        fields = list(SYMPTOM_FIELDS)
        labels = {
            "main_complaint": "What brings you in? Describe it in your own words.",
            "symptoms_started": "When did it start?",
            "onset": "How did it start?",
        }
        widgets = {
            "main_complaint": forms.Textarea(attrs={"rows": 3}),
            "symptoms_started": DateInput(),
            "onset": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["main_complaint"].required = True
        self.fields["onset"].required = True
        self.fields["onset"].choices = IntakeSubmission.Onset.choices
        self.fields["symptoms_started"].help_text = "An approximate date is fine."
        for i in range(1, PSFS_ROWS + 1):
            self.fields[f"activity_{i}"] = forms.CharField(
                label=f"Activity {i} you find hard",
                max_length=120,
                required=False,
                help_text="For example: sitting at my desk, climbing stairs, gardening."
                if i == 1
                else "",
            )
            self.fields[f"ability_{i}"] = _score_field(
                f"How well can you do activity {i} now? (0 to 10)",
                required=False,
                help_text="0 means unable, 10 means as well as before the problem.",
            )
        for i, row in enumerate(self.instance.psfs or [], start=1):
            if i <= PSFS_ROWS and not self.is_bound:
                self.initial[f"activity_{i}"] = row.get("activity", "")
                self.initial[f"ability_{i}"] = row.get("score")

    @property
    def intake_fields(self) -> tuple[str, ...]:
        """The intake's columns this step writes."""
        return (*self._meta.fields, "psfs")

    def _get_validation_exclusions(self) -> set[str]:
        # The model's check constraints on these two (0-10) would each cost a query per save
        # (Django checks a CheckConstraint with a SELECT); the form fields hold them to 0-10
        # already and the database still refuses anything else (issue 9).
        return super()._get_validation_exclusions() | {"worst_pain", "current_pain"}

    def psfs_pairs(self) -> list[tuple[str, str]]:
        """Each activity's field and its score's field, as markup."""
        return [
            (field_markup(self[f"activity_{i}"]), field_markup(self[f"ability_{i}"]))
            for i in range(1, PSFS_ROWS + 1)
        ]

    def clean_symptoms_started(self) -> datetime.date | None:
        started = self.cleaned_data.get("symptoms_started")
        if started and started > _today():
            raise ValidationError("This date is in the future.", code="future")
        return started

    def clean(self) -> dict:
        cleaned = super().clean()
        rows = [(f"activity_{i}", f"ability_{i}") for i in range(1, PSFS_ROWS + 1)]
        psfs = outcomes.clean_psfs(self, rows, score_required=True)
        cleaned["psfs"] = psfs
        return cleaned

    def save(self, commit: bool = True) -> IntakeSubmission:
        self.instance.psfs = self.cleaned_data["psfs"]
        return super().save(commit=commit)


# ---------------------------------------------------------------- step 4: health history


class HistoryForm(BootstrapMarkup, forms.ModelForm):
    class Meta:
        model = IntakeSubmission
        fields = list(HISTORY_FIELDS)
        labels = {
            "medications": "Medications you take",
            "takes_blood_thinners": (
                "I take a blood thinner (for example warfarin, apixaban, rivaroxaban, "
                "or daily aspirin)"
            ),
            "clot_history": "I have had a blood clot (for example in a leg or a lung)",
            "bleeding_disorder": "I have a bleeding disorder or bruise very easily",
            "pregnant": "I am or may be pregnant",
            "recent_surgery_or_fracture": (
                "I have had surgery or a broken bone in the last 6 months"
            ),
            "surgery_details": "If so, what and when?",
            "osteoporosis": "I have osteoporosis (thin or fragile bones)",
            "diabetes": "I have diabetes",
            "high_blood_pressure": "I have high blood pressure",
            "cancer_history": "I have or have had cancer",
            "skin_conditions": "Skin conditions, rashes, wounds or bruises",
            "allergies": "Allergies (including to oils, lotions or nuts)",
            "avoid_areas": "Areas you do not want touched",
            "consents_to_glute_work": (
                "I agree to massage of the buttock (glute) muscles when my therapist "
                "explains it will help"
            ),
        }
        help_texts = {
            "medications": "Names and doses if you know them. Leave empty if none.",
            "consents_to_glute_work": "You can change your mind at any time, even during a visit.",
        }
        widgets = {
            "medications": forms.Textarea(attrs={"rows": 2}),
            "surgery_details": forms.Textarea(attrs={"rows": 2}),
            "skin_conditions": forms.Textarea(attrs={"rows": 2}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "avoid_areas": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("recent_surgery_or_fracture")
            and not (cleaned.get("surgery_details") or "").strip()
        ):
            self.add_error(
                "surgery_details",
                ValidationError("Tell us what it was and roughly when.", code="required"),
            )
        return cleaned

    @property
    def intake_fields(self) -> tuple[str, ...]:
        """The intake's columns this step writes."""
        return tuple(self._meta.fields)


# ---------------------------------------------------------------- step 5: safety questions

SAFETY_QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "bladder_bowel_change",
        "Since this problem started, have you had new trouble starting to pee, lost control "
        "of your bladder or bowels, or stopped feeling when your bladder or bowel is full?",
    ),
    (
        "saddle_numbness",
        "Do you have numbness or pins and needles between your legs, around your bottom "
        "or on your inner thighs (the area that would touch a saddle)?",
    ),
    (
        "rapidly_worsening_leg_weakness",
        "Is a leg getting weaker quickly, or does a foot drag or slap when you walk?",
    ),
    (
        "both_legs_with_weakness",
        "Do you have pain, tingling or numbness going down both legs, with weakness?",
    ),
    (
        "new_sexual_dysfunction",
        "Since this problem started, have you noticed a new change in sexual function, "
        "such as less feeling or trouble with erections?",
    ),
    ("fever_with_back_pain", "Do you have a fever or chills as well as back pain?"),
    ("unexplained_weight_loss", "Have you lost weight recently without trying?"),
    (
        "recent_significant_trauma",
        "Have you recently had a bad fall, a car accident or another serious injury?",
    ),
    (
        "worsening_numbness_or_weakness",
        "Is numbness or weakness in a leg getting worse over days or weeks?",
    ),
    (
        "night_pain_not_eased_by_rest",
        "Is your pain constant, or bad at night, and not eased by resting or changing position?",
    ),
    (
        "steroids_or_immune_suppression",
        "Do you take steroid tablets long-term, or have a weakened immune system?",
    ),
    ("calf_warm_swollen", "Is one of your calves warm, swollen, red or painful to touch?"),
)


URGENT_FIELDS = frozenset(
    field for field, level, _ in screening.BOOLEAN_RULES if level == screening.URGENT
)


class SafetyForm(BootstrapMarkup, forms.Form):
    """Yes/No for every red-flag question: each must be answered, none is pre-ticked."""

    def __init__(self, *args, instance: IntakeSubmission, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        for field, question in SAFETY_QUESTIONS:
            self.fields[field] = forms.TypedChoiceField(
                label=question,
                choices=YES_NO,
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect(
                    attrs={"data-urgent": "true"} if field in URGENT_FIELDS else None
                ),
                error_messages={"required": "Please answer yes or no."},
            )
            if instance.current_step > SAFETY_STEP:  # answered before: show the answers
                self.initial[field] = "yes" if getattr(instance, field) else "no"

    intake_fields = tuple(name for name, _ in SAFETY_QUESTIONS)

    def save(self, commit: bool = True) -> IntakeSubmission:
        for field, _ in SAFETY_QUESTIONS:
            setattr(self.instance, field, self.cleaned_data[field])
        if commit:
            self.instance.save()
        return self.instance


# ---------------------------------------------------------------- step 6: referral


class ReferralForm(BootstrapMarkup, forms.Form):
    referred = forms.TypedChoiceField(
        label="Did a physician refer you to us?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )
    physician = forms.ModelChoiceField(
        label="Your physician, if listed",
        queryset=Physician.objects.all(),
        required=False,
        empty_label="Not in this list (enter below)",
    )
    new_name = forms.CharField(label="Physician's name", max_length=200, required=False)
    new_practice = forms.CharField(label="Clinic or practice", max_length=200, required=False)
    new_phone = forms.CharField(label="Phone", max_length=40, required=False)
    new_fax = forms.CharField(label="Fax", max_length=40, required=False)
    new_email = forms.EmailField(label="E-mail", required=False)
    referral_date = forms.DateField(label="Date of the referral", required=False, widget=DateInput)
    reason = forms.CharField(
        label="Reason or diagnosis, as the physician wrote it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    visits_authorized = forms.IntegerField(
        label="Number of visits authorized", min_value=1, max_value=100, required=False
    )
    expires_on = forms.DateField(label="Referral valid until", required=False, widget=DateInput)
    letter = forms.FileField(
        label="Referral letter (optional)",
        required=False,
        help_text="A PDF, or a photo (JPEG or PNG), up to 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
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
        self.letter_on_file = (details.get("letter") or {}).get("original_name")
        self.letter_content_type = ""

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        if letter:
            self.letter_content_type = uploads.validate_upload(letter)
        return letter

    def clean_referral_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("referral_date")
        if date and date > _today():
            raise ValidationError("The referral date cannot be in the future.", code="future")
        return date

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("referred"):
            return cleaned
        if not cleaned.get("physician") and not (cleaned.get("new_name") or "").strip():
            self.add_error(
                "new_name",
                ValidationError(
                    "Choose your physician from the list, or type their name.", code="required"
                ),
            )
        if not cleaned.get("referral_date") and "referral_date" not in self.errors:
            self.add_error(
                "referral_date",
                ValidationError("Give the date on the referral.", code="required"),
            )
        date, expires = cleaned.get("referral_date"), cleaned.get("expires_on")
        if date and expires and expires < date:
            self.add_error(
                "expires_on",
                ValidationError(
                    "The expiry date cannot be before the referral date.", code="before_date"
                ),
            )
        return cleaned

    def details(self, letter: dict | None) -> dict:
        """The JSON kept on the draft until submit."""
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
            "letter": letter,
        }


# ---------------------------------------------------------------- step 7: consent

CONSENT_TEXT = (
    "I understand that massage therapy is not a substitute for medical diagnosis or treatment, "
    "and that my massage therapist does not diagnose. I have answered the questions truthfully "
    "to the best of my knowledge and will tell my therapist if anything changes. I consent to "
    "massage therapy as explained to me, and I know I may ask for changes or stop the treatment "
    "at any time. I understand that my information is kept confidential and is shared with my "
    "physician only for my care."
)


class ConsentForm(BootstrapMarkup, forms.Form):
    agree = forms.BooleanField(
        label="I have read and agree to the consent above",
        error_messages={"required": "Please tick the box to give your consent."},
    )
    signature = forms.CharField(
        label="Type your full name as your signature",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_signature(self) -> str:
        signature = " ".join(self.cleaned_data["signature"].split())
        if len(signature) < 2:
            raise ValidationError("Type your full name.", code="too_short")
        return signature


class StaffIntakeFilterForm(forms.Form):
    level = forms.ChoiceField(
        label="Flag level",
        required=False,
        choices=[("", "All")]
        + [
            ("urgent", "Urgent"),
            ("physician", "See a physician first"),
            ("caution", "Caution"),
            ("none", "No flags"),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
