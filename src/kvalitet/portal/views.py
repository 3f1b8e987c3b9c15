"""The public portal of an organisation: open to every citizen, no sign-in."""

from django.shortcuts import get_object_or_404, render

from kvalitet.organisations.models import Organisation
from kvalitet.portal.cache import partials
from kvalitet.portal.sections import sections


def portal_home(request, org_slug):
    organisation = request.organisation or get_object_or_404(Organisation, slug=org_slug)
    cached = partials(
        organisation,
        "portal/home.html",
        ("title", "content"),
        page="home",
        context=lambda: {"organisation": organisation, "sections": sections()},
    )
    return render(
        request,
        "portal/home.html",
        {"organisation": organisation, "portal": True, "fragments": cached},
    )
