"""Shows a changed field by its name in the reader's language, not its name in code."""

from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


@register.simple_tag
def field_label(entry, field_name: str) -> str:
    model = entry.content_type.model_class()
    if model is None:
        return field_name
    try:
        return str(model._meta.get_field(field_name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return field_name
