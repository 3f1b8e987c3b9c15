"""Reads of the activity log, filtered to what the person may see."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from kvalitet import access
from kvalitet.activity.models import ActivityEntry


def activity(
    scope: access.Scope,
    *,
    content_type: ContentType | None = None,
    object_id: str | None = None,
    actor_id: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[ActivityEntry]:
    entries = scope.visible(ActivityEntry.objects.all())
    if content_type is not None:
        entries = entries.filter(content_type=content_type)
    if object_id is not None:
        entries = entries.filter(object_id=object_id)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if since is not None:
        entries = entries.filter(occurred_at__date__gte=since)
    if until is not None:
        entries = entries.filter(occurred_at__date__lte=until)
    return entries.select_related("actor", "content_type").order_by("-occurred_at", "-pk")


def record_kinds() -> list[tuple[str, str]]:
    """The kinds of record that keep history, as (app_label.model, verbose name)."""
    types = ContentType.objects.get_for_models(*access_models()).values()
    kinds = []
    for content_type in types:
        model = content_type.model_class()
        if model is not None:
            label = str(model._meta.verbose_name).capitalize()
            kinds.append((f"{content_type.app_label}.{content_type.model}", label))
    return sorted(kinds, key=lambda pair: pair[1])


def access_models() -> list:
    from kvalitet.organisations.models import Organisation

    return [
        Organisation,
        *(
            policy.model
            for policy in access.registered_policies()
            if hasattr(policy.model, "history")
        ),
    ]
