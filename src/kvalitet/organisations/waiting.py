"""What waits for a coordinator on the start page from this area."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.navigation import Waiting
from kvalitet.organisations import selectors


def open_invitations(scope: access.Scope) -> list[Waiting]:
    if not scope.is_coordinator:
        return []
    return [
        Waiting(
            label=_("Invitations not yet accepted"),
            count=selectors.open_invitations(scope).count(),
            url=reverse("organisations:invitations", kwargs={"org_slug": scope.organisation.slug}),
        )
    ]
