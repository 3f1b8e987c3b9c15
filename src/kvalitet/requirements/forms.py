"""Forms for requirement sets, requirements, rounds and a unit's answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kvalitet.core.forms import DateInput, StyledFormMixin
from kvalitet.core.pickers import DocumentsPickerField
from kvalitet.requirements.models import Verdict


class SetForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    source = forms.CharField(label=_("Source"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RequirementForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    documents = DocumentsPickerField(label=_("Handbook documents that cover it"), required=False)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents


class AssessmentRoundForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    units = forms.ModelMultipleChoiceField(
        label=_("Units to assess"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 10})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class AnswersForm(StyledFormMixin, forms.Form):
    """One verdict and one comment per requirement for one unit."""

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessments = assessments
        for a in assessments:
            self.fields[f"verdict_{a.pk}"] = forms.ChoiceField(
                label=f"{a.requirement.number} {a.requirement.title}",
                choices=[("", "–"), *Verdict.choices],
                required=False,
                initial=a.verdict,
            )
            self.fields[f"comment_{a.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=a.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [(a, self[f"verdict_{a.pk}"], self[f"comment_{a.pk}"]) for a in self.assessments]

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {a.pk: (data[f"verdict_{a.pk}"], data[f"comment_{a.pk}"]) for a in self.assessments}
