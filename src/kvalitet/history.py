"""Who made a change and why, for django-simple-history, when a service saves outside a request."""

from django.db import models


def attribute[M: models.Model](obj: M, *, by, reason: str = "") -> M:
    """Mark the next save of `obj` as made by `by`, with an optional reason for the log."""
    obj._history_user = by  # type: ignore[attr-defined]
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
    return obj
