"""The staff client search."""

from django import forms


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label="Search clients",
        required=False,
        max_length=100,
        help_text="Name, e-mail, phone or date of birth (YYYY-MM-DD or DD/MM/YYYY).",
    )
