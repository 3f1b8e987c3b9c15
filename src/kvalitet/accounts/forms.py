from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from kvalitet.core.forms import StyledFormMixin


class EmailAuthenticationForm(StyledFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget.attrs["autocomplete"] = "email"

    def clean_username(self) -> str:
        # E-mail matches case-insensitively; django-axes counts failures per exact username, so
        # without this "Anna@…" and "anna@…" would each get their own allowance of attempts.
        return self.cleaned_data["username"].lower()


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class ProfileForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The organisation's language")), *settings.LANGUAGES],
    )


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What the token is for, e.g. the integration that uses it."),
    )
