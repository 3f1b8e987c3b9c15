"""What waits for a unit's network member or manager, and for the coordinator, from plans."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.navigation import Waiting
from kvalitet.plans.models import Report, RoundStatus

SOON_DAYS = 14


def reports_to_give(scope: access.Scope) -> list[Waiting]:
    """One query: the reports in open rounds this person's units have not given, near or late."""
    if scope.is_coordinator or not scope.has_role(access.NETWORK_MEMBER, access.MANAGER):
        return []
    today = timezone.localdate()
    counts = scope.changeable(
        Report.objects.filter(
            round__status=RoundStatus.OPEN,
            reported_at__isnull=True,
            round__deadline__lte=today + datetime.timedelta(days=SOON_DAYS),
        )
    ).aggregate(
        late=Count("pk", filter=Q(round__deadline__lt=today)),
        soon=Count("pk", filter=Q(round__deadline__gte=today)),
    )
    url = reverse("plans:list", kwargs={"org_slug": scope.organisation.slug})
    return [
        Waiting(_("Follow-up reports past the deadline"), counts["late"] or 0, url),
        Waiting(_("Follow-up reports due within two weeks"), counts["soon"] or 0, url),
    ]


def late_rounds(scope: access.Scope) -> list[Waiting]:
    """For the coordinator: open rounds past their deadline with units that have not reported."""
    if not scope.is_coordinator:
        return []
    count = (
        Report.objects.filter(
            organisation=scope.organisation,
            round__status=RoundStatus.OPEN,
            round__deadline__lt=timezone.localdate(),
            reported_at__isnull=True,
        )
        .values("round_id")
        .distinct()
        .count()
    )
    url = reverse("plans:list", kwargs={"org_slug": scope.organisation.slug})
    return [Waiting(_("Follow-up rounds with late units"), count, url)]
