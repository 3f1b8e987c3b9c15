"""Running a form through a service: invalid input and broken rules come back on the form."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied

from kvalitet.core.errors import DomainError


@dataclass
class Outcome:
    done: bool
    status: int = 200
    result: Any = None


def submit(request, form: forms.Form, action: Callable[[dict], Any]) -> Outcome:
    """On POST, validate `form` and call `action(cleaned_data)` (one service call).

    Invalid input answers 400, a broken rule the error's status (409/422), both with the message
    on the form; PermissionDenied passes through as 403. Nothing is written unless all is well,
    because the service runs in one transaction.
    """
    if request.method != "POST":
        return Outcome(done=False)
    if not form.is_valid():
        return Outcome(done=False, status=400)
    try:
        return Outcome(done=True, result=action(form.cleaned_data))
    except PermissionDenied:
        raise
    except DomainError as error:
        form.add_error(None, error.message)
        return Outcome(done=False, status=error.status)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-input", **(attrs or {})}, format="%Y-%m-%d")


class StyledFormMixin:
    """Gives every widget the design system's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-checkbox")
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "form-radio")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-input")


def query_without_page(request) -> str:
    """The current filters as a query string, for the links to other pages of a list."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
