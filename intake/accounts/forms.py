from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from intake.accounts.models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class NewPasswordForm(forms.Form):
    """A new password typed twice and checked by the password validators against its user (the
    sign-up page and an invitation link's page)."""

    password_label = _("Password")
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = self.password_label

    def password_user(self, cleaned: dict) -> User:
        """The (unsaved) login the password is checked against: its name and e-mail."""
        raise NotImplementedError

    def clean(self) -> dict:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2", forms.ValidationError(_("The passwords differ."), code="mismatch")
            )
        elif p1:
            try:
                password_validation.validate_password(p1, self.password_user(cleaned))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignupForm(NewPasswordForm):
    field_order = ["first_name", "last_name", "email", "password1", "password2"]
    first_name = forms.CharField(max_length=100, label=_("First name"))
    last_name = forms.CharField(max_length=100, label=_("Last name"))
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail already exists. Log in or reset your password."),
                code="email_taken",
            )
        return email

    def password_user(self, cleaned: dict) -> User:
        return User(
            email=cleaned.get("email", ""),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
