"""Shared by the organisation page tests: addresses and the activity entries of a record."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kvalitet.activity.models import ActivityEntry
from kvalitet.organisations.models import Unit


def url(name: str, **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": "norreby", **kwargs})


def entries_for(obj) -> list[ActivityEntry]:
    return list(
        ActivityEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).order_by("pk")
    )


HTMX = {"HTTP_HX_REQUEST": "true"}


def unit_form(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "code": unit.code,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


NON_COORDINATORS = ["staff", "manager", "network_member", "auditor", "viewer"]
