"""Requirement sets (versioned), their requirements, and yearly self-assessments per unit."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Verdict(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "na", _("Not applicable")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RequirementSet(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="requirement_sets"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=250, blank=True, help_text=_("A law, an order, a standard.")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_version"
    )
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("requirement set")
        verbose_name_plural = _("requirement sets")
        ordering = ["title", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Requirement(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    requirement_set = models.ForeignKey(
        RequirementSet, on_delete=models.CASCADE, related_name="requirements"
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(default=0)
    documents = models.ManyToManyField(
        "documents.Document",
        related_name="requirements",
        blank=True,
        verbose_name=_("covered by documents"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement_set", "number"], name="requirement_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class AssessmentRound(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    requirement_set = models.ForeignKey(
        RequirementSet, on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    units = models.ManyToManyField(
        "organisations.Unit", related_name="+", verbose_name=_("units assessed")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["requirement_set", "year"], name="round_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement_set.title} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Assessment(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="assessments")
    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="assessments"
    )
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("assessment"), max_length=10, choices=Verdict.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["requirement__order", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "requirement", "unit"], name="assessment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement.number} – {self.unit.code}"


class AssessmentEvidence(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("web address"), blank=True)
    file = models.FileField(_("file"), upload_to="requirements/evidence/%Y/", blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_evidence",
        verbose_name=_("handbook document"),
    )
    added_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title
