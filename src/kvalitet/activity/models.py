"""One row per change to any domain record: the organisation's activity log ("who changed what")."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATED = "+", _("created")
    CHANGED = "~", _("changed")
    DELETED = "-", _("deleted")


class ActivityEntry(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    occurred_at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=1, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=list)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-occurred_at"]),
            models.Index(fields=["content_type", "object_id", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"
