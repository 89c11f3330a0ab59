from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


def _role_choices() -> list[tuple[str, str]]:
    from lantern.accounts.access import ASSIGNABLE_ROLES

    return [(role.value, role.label) for role in ASSIGNABLE_ROLES]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=_role_choices,
                                      widget=forms.CheckboxSelectMultiple, required=False)


class NewUserForm(RolesForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("Temporary password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Give it to the person by a separate channel."),
    )
    field_order = ["username", "email", "password", "roles"]

    def clean_username(self) -> str:
        from lantern.accounts.models import User

        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password)
        return password
