from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestSent(models.Model):
    """One digest per person per day: `kvalitet remind` run twice in a day sends nothing twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    item_count = models.PositiveIntegerField(_("items"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["person", "day"], name="one_digest_per_person_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.day}"


class JobRun(models.Model):
    """A daily job that has run (anonymisation and the like): once per job per day."""

    name = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("finished at"), auto_now_add=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [
            models.UniqueConstraint(fields=["name", "day"], name="one_run_per_job_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
