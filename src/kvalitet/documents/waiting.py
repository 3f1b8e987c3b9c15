"""What waits for a person in the handbook: documents to read, drafts to approve, reviews due.

These feed the start page and the daily digest (`kvalitet remind`). Three COUNT queries at most.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.navigation import Waiting
from kvalitet.documents import selectors


def handbook_waiting(scope: access.Scope) -> list[Waiting]:
    if scope.person is None:
        return []
    kwargs = {"org_slug": scope.organisation.slug}
    items = [
        Waiting(
            label=_("Documents to read"),
            count=selectors.to_read(scope).count(),
            url=reverse("documents:to_read", kwargs=kwargs),
        )
    ]
    if scope.has_role(access.COORDINATOR, access.MANAGER):
        items.append(
            Waiting(
                label=_("Drafts to approve"),
                count=selectors.to_approve(scope).count(),
                url=reverse("documents:to_approve", kwargs=kwargs),
            )
        )
    if scope.has_role(*access.EDITOR_ROLES):
        items.append(
            Waiting(
                label=_("Document reviews due"),
                count=selectors.reviews_due(scope).count(),
                url=reverse("documents:reviews_due", kwargs=kwargs),
            )
        )
    return items
