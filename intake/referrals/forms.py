"""Forms for physicians and referrals: validate and convert, nothing else."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from intake.accounts.models import Client, Role, User
from intake.ids import parse_id
from intake.referrals import letters
from intake.referrals.models import Physician, Referral
from intake.referrals.services import allowed_transitions
from intake.submissions.models import FlagLevel

FLAGGED_LEVELS = tuple(level for level in FlagLevel if level != FlagLevel.NONE)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhysicianForm(forms.ModelForm):
    class Meta:
        model = Physician
        fields = ["name", "practice", "phone", "fax", "email", "address", "licence_number"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter the physician's name.", code="required")
        return name


class PhysicianSearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)

    def filter(self, physicians: QuerySet) -> QuerySet:
        q = self.cleaned_data.get("q", "").strip()
        if not q:
            return physicians
        return physicians.filter(
            Q(name__icontains=q)
            | Q(practice__icontains=q)
            | Q(phone__icontains=q)
            | Q(fax__icontains=q)
            | Q(email__icontains=q)
            | Q(licence_number__icontains=q)
        )


class PhysicianMergeForm(forms.Form):
    """Merge ``duplicate`` into the physician being viewed (the survivor)."""

    duplicate = forms.ModelChoiceField(
        queryset=Physician.objects.all(),
        label="Duplicate to merge into this physician",
        help_text="Its referrals move here; then the duplicate is deleted.",
    )

    def __init__(self, *args, survivor: Physician, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.survivor = survivor

    def clean_duplicate(self) -> Physician:
        duplicate = self.cleaned_data["duplicate"]
        if duplicate.pk == self.survivor.pk:
            raise forms.ValidationError(
                "A physician cannot be merged into itself.", code="self_merge"
            )
        return duplicate


class ReferralForm(forms.ModelForm):
    client = forms.ModelChoiceField(queryset=Client.objects.all())
    visits_authorized = forms.IntegerField(
        required=False,
        max_value=1000,
        widget=forms.NumberInput(attrs={"min": 1}),
        help_text="Leave empty when the referral sets no limit.",
    )

    class Meta:
        model = Referral
        fields = [
            "client",
            "physician",
            "direction",
            "referral_date",
            "received_on",
            "reason",
            "visits_authorized",
            "expires_on",
            "notes",
        ]
        widgets = {
            "referral_date": DATE,
            "received_on": DATE,
            "expires_on": DATE,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "referral_date": "The date written on the letter. An incoming referral's visits "
            "and expiry run from it.",
            "received_on": "Incoming referrals: the day the letter reached the clinic.",
            "expires_on": "Leave empty when the referral does not expire.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # direction and client are fixed once created
            for name in ("client", "direction"):
                self.fields[name].disabled = True

    def clean_visits_authorized(self) -> int | None:
        visits = self.cleaned_data.get("visits_authorized")
        if visits is not None and visits <= 0:
            raise forms.ValidationError(
                "Visits authorized must be at least 1 (or empty for no limit).",
                code="visits_not_positive",
            )
        used = self.instance.visits_used() if self.instance.pk else 0
        if visits is not None and visits < used:
            raise forms.ValidationError(
                f"{used} visits are already used: authorize at least that many.",
                code="visits_below_used",
            )
        return visits

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("referral_date"), data.get("expires_on")
        if start and end and end < start:
            self.add_error(
                "expires_on",
                forms.ValidationError(
                    "The expiry date cannot be before the date of the letter.",
                    code="expiry_before_date",
                ),
            )
        self._clean_received_on(data)
        return data

    def _clean_received_on(self, data: dict) -> None:
        """An incoming letter arrived on a day, not before its date nor after today; an
        outgoing one has no arrival date (whatever was typed is dropped)."""
        if data.get("direction") != Referral.Direction.INCOMING:
            data["received_on"] = None
            return
        received, dated = data.get("received_on"), data.get("referral_date")
        if received is None:
            if "received_on" not in self.errors:
                self.add_error("received_on", forms.ValidationError(
                    "Enter the day the letter reached the clinic.", code="required"
                ))  # fmt: skip
        elif dated and received < dated:
            self.add_error("received_on", forms.ValidationError(
                "A letter cannot arrive before the date written on it.", code="before_letter"
            ))  # fmt: skip
        elif received > timezone.localdate():
            self.add_error("received_on", forms.ValidationError(
                "The arrival date cannot be in the future.", code="future"
            ))  # fmt: skip


class ReferralFilterForm(forms.Form):
    SORTS = {
        "-date": ("-referral_date", "-id"),
        "date": ("referral_date", "id"),
        "expires": (F("expires_on").asc(nulls_last=True), "id"),
        "-expires": (F("expires_on").desc(nulls_last=True), "-id"),
        "client": ("client__last_name", "client__first_name", "id"),
        "physician": ("physician__name", "id"),
        "remaining": (F("visits_remaining_count").asc(nulls_last=True), "id"),
        "status": ("status", "id"),
    }
    SORT_CHOICES = [
        ("-date", "Newest first"),
        ("date", "Oldest first"),
        ("expires", "Expiring first"),
        ("-expires", "Expiring last"),
        ("client", "Client"),
        ("physician", "Physician"),
        ("remaining", "Fewest visits left"),
        ("status", "Status"),
    ]

    q = forms.CharField(label="Search", required=False, max_length=100)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Referral.Status.choices]
    )
    direction = forms.ChoiceField(
        required=False, choices=[("", "Both directions"), *Referral.Direction.choices]
    )
    physician = forms.ModelChoiceField(
        queryset=Physician.objects.only("id", "name", "practice"),
        required=False,
        empty_label="Any physician",
    )
    expiring_within = forms.IntegerField(
        label="Expiring within (days)", required=False, min_value=0, max_value=3650
    )
    remaining_at_most = forms.IntegerField(
        label="Visits left at most", required=False, min_value=0, max_value=1000
    )
    flagged = forms.BooleanField(label="Has safety flags", required=False)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)

    def needs_counts_of_all_rows(self) -> bool:
        """Whether filtering or sorting needs the visit counts of every row, not one page."""
        data = getattr(self, "cleaned_data", {})
        return data.get("remaining_at_most") is not None or data.get("sort") == "remaining"

    def filter(self, referrals: QuerySet, *, today: dt.date) -> QuerySet:
        """Apply the filters to a ``with_visit_counts().with_flag_level()`` queryset."""
        data = self.cleaned_data
        q = (data.get("q") or "").strip()
        if q:
            words = Q()
            for word in q.split()[:5]:
                words &= (
                    Q(client__first_name__icontains=word)
                    | Q(client__last_name__icontains=word)
                    | Q(physician__name__icontains=word)
                    | Q(physician__practice__icontains=word)
                    | Q(reason__icontains=word)
                )
            if (referral_id := parse_id(q)) is not None:
                words |= Q(pk=referral_id)
            referrals = referrals.filter(words)
        if data.get("status"):
            referrals = referrals.filter(status=data["status"])
        if data.get("direction"):
            referrals = referrals.filter(direction=data["direction"])
        if data.get("physician"):
            referrals = referrals.filter(physician=data["physician"])
        if data.get("expiring_within") is not None:
            referrals = referrals.filter(
                expires_on__gte=today,
                expires_on__lte=today + dt.timedelta(days=data["expiring_within"]),
            )
        if data.get("remaining_at_most") is not None:
            referrals = referrals.filter(visits_remaining_count__lte=data["remaining_at_most"])
        if data.get("flagged"):  # the client's latest submitted intake raised a flag
            referrals = referrals.filter(flag_level__in=FLAGGED_LEVELS)
        return referrals.order_by(*self.SORTS.get(data.get("sort") or "-date"))


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label="Move to")
    note = forms.CharField(
        label="Note (optional)", required=False, max_length=500, widget=forms.TextInput()
    )

    def __init__(self, *args, referral: Referral, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Referral.Status.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in allowed_transitions(referral)]


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label="Document (PDF, JPEG or PNG, up to 10 MB)")

    def clean_file(self):  # noqa: ANN201
        from intake.uploads import validate_upload

        upload = self.cleaned_data["file"]
        self.content_type = validate_upload(upload)
        return upload


class SignerField(forms.ModelChoiceField):
    """Who signs a letter or report: an active therapist or admin, shown as they sign."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=User.objects.filter(
                is_active=True, role__in=[Role.THERAPIST, Role.ADMIN]
            ).order_by("last_name", "first_name", "email"),
            label="Signed by",
            help_text="Printed under the signature line with their credentials (e.g. RMT).",
            **kwargs,
        )

    def label_from_instance(self, obj: User) -> str:
        return letters.signer_line(obj.get_full_name() or obj.email, obj.credentials)


class LetterForm(forms.Form):
    letter_text = forms.CharField(
        label="Letter text",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="The PDF adds the safety screening answers, then the closing (your last "
        "line if it is one, such as “Yours sincerely,”; otherwise “Kind regards,”) and the "
        "signature.",
    )
    signed_by = SignerField()


class ProgressReportForm(forms.Form):
    report_text = forms.CharField(
        label="Plan and comments",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Printed at the end of the report, after the outcomes, flags and adverse responses.",
    )
    signed_by = SignerField()
