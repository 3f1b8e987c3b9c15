"""Form fields that choose a person or a handbook document without listing them all.

An organisation has thousands of people and documents, so a <select> of every one costs seconds
to render and is useless to read. A picker is a text field that takes the person's e-mail address
or the document's code; its queryset still limits what may be chosen, so validation stays on the
server. With JavaScript on, htmx fills a <datalist> from the lookup views (kvalitet.core.lookup)
as the person types; the field is drawn by templates/includes/form_field.html.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Codes contain no spaces or commas (see DocumentForm.code): any run of them separates two.
CODE_SEPARATORS = re.compile(r"[\s,;]+")


class PickerInput(forms.TextInput):
    """A text input that kvalitet's form_field.html connects to a lookup (`people`, `documents`)."""

    def __init__(self, *, lookup: str, multiple: bool = False, former: bool = False, attrs=None):
        self.lookup = lookup
        self.multiple = multiple
        self.former = former
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})


class _PickerMixin:
    """Shows a chosen record by its text key; an id from `initial` is turned into it too."""

    to_field_name: str
    queryset: models.QuerySet

    def __init__(self, *, key: str, widget, default_help, help_text=None, **kwargs):
        kwargs.setdefault("widget", widget)
        kwargs.setdefault("queryset", None)
        super().__init__(to_field_name=key, help_text=help_text or default_help, **kwargs)

    def _keys_of(self, values: list) -> list[str]:
        ids = [v for v in values if isinstance(v, int)]
        found = dict(self.queryset.filter(pk__in=ids).values_list("pk", self.to_field_name))
        keys = []
        for value in values:
            if isinstance(value, models.Model):
                keys.append(getattr(value, self.to_field_name))
            elif isinstance(value, int):
                if value in found:
                    keys.append(found[value])
            elif value not in (None, ""):
                keys.append(str(value))
        return keys

    def prepare_value(self, value):
        if isinstance(value, str | None):
            return value or ""
        keys = self._keys_of([value])
        return keys[0] if keys else ""


class _OnePickerField(_PickerMixin, forms.ModelChoiceField):
    def find(self, key: str) -> models.Model | None:
        raise NotImplementedError

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = str(value).strip()
        # PostgreSQL refuses a NUL in a query; such a value names nothing.
        found = self.find(key) if "\x00" not in key else None
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class PersonPickerField(_OnePickerField):
    """One person of `queryset`, given by e-mail address."""

    default_error_messages = {
        "invalid_choice": _("There is nobody here with that e-mail address who can be chosen."),
    }

    def __init__(self, *, former: bool = False, **kwargs):
        super().__init__(
            key="email",
            widget=PickerInput(lookup="people", former=former, attrs={"inputmode": "email"}),
            default_help=_(
                "The person's e-mail address; with JavaScript on, names are suggested as you type."
            ),
            **kwargs,
        )

    def find(self, key: str) -> models.Model | None:
        # Addresses are kept in lower case (PersonManager.create_user).
        return self.queryset.filter(email=key.lower()).first()


def _document_by_code(queryset, code: str):
    """The document with `code`; letter case only matters when two codes differ by it alone."""
    matches = list(queryset.filter(code__iexact=code)[:2])
    if len(matches) == 1:
        return matches[0]
    return next((d for d in matches if d.code == code), None)


class DocumentPickerField(_OnePickerField):
    """One handbook document of `queryset`, given by its code."""

    default_error_messages = {
        "invalid_choice": _("There is no handbook document with that code that can be chosen."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            key="code",
            widget=PickerInput(lookup="documents"),
            default_help=_(
                "The document's code; with JavaScript on, codes and titles are suggested as you "
                "type."
            ),
            **kwargs,
        )

    def find(self, key: str) -> models.Model | None:
        return _document_by_code(self.queryset, key)


class DocumentsPickerField(_PickerMixin, forms.ModelMultipleChoiceField):
    """Several handbook documents of `queryset`, given by their codes (separated by commas)."""

    MAX_CODES = 50
    default_error_messages = {
        "invalid_choice": _("There is no handbook document with the code %(value)s."),
        "too_many": _("Give at most %(count)s documents."),
        "invalid": _("Use letters, digits, dot or dash only."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            key="code",
            widget=PickerInput(lookup="documents", multiple=True),
            default_help=_(
                "The documents' codes, separated by commas; with JavaScript on, codes and titles "
                "are suggested as you type."
            ),
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        if value is None:
            return ""
        values = list(value) if isinstance(value, list | tuple | models.QuerySet) else [value]
        return ", ".join(self._keys_of(values))

    def clean(self, value):
        text = str(value or "")
        if "\x00" in text:  # PostgreSQL refuses a NUL in a query; no code holds one
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        codes = [code for code in dict.fromkeys(CODE_SEPARATORS.split(text)) if code]
        if not codes:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        if len(codes) > self.MAX_CODES:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"count": self.MAX_CODES}
            )
        exact = {d.code: d for d in self.queryset.filter(code__in=codes)}
        documents = []
        for code in codes:
            document = exact.get(code) or _document_by_code(self.queryset, code)
            if document is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": code},
                )
            documents.append(document)
        return documents

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.prepare_value(data)
