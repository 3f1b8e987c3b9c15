"""Shared by the organisation page tests: addresses and the activity entries of a record."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kvalitet.activity.models import ActivityEntry


def url(name: str, **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": "norreby", **kwargs})


def entries_for(obj) -> list[ActivityEntry]:
    return list(
        ActivityEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).order_by("pk")
    )
