"""Draws a picker (kvalitet.core.pickers): its text input joined to a <datalist> htmx fills."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

FIND_LABELS = {
    "people": _("Find a person (opens in a new window)"),
    "documents": _("Find a handbook document (opens in a new window)"),
}


@register.simple_tag(takes_context=True)
def picker(context, field):
    widget = field.field.widget
    organisation = context.get("organisation")
    if organisation is None:
        return field.as_widget()
    list_id = f"{field.auto_id}_options"
    params = {"field": field.html_name}
    if widget.multiple:
        params["multiple"] = "1"
    if widget.former:
        params["former"] = "1"
    url = reverse(f"lookup:{widget.lookup}", kwargs={"org_slug": organisation.slug})
    attrs = {
        "list": list_id,
        "hx-get": f"{url}?{urlencode(params)}",
        # Suggestions on first focus and after a short pause in typing; a newer request
        # replaces one still running, so an old answer never overwrites a newer one.
        "hx-trigger": "focus once, input changed delay:250ms",
        "hx-sync": "this:replace",
        "hx-target": f"#{list_id}",
        "hx-swap": "innerHTML",
        # Filter forms push their address (hx-push-url on the form); a lookup must not.
        "hx-push-url": "false",
    }
    # Without JavaScript nothing is suggested: the lookup's own page finds the address or code.
    return format_html(
        '{}<datalist id="{}"></datalist><noscript><p class="form-hint"><a href="{}" '
        'target="_blank" rel="noopener">{}</a></p></noscript>',
        field.as_widget(attrs=attrs),
        list_id,
        url,
        FIND_LABELS[widget.lookup],
    )
