"""Forms of the handbook pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kvalitet.accounts.models import Person
from kvalitet.core.forms import DateInput, StyledFormMixin
from kvalitet.core.pickers import PersonPickerField
from kvalitet.documents.models import DocumentKind, Handbook, Level, Visibility
from kvalitet.documents.selectors import DocumentState
from kvalitet.documents.services_versions import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES
from kvalitet.files import CheckedFileField
from kvalitet.organisations.forms import UnitChoiceField
from kvalitet.organisations.models import Language, Role, Unit


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return "— " * obj.depth + f"{obj.code} {obj.name}"


class HandbookForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = PersonPickerField(
        label=_("Owner"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_(
            "The e-mail address of the person who answers for the handbook as a whole (empty: "
            "no owner); with JavaScript on, names are suggested as you type."
        ),
    )
    units = UnitMultipleChoiceField(
        label=_("Units in scope"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Leave empty when the handbook covers the whole organisation."),
    )

    def __init__(self, *args, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["units"].queryset = units


class DocumentFilterForm(StyledFormMixin, forms.Form):
    """The handbook list's filters (GET). A value that does not fit is left out with its error
    shown, and the other filters still apply."""

    q = forms.CharField(label=_("Code or title"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *DocumentKind.choices]
    )
    owner_unit = UnitChoiceField(
        label=_("Owner unit and below"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )
    handbook = forms.ModelChoiceField(
        label=_("Handbook"),
        required=False,
        queryset=Handbook.objects.none(),
        empty_label=_("All handbooks"),
    )
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *DocumentState.choices]
    )
    due = forms.BooleanField(label=_("Review due within 30 days"), required=False)

    def __init__(self, *args, handbooks, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handbook"].queryset = handbooks
        self.fields["owner_unit"].queryset = units

    def filters(self) -> dict:
        """The valid filters, keyed as selectors.documents takes them."""
        data: dict = {}
        if self.is_bound:
            self.full_clean()
            # Holds the fields that are valid, also when another one is not.
            data = self.cleaned_data
        return {
            "handbook": data.get("handbook"),
            "level": data.get("level", ""),
            "kind": data.get("kind", ""),
            "owner_unit": data.get("owner_unit"),
            "search": data.get("q", ""),
            "due_only": bool(data.get("due")),
            "state": data.get("state", ""),
        }


class PortalHandbookFilterForm(StyledFormMixin, forms.Form):
    """The portal handbook's filters (GET): a value that does not fit is left out with a message."""

    q = forms.CharField(label=_("Code or title"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )

    def filters(self) -> dict[str, str]:
        """The valid filters, keyed as selectors.public_documents takes them."""
        data: dict = {}
        if self.is_bound:
            self.full_clean()
            data = self.cleaned_data
        # One key for "støj  klager" and "støj klager": the text is part of the cache key.
        return {"level": data.get("level", ""), "search": " ".join(data.get("q", "").split())}


class DocumentForm(StyledFormMixin, forms.Form):
    handbook = forms.ModelChoiceField(label=_("Handbook"), queryset=Handbook.objects.none())
    code = forms.RegexField(
        label=_("Code"),
        max_length=30,
        regex=r"^[A-Za-z0-9ÆØÅÄÖæøåäö_.§-]+$",
        help_text=_("A short code such as KP-03: letters, digits, dot, dash."),
        error_messages={"invalid": _("Use letters, digits, dot or dash only.")},
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    owner_unit = UnitChoiceField(
        label=_("Owner unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        help_text=_("Public documents are shown on the portal once published."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    review_interval_months = forms.IntegerField(
        label=_("Review interval (months)"), min_value=1, max_value=60, initial=12
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separated by commas.")
    )
    applies_to = UnitMultipleChoiceField(
        label=_("Applies to units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, handbooks, units, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handbook"].queryset = handbooks
        self.fields["owner_unit"].queryset = units
        self.fields["applies_to"].queryset = units
        if editing:
            del self.fields["code"]

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()][:20]


class ReadRequirementsForm(StyledFormMixin, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Everyone with these roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = UnitMultipleChoiceField(
        label=_("Everyone in these units (and the units below)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class DraftForm(StyledFormMixin, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    change_summary = forms.CharField(
        label=_("Change summary"),
        max_length=500,
        required=False,
        help_text=_("What changed since the version in force, in one or two sentences."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 24, "class": "form-input kv-monospace"}),
        help_text=_("Markdown: # heading, **bold**, - list, 1. numbered list, | table |."),
    )


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Why it goes back"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(StyledFormMixin, forms.Form):
    effective_date = forms.DateField(
        label=_("Effective date"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: today. The previous version stays in force until this day."),
    )


class ReviewForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("File"), kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
