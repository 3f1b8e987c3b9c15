"""What waits for a person in feedback: on the start page and in the `kvalitet remind` digest."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.navigation import Waiting
from kvalitet.feedback import selectors


def cases_waiting(scope: access.Scope) -> list[Waiting]:
    """One query (two for a coordinator, who also sees failed e-mail)."""
    if not scope.has_role(access.COORDINATOR, access.MANAGER, access.NETWORK_MEMBER, access.STAFF):
        return []
    slug = scope.organisation.slug
    inbox = reverse("feedback:inbox", kwargs={"org_slug": slug})
    counts = selectors.waiting_counts(scope, timezone.localdate())
    items = [
        Waiting(
            _("Feedback cases assigned to you, near or over their deadline"),
            counts["mine"],
            f"{inbox}?mine=1&status=open",
        ),
        Waiting(
            _("New feedback cases in your units, not yet acknowledged"),
            counts["units"],
            f"{inbox}?status=received",
        ),
    ]
    if scope.is_coordinator:
        items.append(
            Waiting(
                _("Feedback e-mails that could not be sent"),
                selectors.failed_mails(scope).count(),
                reverse("feedback:mail_failures", kwargs={"org_slug": slug}),
            )
        )
    return items
