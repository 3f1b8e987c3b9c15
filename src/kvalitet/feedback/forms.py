"""Forms for feedback: the public form, staff intake, handling, set-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kvalitet.accounts.models import Person
from kvalitet.core.forms import DateInput, StyledFormMixin
from kvalitet.core.pickers import PersonPickerField
from kvalitet.feedback import arrival
from kvalitet.feedback.models import Channel, Kind, Outcome, RoutingRule, Status, Topic
from kvalitet.files import CheckedFileField

ATTACHMENT_KINDS = ("pdf", "png", "jpg", "docx", "txt")
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 3


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleCheckedFileField(CheckedFileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS}
            )
        return [super(MultipleCheckedFileField, self).clean(f, initial) for f in files]


class CaseFieldsMixin(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=Kind.choices, widget=forms.RadioSelect)
    topic = forms.ModelChoiceField(
        label=_("What does it concern?"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("I don't know / something else"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5,000 characters."),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send the receipt and the answer here."),
    )
    contact_phone = forms.RegexField(
        label=_("Phone"),
        max_length=40,
        required=False,
        regex=r"^[0-9 +()\-]{5,40}$",
        error_messages={"invalid": _("Enter a phone number with digits, spaces and + only.")},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(
            organisation=organisation, is_active=True
        )


class TopicChoiceField(forms.ChoiceField):
    """The organisation's active topics from `kvalitet.feedback.arrival`: no query to validate."""

    def __init__(self, *, topics: dict[int, Topic], empty_label, **kwargs):
        self.topics = topics
        choices = [("", empty_label), *((pk, str(topic)) for pk, topic in topics.items())]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value) -> Topic | None:
        value = super().clean(value)
        return self.topics[int(value)] if value else None


class PublicFeedbackForm(StyledFormMixin, CaseFieldsMixin):
    attachments = MultipleCheckedFileField(
        label=_("Attachments"),
        required=False,
        kinds=ATTACHMENT_KINDS,
        max_bytes=ATTACHMENT_MAX_BYTES,
        help_text=_("Up to 3 files (PDF, PNG, JPG, Word or text), at most 5 MB each."),
    )
    # Bots fill every field; people never see this one (it is hidden by the stylesheet).
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_time = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        topic = self.fields["topic"]
        self.fields["topic"] = TopicChoiceField(
            topics=arrival.for_organisation(organisation).topics,
            label=topic.label,
            required=False,
            empty_label=topic.empty_label,
            widget=forms.Select(attrs={"class": "form-select"}),
        )


class IntakeForm(StyledFormMixin, CaseFieldsMixin):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Channel.choices if c[0] not in ("web", "open311")],
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("Route by the rules"),
    )

    field_order = ["channel", "received_on", "kind", "topic", "unit"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["kind"].widget = forms.Select(attrs={"class": "form-select"})
        self.fields["kind"].choices = Kind.choices


class FilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Open")), *Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices]
    )
    overdue = forms.BooleanField(label=_("Over a deadline"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    q = forms.CharField(label=_("Reference or subject"), required=False, max_length=100)


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer to the citizen"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )


class CloseForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    leads_to_improvement = forms.BooleanField(label=_("Leads to improvement"), required=False)
    improvement_description = forms.CharField(
        label=_("The improvement"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Internal note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("The coordinator")
    )
    assignee = PersonPickerField(
        label=_("Case handler"),
        required=False,
        help_text=_(
            "The case handler's e-mail address (empty: nobody yet); with JavaScript on, names "
            "are suggested as you type."
        ),
    )

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["assignee"].queryset = people


class ShareForm(StyledFormMixin, forms.Form):
    person = PersonPickerField(label=_("Share with"), queryset=Person.objects.none())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class RoutingRuleForm(StyledFormMixin, forms.ModelForm):
    assignee = PersonPickerField(label=_("Case handler"), required=False)

    class Meta:
        model = RoutingRule
        fields = ["position", "kind", "topic", "words", "unit", "assignee", "is_active"]

    def __init__(self, *args, units, topics, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["topic"].queryset = topics
        self.fields["assignee"].queryset = people


class TopicForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "unit", "position", "is_active"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class DeadlinesForm(StyledFormMixin, forms.Form):
    retention_months = forms.IntegerField(
        label=_("Keep personal data for (months after closing)"), min_value=1, max_value=120
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[f"{kind}_acknowledge"] = forms.IntegerField(
                label=_("%(kind)s: acknowledge within (working days)") % {"kind": label},
                min_value=0,
                max_value=60,
            )
            self.fields[f"{kind}_answer"] = forms.IntegerField(
                label=_("%(kind)s: answer within (working days)") % {"kind": label},
                min_value=1,
                max_value=120,
            )


class ClosingDayForm(StyledFormMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=100)


class PersonDataForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"))
