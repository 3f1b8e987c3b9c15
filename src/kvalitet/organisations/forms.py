"""Forms for the coordinator's pages: organisation settings, units, memberships, invitations."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kvalitet.accounts.models import Person
from kvalitet.core.forms import DateInput, StyledFormMixin
from kvalitet.organisations.models import TIME_ZONES, Language, Role, Unit, UnitKind


class OrganisationSettingsForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONES)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    portal_introduction = forms.CharField(
        label=_("Introduction on the public portal"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return "— " * obj.depth + f"{obj.code} {obj.name}"


class UnitForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.RegexField(
        label=_("Code"),
        max_length=20,
        regex=r"^[A-Za-z0-9ÆØÅÄÖæøåäö_.-]+$",
        help_text=_("A short code such as KLK: letters, digits, dot, dash."),
        error_messages={"invalid": _("Use letters, digits, dot or dash only.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in UnitKind.choices if c[0] != UnitKind.ORGANISATION],
    )
    parent = UnitChoiceField(label=_("Part of"), queryset=Unit.objects.none())
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, units, is_root: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units
        if is_root:
            del self.fields["parent"]
            del self.fields["is_active"]
            self.fields["kind"].choices = UnitKind.choices


class MembershipForm(StyledFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Required for auditors: their access ends on this day."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of the period must not be before its start."))
        if data.get("role") == Role.AUDITOR and not end:
            self.add_error("valid_until", _("An auditor's access needs an end date."))
        return data


class InvitationForm(MembershipForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    full_name = forms.CharField(label=_("Name"), max_length=200)
    field_order = ["full_name", "email", "unit", "role", "valid_until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["valid_from"]


class AcceptInvitationForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(
        label=_("Choose a password"), widget=forms.PasswordInput, min_length=8, max_length=200
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self):
        password = self.cleaned_data["password"]
        # The validators compare with the person's name and e-mail, as on a password change.
        would_be = Person(email=self.email, full_name=self.data.get("full_name", ""))
        password_validation.validate_password(password, user=would_be)
        return password


class PeopleFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles"))])
    unit = UnitChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All units")
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
