"""Forms for plans, actions, rounds, reports, evidence and imports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kvalitet.core.forms import DateInput, StyledFormMixin
from kvalitet.core.pickers import DocumentPickerField
from kvalitet.files import CheckedFileField
from kvalitet.plans.models import (
    Action,
    ActionStatus,
    Judgement,
    PlanStatus,
    RoundKind,
    WorkStatus,
)


class PlanForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    year_from = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    vision = forms.CharField(
        label=_("Vision"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    values = forms.CharField(
        label=_("Core values"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    goals = forms.CharField(
        label=_("Overarching goals"),
        help_text=_("One goal per line."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    adopted_by = forms.CharField(label=_("Adopted by"), max_length=200, required=False)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput(), required=False)
    owner_unit = forms.ModelChoiceField(label=_("Owner unit"), queryset=None, required=False)
    follow_up_unit = forms.ModelChoiceField(
        label=_("Follow-up owner (unit)"), queryset=None, required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units
        self.fields["follow_up_unit"].queryset = units


class ThemeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=200)


class ActionForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example 9.1 A."))
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Each responsible unit reports on its part in every follow-up round."),
    )
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=None, required=False)
    follow_up_unit = forms.ModelChoiceField(
        label=_("Follow-up unit"), queryset=None, required=False
    )
    year_from = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)
    period_note = forms.CharField(
        label=_("Period note"),
        max_length=200,
        required=False,
        help_text=_("For example: 2007 and 2009."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    see_also = forms.ModelMultipleChoiceField(
        label=_("See also"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Related actions of the same plan; the reference shows on both."),
    )

    def __init__(self, *args, units, themes, actions, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("units", "lead_unit", "follow_up_unit"):
            self.fields[name].queryset = units
        self.fields["theme"].queryset = themes
        self.fields["see_also"].queryset = actions


class RoundForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RoundKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    deadline = forms.DateField(label=_("Deadline for the units"), widget=DateInput())


class CloseRoundForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ReportForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WorkStatus.choices)
    judgement = forms.ChoiceField(
        label=_("Assessment"), choices=[("", "–"), *Judgement.choices], required=False
    )
    narrative = forms.CharField(
        label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class CommentForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Coordinator's comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class EvidenceForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    file = CheckedFileField(label=_("File"), required=False)
    document = DocumentPickerField(label=_("Handbook document"), required=False)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class UploadForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("Spreadsheet (.xlsx or .csv)"), kinds=("xlsx", "csv", "txt"))


__all__ = ["Action"]
