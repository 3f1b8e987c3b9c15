"""Citizens' feedback: the case, its routing, deadlines, notes, attachments and queued mail."""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kvalitet.organisations.models import Organisation, Unit


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")
    QUESTION = "question", _("Question")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    OPEN311 = "open311", _("Open311 app")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    DESK = "desk", _("At the desk")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
# The status flow; a case may skip ahead (a phone call can be answered at once), never go back.
TRANSITIONS = {
    Status.RECEIVED: {Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.ANSWERED},
    Status.ACKNOWLEDGED: {Status.IN_PROGRESS, Status.ANSWERED},
    Status.IN_PROGRESS: {Status.ANSWERED},
    Status.ANSWERED: {Status.CLOSED},
    Status.CLOSED: set(),
}


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    EXPLAINED = "explained", _("Explained, no change")
    PARTLY = "partly", _("Partly resolved")
    FORWARDED = "forwarded", _("Forwarded elsewhere")
    NOTED = "noted", _("Noted")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedbackSettings(models.Model):
    """An organisation's choices for feedback; missing means the defaults."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="feedback_settings"
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months after closing)"), default=24
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")

    def __str__(self) -> str:
        return str(self.organisation)


class DeadlineRule(models.Model):
    """Working days to acknowledge and to answer, per organisation and kind (defaults 2 and 10)."""

    DEFAULT_ACKNOWLEDGE_DAYS = 2
    DEFAULT_ANSWER_DAYS = 10

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    acknowledge_days = models.PositiveSmallIntegerField(_("acknowledge within (working days)"))
    answer_days = models.PositiveSmallIntegerField(_("answer within (working days)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="deadline_rule_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.acknowledge_days}/{self.answer_days}"


class ClosingDay(models.Model):
    """A day the organisation is closed beyond the public holidays (the day after Ascension)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="closing_days"
    )
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "day"], name="closing_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}"


class Topic(models.Model):
    """An entry of the citizen-friendly list of what feedback may concern ("Roads and parks")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by unit"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("shown on the form"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Where new cases go: the first active rule (by position) whose conditions all match."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("topic")
    )
    words = models.CharField(
        _("words in the subject"),
        max_length=200,
        blank=True,
        help_text=_("Separate words with commas; one of them is enough."),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("route to unit")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("and to person"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}: {self.unit}"

    def word_list(self) -> list[str]:
        return [word.strip().lower() for word in self.words.split(",") if word.strip()]

    def matches(self, *, kind: str, topic_id: int | None, subject: str) -> bool:
        if self.kind and self.kind != kind:
            return False
        if self.topic_id and self.topic_id != topic_id:
            return False
        words = self.word_list()
        return not words or any(word in subject.lower() for word in words)


class ReferenceCounter(models.Model):
    """The last reference number used per organisation and year, taken by an atomic UPDATE."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="reference_counter_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last}"


class CaseQuerySet(models.QuerySet["FeedbackCase"]):
    def open(self) -> "CaseQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue_on(self, day: datetime.date) -> "CaseQuerySet":
        return self.filter(
            Q(status=Status.RECEIVED, acknowledge_due__lt=day)
            | Q(status__in=OPEN_STATUSES, answer_due__lt=day)
        )

    def due_by(self, day: datetime.date) -> "CaseQuerySet":
        """Open cases with a deadline on or before `day` (near or over)."""
        return self.filter(
            Q(status=Status.RECEIVED, acknowledge_due__lte=day)
            | Q(status__in=OPEN_STATUSES, answer_due__lte=day)
        )


class FeedbackCase(models.Model):
    """One complaint, suggestion, praise or question, from arrival to closing."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="feedback_cases"
    )
    reference = models.CharField(_("reference"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("concerns")
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(max_length=5, default="da")
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledge_due = models.DateField(_("acknowledge by"))
    answer_due = models.DateField(_("answer by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case handler"),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("shared with")
    )
    answer = models.TextField(_("answer"), blank=True, max_length=10000)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    leads_to_improvement = models.BooleanField(_("leads to improvement"), default=False)
    improvement_description = models.TextField(_("the improvement"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    status_token_hash = models.CharField(max_length=64, unique=True)
    # The ALTCHA challenge a public submission solved: unique, so one solution is used once.
    challenge_nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["status_token_hash", "challenge_nonce"])
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback case")
        verbose_name_plural = _("feedback cases")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="feedback_reference_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "answer_due"]),
            # The statistics read one organisation's year (or the portal's last twelve months)
            # out of a million cases: a range on this index instead of all the organisation's.
            models.Index(fields=["organisation", "received_at"], name="feedback_case_received"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.status == Status.RECEIVED and self.acknowledge_due < today:
            return True
        return self.is_open and self.answer_due < today

    def is_near_deadline(self, today: datetime.date | None = None, days: int = 2) -> bool:
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=days)
        due = self.acknowledge_due if self.status == Status.RECEIVED else self.answer_due
        return self.is_open and today <= due <= soon

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


class CaseNote(models.Model):
    """An internal note on a case; never shown to the citizen."""

    case = models.ForeignKey(FeedbackCase, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.created_at}"


def _attachment_path(instance, filename: str) -> str:
    return f"feedback/{instance.case.organisation_id}/{instance.case_id}/{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(FeedbackCase, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class CaseMail(models.Model):
    """An e-mail queued for a case, so a failed send can be found, shown and sent again."""

    case = models.ForeignKey(FeedbackCase, on_delete=models.CASCADE, related_name="mails")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    template = models.CharField(max_length=60)
    to = models.CharField(max_length=254)
    # The django-tasks-db result of the last attempt (None under a backend without stored results).
    task_id = models.UUIDField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self) -> str:
        return f"{self.template} → {self.to}"
