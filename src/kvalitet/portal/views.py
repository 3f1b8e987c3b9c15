"""The public portal of an organisation: open to every citizen, no sign-in."""

from django.shortcuts import get_object_or_404, render

from kvalitet.organisations.models import Organisation
from kvalitet.portal.sections import sections


def portal_home(request, org_slug):
    organisation = request.organisation or get_object_or_404(Organisation, slug=org_slug)
    return render(
        request,
        "portal/home.html",
        {"organisation": organisation, "portal": True, "sections": sections()},
    )
