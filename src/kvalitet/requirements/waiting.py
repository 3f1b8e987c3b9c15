"""What waits for a unit's network member or manager from requirement sets."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.navigation import Waiting
from kvalitet.requirements import selectors


def assessments_to_fill_in(scope: access.Scope) -> list[Waiting]:
    if scope.is_coordinator or not scope.has_role(access.NETWORK_MEMBER, access.MANAGER):
        return []
    return [
        Waiting(
            label=_("Requirements to assess in an open round"),
            count=selectors.waiting_assessments(scope).count(),
            url=reverse("requirements:list", kwargs={"org_slug": scope.organisation.slug}),
        )
    ]
