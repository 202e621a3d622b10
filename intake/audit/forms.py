"""Filters for the audit log page and its CSV export."""

import datetime
import re

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from intake.audit.models import AuditEvent


class AuditFilterForm(forms.Form):
    client = forms.CharField(
        required=False,
        max_length=100,
        label="Client",
        help_text="A name, or #number for one client.",
    )
    user = forms.CharField(required=False, max_length=254, label="User e-mail")
    action = forms.ChoiceField(
        required=False, choices=[("", "Any action"), *AuditEvent.Action.choices]
    )
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_client(self) -> str:
        return self.cleaned_data["client"].replace("\x00", "").strip()

    def clean_user(self) -> str:
        return self.cleaned_data["user"].replace("\x00", "").strip()

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.", code="dates")
        return data

    def filter(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """Apply the valid filters to ``events`` (call after ``is_valid()``)."""
        data = self.cleaned_data
        client = data.get("client")
        if client:
            number = re.fullmatch(r"#([0-9]{1,15})", client)
            if number:
                events = events.filter(client_id=int(number[1]))
            else:
                for word in client.split()[:4]:
                    events = events.filter(
                        Q(client__first_name__icontains=word) | Q(client__last_name__icontains=word)
                    )
        if data.get("user"):
            events = events.filter(user__email__icontains=data["user"])
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("date_from"):
            events = events.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(at__date__lte=data["date_to"])
        return events


class ReviewFilterForm(forms.Form):
    """The log review's period (the last 30 days unless given) and, optionally, one staff member."""

    DEFAULT_DAYS = 30

    staff = forms.ModelChoiceField(
        queryset=None, required=False, label="Staff member", empty_label="Everyone"
    )
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        from intake.accounts.models import Role, User

        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = User.objects.filter(
            role__in=[Role.THERAPIST, Role.ADMIN]
        ).order_by("last_name", "first_name", "email")

    def clean(self) -> dict:
        data = super().clean()
        end = data.get("date_to") or timezone.localdate()
        start = data.get("date_from") or max(
            end, datetime.date.min + datetime.timedelta(days=self.DEFAULT_DAYS)
        ) - datetime.timedelta(days=self.DEFAULT_DAYS)  # no OverflowError for an end in year 1
        if start > end:
            raise forms.ValidationError("The start date is after the end date.", code="dates")
        data["date_from"], data["date_to"] = start, end
        return data
