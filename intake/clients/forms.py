"""The staff client search, and the safety follow-up form."""

from django import forms

from intake.clients import followups
from intake.clients.models import SafetyFollowUp


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label="Search clients",
        required=False,
        max_length=100,
        help_text="Name, e-mail, phone or date of birth (YYYY-MM-DD or DD/MM/YYYY).",
    )


class SafetyFollowUpForm(forms.ModelForm):
    """What the clinic told a flagged client. ``clean`` applies the service's own checks, so the
    page shows the same messages the service would raise."""

    def __init__(self, *args, intake, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.intake = intake
        self.fields["method"].widget = forms.RadioSelect(choices=self.fields["method"].choices[1:])
        self.fields["outcome"].widget = forms.RadioSelect(
            choices=self.fields["outcome"].choices[1:]
        )
        self.fields["advice"].help_text = "What you told the client to do, in your words."
        self.fields[
            "details"
        ].help_text = "Required when the client declined the advice or the answer was a mistake."

    class Meta:
        model = SafetyFollowUp
        fields = ["contacted_at", "method", "advice", "outcome", "details"]
        widgets = {
            "contacted_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "advice": forms.Textarea(attrs={"rows": 5}),
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict:
        data = super().clean()
        if data.get("contacted_at") and data.get("outcome"):
            errors = followups.validate(
                intake=self.intake,
                contacted_at=data["contacted_at"],
                outcome=data["outcome"],
                details=data.get("details") or "",
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return data
