"""Writes an ActivityEntry for every historical record django-simple-history creates.

It runs inside the save's transaction, so the log and the change commit or roll back together.
"""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from kvalitet.activity.models import ActivityEntry

_HIDDEN = {"path", "password", "token_hash", "last_login"}


def _text(value) -> str:
    return "" if value is None else str(value)[:500]


@receiver(post_create_historical_record)
def record_activity(sender, instance, history_instance, history_user, **kwargs):
    changes = []
    if history_instance.history_type == "~":
        previous = history_instance.prev_record
        if previous is not None:
            delta = history_instance.diff_against(previous)
            changes = [
                {"field": change.field, "old": _text(change.old), "new": _text(change.new)}
                for change in delta.changes
                if change.field not in _HIDDEN
            ]
            if not changes:
                return
    entry = {
        "occurred_at": history_instance.history_date,
        "actor": history_user if getattr(history_user, "pk", None) else None,
        "content_type": ContentType.objects.get_for_model(type(instance)),
        "object_id": str(instance.pk),
        "object_repr": str(instance)[:300],
        "action": history_instance.history_type,
        "changes": changes,
        "reason": (history_instance.history_change_reason or "")[:300],
    }
    ActivityEntry.objects.bulk_create(
        ActivityEntry(organisation_id=organisation_id, **entry)
        for organisation_id in _organisations_of(instance)
    )


def _organisations_of(instance) -> list[int | None]:
    """The organisations whose log shows this change: a person's change shows in each of theirs."""
    label = instance._meta.label
    if label == "organisations.Organisation":
        return [instance.pk]
    if label == "accounts.Person":
        from kvalitet.organisations.models import Membership

        organisation_ids = Membership.objects.filter(person_id=instance.pk).values_list(
            "organisation_id", flat=True
        )
        return sorted(set(organisation_ids)) or [None]
    return [getattr(instance, "organisation_id", None)]
