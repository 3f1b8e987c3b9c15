"""Action plans: themes, coded actions, assignments per responsible unit, follow-up rounds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    CLOSED = "closed", _("Closed")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class WorkStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class Judgement(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class RoundKind(models.TextChoices):
    YEARLY = "yearly", _("Yearly")
    MIDTERM = "midterm", _("Mid-term")
    FINAL = "final", _("Final")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Plan(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=250)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    vision = models.TextField(_("vision"), blank=True)
    values = models.TextField(_("core values"), blank=True)
    goals = models.TextField(_("overarching goals"), blank=True, help_text=_("One goal per line."))
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    owner_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner unit"),
    )
    follow_up_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up owner (person)"),
    )
    follow_up_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up owner (unit)"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year_from", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def goal_list(self) -> list[str]:
        return [line.strip(" -•") for line in self.goals.splitlines() if line.strip(" -•")]


class Theme(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="theme_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Action(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("theme"),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead unit"),
    )
    follow_up_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up unit"),
    )
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    period_note = models.CharField(
        _("period note"), max_length=200, blank=True, help_text=_("For example: 2007 and 2009.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    see_also = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("see also")
    )

    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="action_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def period(self) -> str:
        return action_period(self.year_from, self.year_to, self.period_note)


def action_period(year_from: int, year_to: int, note: str) -> str:
    """An action's period as shown: the note if there is one, else the year or the years."""
    if note:
        return note
    if year_from == year_to:
        return str(year_from)
    return f"{year_from}–{year_to}"


class Assignment(models.Model):
    """One responsible unit's part of an action."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=WorkStatus.choices, default=WorkStatus.NOT_STARTED
    )
    judgement = models.CharField(
        _("assessment"), max_length=10, choices=Judgement.choices, blank=True
    )
    narrative = models.TextField(_("narrative"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["action__code", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["action", "unit"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} – {self.unit.code}"


class Evidence(models.Model):
    """A link from an assignment to what shows the work: a handbook document, a file or a URL."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("web address"), blank=True)
    file = models.FileField(_("file"), upload_to="plans/evidence/%Y/", blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_evidence",
        verbose_name=_("handbook document"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class FollowUpRound(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("kind"), max_length=10, choices=RoundKind.choices)
    title = models.CharField(_("title"), max_length=200)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("coordinator's summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Report(models.Model):
    """A unit's report on one assignment in one round; empty until the unit reports."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="reports")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=WorkStatus.choices, blank=True)
    judgement = models.CharField(
        _("assessment"), max_length=10, choices=Judgement.choices, blank=True
    )
    narrative = models.TextField(_("narrative"), blank=True)
    comment = models.TextField(_("coordinator's comment"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["assignment__action__code", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "assignment"], name="report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.assignment}"

    @property
    def is_reported(self) -> bool:
        return self.reported_at is not None
