"""The handbook: handbooks, documents on three levels, versions, attachments, reading, reviews.

A Document is the lasting thing (code, title, owner, level, review date); each DocumentVersion is
one text of it moving through draft → in review → approved → published → superseded / withdrawn.
Writes go through `services.py`; reads through `selectors.py`; who may see what through
`kvalitet.access` (see `access_rules.py`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kvalitet.organisations.models import Language, Role


class TsVectorField(SearchVectorField):
    """A stored tsvector on PostgreSQL; an unused text column on SQLite (which searches FTS5).

    No model uses it any more (search data is in documents_search, see kvalitet.search); kept
    because the first migration names it.
    """

    def db_type(self, connection):  # type: ignore[no-untyped-def]
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def _check_postgres_installed(self, *args):  # type: ignore[no-untyped-def]
        return []


class Level(models.TextChoices):
    MANAGEMENT = "management", _("Management processes")
    CORE = "core", _("Core processes")
    SUPPORT = "support", _("Support processes")


# The levels in the order people know them (not the alphabetical order of their values): lists
# sort by it, and an index on it lets a page of the handbook be read without sorting every row.
LEVEL_RANK = models.Case(
    *[models.When(level=value, then=models.Value(rank)) for rank, value in enumerate(Level.values)],
    default=models.Value(len(Level.values)),
)


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROCEDURE = "procedure", _("Procedure")
    INSTRUCTION = "instruction", _("Instruction")
    CHECKLIST = "checklist", _("Checklist")
    TEMPLATE = "template", _("Template")
    PROCESS = "process", _("Process description")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Versions every member of the organisation may read once the document itself is visible.
RELEASED = (Status.PUBLISHED, Status.SUPERSEDED, Status.WITHDRAWN)
# Versions still being worked on: at most one per document.
OPEN = (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED)


class Handbook(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="handbooks",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    units = models.ManyToManyField(
        "organisations.Unit",
        blank=True,
        related_name="handbooks",
        verbose_name=_("units in scope"),
        help_text=_("Leave empty when the handbook covers the whole organisation."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handbook")
        verbose_name_plural = _("handbooks")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="handbook_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("organisation"),
    )
    handbook = models.ForeignKey(
        Handbook, on_delete=models.PROTECT, related_name="documents", verbose_name=_("handbook")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    code = models.CharField(_("code"), max_length=30, help_text=_("A short code such as KP-03."))
    title = models.CharField(_("title"), max_length=250)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    owner_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_documents",
        verbose_name=_("owner unit"),
        help_text=_("Leave empty when the document belongs to the whole organisation."),
    )
    applies_to = models.ManyToManyField(
        "organisations.Unit",
        blank=True,
        related_name="applicable_documents",
        verbose_name=_("applies to units"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    current_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published version"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["current_version"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="document_code_unique"),
        ]
        indexes = [
            models.Index(fields=["organisation", "next_review_date"]),
            models.Index(
                models.F("organisation"), LEVEL_RANK, models.F("code"), name="document_level_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def review_is_due(self, today: datetime.date, *, within_days: int = 0) -> bool:
        if self.next_review_date is None:
            return False
        return self.next_review_date <= today + datetime.timedelta(days=within_days)


class DocumentVersion(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    change_summary = models.CharField(_("change summary"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Optimistic locking: every save of the text increments it; a save based on an older
    # revision is refused (409) instead of silently overwriting the other person's change.
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    # The search data lives in the table documents_search (kvalitet.search), not here.

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status__in=["draft", "in_review", "approved"]),
                name="one_open_version_per_document",
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="published"),
                name="one_published_version_per_document",
            ),
        ]
        indexes = [
            # Covering, so that the versions a search may return are found without reading
            # the (wide) rows: PostgreSQL answers from the index alone.
            models.Index(
                fields=["organisation", "status"],
                include=["id", "document"],
                name="version_org_status_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document.code} v{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_released(self) -> bool:
        return self.status in RELEASED


class VersionComment(models.Model):
    """A reviewer's (or anyone's) remark on a version while it is worked on."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never contains what the uploader called the file.
    return f"documents/{instance.organisation_id}/{timezone.now():%Y/%m}/{instance.token}"


class Attachment(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="attachments"
    )
    token = models.CharField(max_length=40, editable=False)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["filename", "pk"]

    def __str__(self) -> str:
        return self.filename


class ReadRequirement(models.Model):
    """Who must read and acknowledge each published version: a role, a unit (and below), or both."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="read_requirements"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reading requirement")
        verbose_name_plural = _("reading requirements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="") | Q(unit__isnull=False), name="read_requirement_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return " / ".join(str(part) for part in (self.get_role_display(), self.unit) if part)


class Acknowledgement(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField(_("read"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("read acknowledgement")
        verbose_name_plural = _("read acknowledgements")
        ordering = ["-acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="acknowledgement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.version_id}"


class ReviewOutcome(models.TextChoices):
    UNCHANGED = "unchanged", _("Reviewed without change")
    REVISED = "revised", _("Revised in a new version")


class Review(models.Model):
    """A periodic review of a document: when, by whom, with what outcome, and the next date."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(_("reviewed"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    next_review_date = models.DateField(_("next review"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.reviewed_on}"
