"""Forms for SOAP session notes, addenda and the notes date range."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from intake import body_map, outcomes
from intake.clients.safety import SafetySummary, safety_summary
from intake.notes.models import SessionNote
from intake.notes.selectors import first_intake_day
from intake.notes.services import (
    SENSITIVE_REGIONS,
    record_override,
    referral_problem,
    safety_gate_errors,
)
from intake.referrals.models import Referral
from intake.submissions.screening import FlagLevel

PSFS_ROWS = outcomes.MAX_ACTIVITIES
#: The free-text SOAP fields, shown as small text areas.
TEXTAREAS = (
    "subjective",
    "changes_since_last",
    "posture",
    "range_of_motion",
    "palpation",
    "techniques",
    "assessment",
    "plan_next_visit",
    "plan_home_care",
    "advice_given",
    "clearance_reason",
    "consent_reason",
    "adverse_response",
)
#: Where a safety-gate error (``services.safety_gate_errors``) is shown on this form.
GATE_FIELDS = {"treatment_given": "no_treatment"}
PAIN_HELP = "0 = no pain, 10 = worst imaginable."
ASSESSMENT_HELP = (
    "Your assessment of the findings and of the response to treatment. "
    "Massage therapists do not diagnose: do not write a diagnosis here."
)


def _pain_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10,
        help_text=PAIN_HELP,
        error_messages={
            "min_value": "Pain is rated from 0 to 10.",
            "max_value": "Pain is rated from 0 to 10.",
        },
    )


REFERRAL_HELP = "A signed note counts as one visit against this referral."
#: Said when the client has a referral the front desk has not verified yet. Such a visit counts
#: all the same: the physician authorized a number of visits, and one given while the paperwork
#: is checked is one of them (not counting it would let the clinic go past what was authorized
#: without anyone seeing it); the front office's queue shows the referral with its visits given.
UNVERIFIED_HELP = (
    " A referral marked “not verified yet” has not been checked by the front desk: a visit "
    "still counts against it, and the front desk sees it waiting to be verified."
)


class ReferralChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Referral) -> str:
        status = obj.get_status_display()
        if obj.status == Referral.Status.RECEIVED:
            status = "Received, not verified yet"
        parts = [f"{obj.physician.name}, {date_format(obj.referral_date)}", status]
        if obj.expires_on:
            parts.append(f"expires {date_format(obj.expires_on)}")
        if obj.visits_authorized:
            parts.append(f"{obj.visits_used()} of {obj.visits_authorized} visits used")
        return " · ".join(parts)


class SessionNoteForm(forms.ModelForm):
    """The SOAP note. ``user`` decides whether the referral override is offered (admins only)."""

    visit_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)",
        min_value=1,
        max_value=600,
        error_messages={"min_value": "The duration must be a positive number of minutes."},
    )
    referral = ReferralChoiceField(
        queryset=Referral.objects.none(),
        required=False,
        empty_label="No referral",
        help_text=REFERRAL_HELP,
    )
    pain_before = _pain_field("Current pain (0–10)")
    pain_worst = _pain_field("Worst pain since the last visit (0–10)")
    pain_after = _pain_field("Pain after treatment (0–10)")
    treated_regions = forms.MultipleChoiceField(
        label="Regions treated",
        choices=body_map.grouped_region_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    referral_override = forms.BooleanField(
        label="Override the referral check (admin)",
        required=False,
        help_text="Link this note to the referral even though it is expired, cancelled or used up.",
    )
    referral_override_reason = forms.CharField(
        label="Reason for the override", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    no_treatment = forms.BooleanField(
        label="No treatment given, client advised",
        required=False,
        help_text="Record the advice you gave; a note without treatment treats no region.",
    )

    class Meta:
        model = SessionNote
        fields = [
            "visit_date",
            "duration_minutes",
            "referral",
            "pain_before",
            "pain_worst",
            "plan_frequency",
            "pain_after",
            *TEXTAREAS,
        ]
        labels = {
            "subjective": "Client's report",
            "changes_since_last": "Changes since the last visit",
            "range_of_motion": "Range of motion",
            "techniques": "Techniques used",
            "assessment": "Assessment",
            "plan_next_visit": "Next visit",
            "plan_frequency": "Frequency",
            "plan_home_care": "Home care given",
            "advice_given": "Advice given to the client",
            "clearance_reason": "Clearance: your reason to treat without a physician's clearance",
            "consent_reason": "Your reason to treat a sensitive or avoided area",
            "adverse_response": "Adverse response or exacerbation",
        }
        help_texts = {
            "assessment": ASSESSMENT_HELP,
            "adverse_response": (
                "Anything that got worse after treatment, or any reaction: what, when, how long. "
                "Leave blank if none. The progress report to the physician lists these."
            ),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in TEXTAREAS}

    def __init__(
        self,
        *args,
        client,
        user,
        psfs_activities=(),
        safety: SafetySummary | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.client_obj = client
        self.user = user
        self.safety = safety if safety is not None else SafetySummary()
        self.initial.setdefault(
            "no_treatment",
            not self.instance.treatment_given
            or (self.instance.pk is None and self.safety.is_urgent),
        )
        referrals = (
            Referral.objects.filter(client=client, direction=Referral.Direction.INCOMING)
            .select_related("physician")
            .with_visit_counts()
        )
        self.fields["referral"].queryset = referrals
        self._explain_referrals(list(referrals))
        if not self.instance.pk:
            self.initial["visit_date"] = self.initial.get("visit_date") or timezone.localdate()
            self.initial["duration_minutes"] = self.initial.get("duration_minutes") or 60
        self.initial.setdefault("treated_regions", list(self.instance.regions_treated or []))
        if self.instance.referral_override_by_id:
            self.initial.setdefault("referral_override", True)
            self.initial.setdefault(
                "referral_override_reason", self.instance.referral_override_reason
            )
        if not user.is_admin_role:
            del self.fields["referral_override"]
            del self.fields["referral_override_reason"]
        # The series' activities (chosen at baseline): prefilled, and the set a visit may leave
        # wholly unscored when the scale was not taken.
        self.series_activities = tuple(psfs_activities)
        existing = dict(enumerate(self.instance.psfs or []))
        for i in range(PSFS_ROWS):
            default = existing.get(i) or {
                "activity": psfs_activities[i] if i < len(psfs_activities) else "",
                "score": None,
            }
            self.fields[f"psfs_activity_{i}"] = forms.CharField(
                label=f"Activity {i + 1}", required=False, max_length=120
            )
            self.fields[f"psfs_score_{i}"] = forms.IntegerField(
                label=f"Score {i + 1} (0–10)",
                required=False,
                min_value=0,
                max_value=10,
                help_text="0 = unable, 10 = as before the problem.",
            )
            self.initial.setdefault(f"psfs_activity_{i}", default.get("activity", ""))
            self.initial.setdefault(f"psfs_score_{i}", default.get("score"))

    def _explain_referrals(self, referrals: list[Referral]) -> None:
        """Preselect the only referral a new note can count against, and say when one is not
        verified yet."""
        if any(r.status == Referral.Status.RECEIVED for r in referrals):
            self.fields["referral"].help_text = REFERRAL_HELP + UNVERIFIED_HELP
        if self.instance.pk or self.is_bound or self.initial.get("referral"):
            return
        today = timezone.localdate()
        usable = [r for r in referrals if r.is_usable_for_visit(today=today)[0]]
        if len(usable) == 1:
            self.initial["referral"] = usable[0].pk

    @property
    def asks_clearance(self) -> bool:
        """Show the clearance reason: a see-a-physician flag, or something already there."""
        physician = any(flag.level == FlagLevel.PHYSICIAN for flag in self.safety.flags)
        return physician or bool(
            self["clearance_reason"].value() or self.errors.get("clearance_reason")
        )

    @property
    def asks_consent(self) -> bool:
        """Show the consent reason: no sensitive-area consent or areas to avoid listed."""
        gated = not self.safety.consents_to_glute_work or bool(self.safety.avoid_areas)
        return gated or bool(self["consent_reason"].value() or self.errors.get("consent_reason"))

    @property
    def sensitive_labels(self) -> list[str]:
        return body_map.labels_for(SENSITIVE_REGIONS)

    def psfs_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"psfs_activity_{i}"], self[f"psfs_score_{i}"]) for i in range(PSFS_ROWS)]

    def clean_visit_date(self) -> dt.date:
        value = self.cleaned_data["visit_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The visit date cannot be in the future.", code="future")
        first = first_intake_day(self.client_obj)
        if first is not None and value < first:
            raise forms.ValidationError(
                f"This is before the client's first intake ({date_format(first)}), which starts "
                "the episode of care its outcomes are measured from: check the date.",
                code="before_intake",
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        rows = [(f"psfs_activity_{i}", f"psfs_score_{i}") for i in range(PSFS_ROWS)]
        psfs = outcomes.clean_psfs(self, rows, unscored=self.series_activities)
        data["psfs"] = psfs
        referral, visit_date = data.get("referral"), data.get("visit_date")
        override = data.get("referral_override", False)
        if override and not (data.get("referral_override_reason") or "").strip():
            self.add_error("referral_override_reason", "Give the reason for the override.")
        if referral and visit_date and not override:
            problem = referral_problem(
                referral, visit_date=visit_date, exclude_note_id=self.instance.pk
            )
            if problem:
                hint = " Tick the override and give a reason." if self.user.is_admin_role else ""
                self.add_error(
                    "referral",
                    forms.ValidationError(
                        f"{problem} Choose another referral or none.{hint}", code="unusable"
                    ),
                )
        self._check_safety(data)
        return data

    def _check_safety(self, data: dict) -> None:
        """The safety gates of the visit date's flags (one rule set: services.safety_gate_errors)."""
        visit_date = data.get("visit_date")
        if visit_date is None:
            return
        errors = safety_gate_errors(
            safety=safety_summary(client=self.client_obj, on=visit_date),
            treatment_given=not data.get("no_treatment"),
            advice_given=data.get("advice_given", ""),
            regions=data.get("treated_regions") or (),
            referral=data.get("referral"),
            clearance_reason=data.get("clearance_reason", ""),
            consent_reason=data.get("consent_reason", ""),
        )
        for field, message in errors.items():
            name = GATE_FIELDS.get(field, field)
            self.add_error(name, forms.ValidationError(message, code="safety"))

    def apply(self) -> SessionNote:
        """Copy the cleaned data onto the (unsaved) instance; the service saves it."""
        note = self.instance
        note.client = self.client_obj
        note.regions_treated = list(self.cleaned_data["treated_regions"])
        note.psfs = self.cleaned_data["psfs"]
        note.treatment_given = not self.cleaned_data.get("no_treatment")
        if self.cleaned_data.get("referral_override") and note.referral_id:
            if note.referral_override_by_id is None or note.referral_override_reason != (
                self.cleaned_data["referral_override_reason"].strip()
            ):
                record_override(
                    note=note,
                    admin=self.user,
                    reason=self.cleaned_data["referral_override_reason"],
                )
        elif "referral_override" in self.fields:
            note.referral_override_by = None
            note.referral_override_reason = ""
            note.referral_override_at = None
        return note


class SignForm(forms.Form):
    """ "Sign and lock" is permanent: the author ticks that they know it (the box is ``required``
    in the page, so the browser asks without JavaScript too, and the view checks it again)."""

    confirm = forms.BooleanField(
        label="I have checked this note: sign it and lock it for good.",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "Tick “I have checked this note” to sign it: a signed note is locked "
            "for good, and corrections go in an addendum."
        },
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="A correction or late entry. The signed note itself never changes.",
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write the addendum text.", code="required")
        return text


class DateRangeForm(forms.Form):
    date_from = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.", code="order")
        if start and end and (end - start).days > 3660:
            raise forms.ValidationError("Choose a range of at most ten years.", code="too_long")
        return data
