from django import forms
from django.utils.translation import gettext_lazy as _

from kvalitet.core.forms import DateInput, StyledFormMixin
from kvalitet.core.pickers import PersonPickerField


class ActivityFilterForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    actor = PersonPickerField(
        label=_("Who"),
        required=False,
        former=True,
        help_text=_(
            "A person's e-mail address (empty: everybody); with JavaScript on, names are "
            "suggested as you type."
        ),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())
    record = forms.RegexField(
        regex=r"^[a-z_]+\.[a-z_]+:[0-9A-Za-z-]{1,64}$", required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, kinds, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["actor"].queryset = people

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end of the period must not be before its start."))
        return data
