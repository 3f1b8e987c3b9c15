"""Writes for the handbook: one transaction each, the acting person passed in.

Every transition of a version is one function here that checks permission (403 by
PermissionDenied, 404 before that by the selectors) and state (409 by Conflict, with a message).
"""

from __future__ import annotations

import calendar
import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kvalitet import access, search
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.documents import selectors
from kvalitet.documents.models import (
    Acknowledgement,
    Attachment,
    Document,
    DocumentVersion,
    Handbook,
    ReadRequirement,
    Review,
    ReviewOutcome,
    Status,
    VersionComment,
)
from kvalitet.files import content_type_for, validate_upload
from kvalitet.history import attribute
from kvalitet.organisations.models import Unit

ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "txt", "csv")
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
HANDBOOK_NAME_MAX = Handbook._meta.get_field("name").max_length or 200


class EditConflict(Conflict):
    """Someone saved the draft after this person opened it; carries the version as it is now."""

    def __init__(self, version: DocumentVersion):
        self.current = version
        who = version.updated_by.full_name if version.updated_by else _("someone")
        when = date_format(timezone.localtime(version.updated_at), "DATETIME_FORMAT")
        super().__init__(
            _(
                "%(who)s saved this draft at %(when)s, after you opened it. Your text was not "
                "saved: compare it with theirs below, then save again."
            )
            % {"who": who, "when": when}
        )


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _locked(version_id: int, organisation_id: int) -> DocumentVersion:
    return (
        DocumentVersion.objects.select_for_update(of=("self",))
        .select_related("document", "document__owner_unit", "author", "updated_by")
        .get(pk=version_id, organisation_id=organisation_id)
    )


def _require_state(version: DocumentVersion, *allowed: str, action: str) -> None:
    if version.status not in allowed:
        raise Conflict(
            _("A version that is %(status)s cannot %(action)s.")
            % {"status": version.get_status_display().lower(), "action": action}
        )


# ---- handbooks ---------------------------------------------------------------------------


def _check_handbook_choices(
    scope: access.Scope, *, units: Iterable[Unit], owner: Person | None
) -> list[Unit]:
    units = list(units)
    if any(unit.organisation_id != scope.organisation.pk for unit in units):
        raise Invalid(_("The unit belongs to another organisation."))
    if owner is not None and not selectors.handbook_owners(scope).contains(owner):
        raise Invalid(_("The owner must be a member of the organisation."))
    return units


def _clean_name(scope: access.Scope, name: str, *, handbook_id: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise Invalid(_("The handbook needs a name."))
    if len(name) > HANDBOOK_NAME_MAX:
        raise Invalid(_("The name can be at most %(max)d characters.") % {"max": HANDBOOK_NAME_MAX})
    same = Handbook.objects.filter(organisation=scope.organisation, name=name)
    if handbook_id is not None:
        same = same.exclude(pk=handbook_id)
    if same.exists():
        raise Conflict(_("A handbook with this name already exists."))
    return name


@transaction.atomic
def handbook_create(
    *,
    scope: access.Scope,
    by: Person,
    name: str,
    description: str = "",
    owner: Person | None = None,
    units: Iterable[Unit] = (),
) -> Handbook:
    """A new handbook; its owner is the acting person unless another member is named."""
    scope.require(scope.can_create_in(Handbook, None))
    name = _clean_name(scope, name)
    units = _check_handbook_choices(scope, units=units, owner=owner)
    handbook = attribute(
        Handbook(
            organisation=scope.organisation,
            name=name,
            description=description.strip(),
            owner=owner or by,
        ),
        by=by,
    )
    handbook.save()
    handbook.units.set(units)
    return handbook


HANDBOOK_FIELDS = {"name", "description", "owner", "units"}


@transaction.atomic
def handbook_update(
    *, scope: access.Scope, by: Person, handbook: Handbook, **fields: Any
) -> Handbook:
    """Change the fields given (name, description, owner, units); the others stay as they are."""
    handbook = Handbook.objects.select_for_update().get(pk=handbook.pk)
    scope.require(scope.can_change(handbook))
    unknown = set(fields) - HANDBOOK_FIELDS
    if unknown:
        raise Invalid(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    if "name" in fields:
        handbook.name = _clean_name(scope, fields["name"], handbook_id=handbook.pk)
    if "description" in fields:
        handbook.description = fields["description"].strip()
    if "owner" in fields:
        owner = fields["owner"]
        if owner is not None and owner.pk != handbook.owner_id:
            _check_handbook_choices(scope, units=(), owner=owner)
        handbook.owner = owner
    units = None
    if "units" in fields:
        units = _check_handbook_choices(scope, units=fields["units"], owner=None)
    attribute(handbook, by=by).save()
    if units is not None:
        handbook.units.set(units)
    return handbook


# ---- documents -----------------------------------------------------------------------------


def _check_unit(scope: access.Scope, unit: Unit | None) -> None:
    if unit is not None and unit.organisation_id != scope.organisation.pk:
        raise Invalid(_("The unit belongs to another organisation."))
    scope.require(scope.can_create_in(Document, unit.path if unit else None))


@transaction.atomic
def document_create(
    *,
    scope: access.Scope,
    by: Person,
    handbook: Handbook,
    code: str,
    title: str,
    level: str,
    kind: str,
    owner_unit: Unit | None,
    owner: Person | None = None,
    visibility: str = "internal",
    language: str = "",
    review_interval_months: int = 12,
    tags: Iterable[str] = (),
    applies_to: Iterable[Unit] = (),
    body: str = "",
) -> Document:
    """Create a document and its first draft (version 1)."""
    if handbook.organisation_id != scope.organisation.pk:
        raise Invalid(_("The handbook belongs to another organisation."))
    _check_unit(scope, owner_unit)
    if Document.objects.filter(organisation=scope.organisation, code=code).exists():
        raise Conflict(_("A document with the code %(code)s already exists.") % {"code": code})
    document = attribute(
        Document(
            organisation=scope.organisation,
            handbook=handbook,
            code=code,
            title=title,
            level=level,
            kind=kind,
            owner_unit=owner_unit,
            owner=owner or by,
            visibility=visibility,
            language=language or scope.organisation.language,
            review_interval_months=review_interval_months,
            tags=[t.strip() for t in tags if t.strip()],
        ),
        by=by,
    )
    document.save()
    document.applies_to.set(applies_to)
    version = attribute(
        DocumentVersion(
            organisation=scope.organisation,
            document=document,
            number=1,
            body=body,
            author=by,
            updated_by=by,
        ),
        by=by,
    )
    version.save()
    search.index_versions([version])
    return document


DOCUMENT_FIELDS = {
    "title",
    "level",
    "kind",
    "owner",
    "owner_unit",
    "visibility",
    "language",
    "review_interval_months",
    "next_review_date",
    "tags",
    "handbook",
}


@transaction.atomic
def document_update(
    *, scope: access.Scope, by: Person, document: Document, applies_to=None, **fields
) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    scope.require(scope.can_change(document))
    unknown = set(fields) - DOCUMENT_FIELDS
    if unknown:
        raise Invalid(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    if "owner_unit" in fields and fields["owner_unit"] != document.owner_unit:
        _check_unit(scope, fields["owner_unit"])
    reindex = any(fields.get(f, getattr(document, f)) != getattr(document, f) for f in ("title",))
    for name, value in fields.items():
        setattr(document, name, value)
    attribute(document, by=by).save()
    if applies_to is not None:
        document.applies_to.set(applies_to)
    if reindex or "language" in fields:
        search.index_versions(document.versions.select_related("document"))
    return document


@transaction.atomic
def read_requirements_set(
    *, scope: access.Scope, by: Person, document: Document, rules: Iterable[tuple[str, Unit | None]]
) -> list[ReadRequirement]:
    """Replace who must read the document: (role or "", unit or None) pairs."""
    scope.require(scope.can_change(document))
    rows = []
    for role, unit in rules:
        if not role and unit is None:
            continue
        if unit is not None and unit.organisation_id != scope.organisation.pk:
            raise Invalid(_("The unit belongs to another organisation."))
        rows.append(
            ReadRequirement(
                organisation=scope.organisation, document=document, role=role, unit=unit
            )
        )
    document.read_requirements.all().delete()
    for row in rows:
        attribute(row, by=by).save()
    return rows


# ---- drafts --------------------------------------------------------------------------------


@transaction.atomic
def draft_create(*, scope: access.Scope, by: Person, document: Document) -> DocumentVersion:
    """Start a new version from the published (or latest) one; at most one is open at a time."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    scope.require(scope.can_change(document))
    if document.versions.filter(
        status__in=[Status.DRAFT, Status.IN_REVIEW, Status.APPROVED]
    ).exists():
        raise Conflict(_("This document already has a version being worked on."))
    latest = document.versions.order_by("-number").first()
    base = document.current_version or latest
    version = attribute(
        DocumentVersion(
            organisation=scope.organisation,
            document=document,
            number=(latest.number + 1) if latest else 1,
            body=base.body if base else "",
            author=by,
            updated_by=by,
        ),
        by=by,
    )
    version.save()
    if base is not None:
        for attachment in base.attachments.all():
            attachment.pk = None
            attachment.version = version
            attribute(attachment, by=by).save()
    search.index_versions([version])
    return version


@transaction.atomic
def draft_save(
    *,
    scope: access.Scope,
    by: Person,
    version: DocumentVersion,
    revision: int,
    body: str,
    change_summary: str,
) -> DocumentVersion:
    """Save a draft's text, unless someone saved it since `revision` was read (409)."""
    version = _locked(version.pk, scope.organisation.pk)
    scope.require(scope.can_change(version.document))
    _require_state(version, Status.DRAFT, action=_("be edited"))
    if version.revision != revision:
        raise EditConflict(version)
    version.body = body
    version.change_summary = change_summary
    version.revision += 1
    version.updated_at = timezone.now()
    version.updated_by = by
    attribute(version, by=by).save()
    search.index_versions([version])
    return version


@transaction.atomic
def comment_add(
    *, scope: access.Scope, by: Person, version: DocumentVersion, body: str
) -> VersionComment:
    version = _locked(version.pk, scope.organisation.pk)
    _require_state(version, Status.DRAFT, Status.IN_REVIEW, action=_("be commented on"))
    if not body.strip():
        raise Invalid(_("Write a comment."))
    comment = attribute(
        VersionComment(organisation=scope.organisation, version=version, author=by, body=body),
        by=by,
    )
    comment.save()
    return comment


@transaction.atomic
def attachment_add(
    *, scope: access.Scope, by: Person, version: DocumentVersion, uploaded
) -> Attachment:
    version = _locked(version.pk, scope.organisation.pk)
    scope.require(scope.can_change(version.document))
    _require_state(version, Status.DRAFT, action=_("be given attachments"))
    try:
        validate_upload(uploaded, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from None
    name = (uploaded.name or "file").rsplit("/", 1)[-1][:200]
    attachment = Attachment(
        organisation=scope.organisation,
        version=version,
        token=secrets.token_hex(16),
        filename=name,
        content_type=content_type_for(name),
        size=uploaded.size,
        uploaded_by=by,
    )
    attachment.file.save(attachment.token, uploaded, save=False)
    attribute(attachment, by=by).save()
    return attachment


@transaction.atomic
def attachment_remove(*, scope: access.Scope, by: Person, attachment: Attachment) -> None:
    version = _locked(attachment.version_id, scope.organisation.pk)
    scope.require(scope.can_change(version.document))
    _require_state(version, Status.DRAFT, action=_("be changed"))
    attribute(attachment, by=by).delete()


# ---- transitions ---------------------------------------------------------------------------


def _touch(version: DocumentVersion, by: Person) -> None:
    version.updated_at = timezone.now()
    version.updated_by = by
    version.revision += 1
    attribute(version, by=by).save()


@transaction.atomic
def submit_for_review(
    *, scope: access.Scope, by: Person, version: DocumentVersion, reviewer: Person | None = None
) -> DocumentVersion:
    version = _locked(version.pk, scope.organisation.pk)
    scope.require(scope.can_change(version.document))
    _require_state(version, Status.DRAFT, action=_("be sent for review"))
    if not version.body.strip():
        raise Invalid(_("Write the text before sending the draft for review."))
    version.status = Status.IN_REVIEW
    version.reviewer = reviewer
    _touch(version, by)
    return version


@transaction.atomic
def return_to_draft(
    *, scope: access.Scope, by: Person, version: DocumentVersion, comment: str = ""
) -> DocumentVersion:
    """Send a version in review (or approved, not yet published) back to its author."""
    version = _locked(version.pk, scope.organisation.pk)
    if not (selectors.can_approve(scope, version.document) or version.author_id == by.pk):
        raise PermissionDenied
    _require_state(version, Status.IN_REVIEW, Status.APPROVED, action=_("be sent back to draft"))
    version.status = Status.DRAFT
    version.approver = None
    version.approved_at = None
    version.effective_date = None
    _touch(version, by)
    if comment.strip():
        attribute(
            VersionComment(
                organisation=scope.organisation, version=version, author=by, body=comment
            ),
            by=by,
        ).save()
    return version


@transaction.atomic
def approve(*, scope: access.Scope, by: Person, version: DocumentVersion) -> DocumentVersion:
    version = _locked(version.pk, scope.organisation.pk)
    if not selectors.can_approve(scope, version.document):
        raise PermissionDenied
    _require_state(version, Status.IN_REVIEW, action=_("be approved"))
    if version.author_id == by.pk:
        raise Conflict(_("You wrote this version; another manager or the coordinator approves it."))
    version.status = Status.APPROVED
    version.approver = by
    version.approved_at = timezone.now()
    _touch(version, by)
    return version


def _make_current(version: DocumentVersion, by: Person, today: datetime.date) -> None:
    document = Document.objects.select_for_update().get(pk=version.document_id)
    previous = document.versions.filter(status=Status.PUBLISHED).exclude(pk=version.pk).first()
    now = timezone.now()
    if previous is not None:
        previous.status = Status.SUPERSEDED
        previous.superseded_at = now
        _touch(previous, by)
    version.status = Status.PUBLISHED
    version.published_at = now
    _touch(version, by)
    was_due = document.next_review_date is not None and document.next_review_date <= today
    document.current_version = version
    document.next_review_date = add_months(
        version.effective_date or today, document.review_interval_months
    )
    attribute(document, by=by).save()
    if previous is not None or was_due:
        attribute(
            Review(
                organisation_id=document.organisation_id,
                document=document,
                version=version,
                reviewed_by=by,
                reviewed_on=today,
                outcome=ReviewOutcome.REVISED,
                note=version.change_summary,
                next_review_date=document.next_review_date,
            ),
            by=by,
        ).save()


@transaction.atomic
def publish(
    *,
    scope: access.Scope,
    by: Person,
    version: DocumentVersion,
    effective_date: datetime.date | None = None,
) -> DocumentVersion:
    """Publish an approved version. On a later effective date it is scheduled instead, and the
    daily job publishes it then; until that day the previous version stays in force."""
    version = _locked(version.pk, scope.organisation.pk)
    if not selectors.can_approve(scope, version.document):
        raise PermissionDenied
    _require_state(version, Status.APPROVED, action=_("be published"))
    today = timezone.localdate()
    effective_date = effective_date or today
    if effective_date < today:
        raise Invalid(_("The effective date cannot be in the past."))
    version.effective_date = effective_date
    if effective_date > today:
        _touch(version, by)
        return version
    _make_current(version, by, today)
    return version


def publish_due(today: datetime.date) -> str:
    """Daily job: publish approved versions whose effective date has come."""
    due = DocumentVersion.objects.filter(
        status=Status.APPROVED, effective_date__isnull=False, effective_date__lte=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            version = DocumentVersion.objects.select_for_update().get(pk=pk)
            if version.status == Status.APPROVED:
                _make_current(version, version.approver or version.author, today)
                count += 1
    return f"{count} document version(s) published"


@transaction.atomic
def withdraw(
    *, scope: access.Scope, by: Person, version: DocumentVersion, reason: str = ""
) -> DocumentVersion:
    """Withdraw a published version: the document is no longer in force."""
    version = _locked(version.pk, scope.organisation.pk)
    if not selectors.can_approve(scope, version.document):
        raise PermissionDenied
    _require_state(version, Status.PUBLISHED, action=_("be withdrawn"))
    version.status = Status.WITHDRAWN
    version.withdrawn_at = timezone.now()
    if reason:
        version.change_summary = reason[:500]
    _touch(version, by)
    document = Document.objects.select_for_update().get(pk=version.document_id)
    document.current_version = None
    document.next_review_date = None
    attribute(document, by=by).save()
    return version


# ---- reading and reviews -----------------------------------------------------------------


@transaction.atomic
def acknowledge(*, scope: access.Scope, by: Person, version: DocumentVersion) -> Acknowledgement:
    """Record that `by` has read the published version (once; a second time is a no-op)."""
    version = scope.get_or_404(selectors.versions_visible(scope), pk=version.pk)
    if version.status != Status.PUBLISHED:
        raise Conflict(_("Only the version in force can be acknowledged."))
    existing = Acknowledgement.objects.filter(version=version, person=by).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            acknowledgement = attribute(
                Acknowledgement(organisation=scope.organisation, version=version, person=by),
                by=by,
            )
            acknowledgement.save()
    except IntegrityError:
        return Acknowledgement.objects.get(version=version, person=by)
    return acknowledgement


@transaction.atomic
def review_unchanged(
    *, scope: access.Scope, by: Person, document: Document, note: str = ""
) -> Review:
    """Record that the document was reviewed and still holds; move the next review date."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    scope.require(scope.can_change(document))
    if document.current_version_id is None:
        raise Conflict(_("Only a document with a published version can be reviewed."))
    today = timezone.localdate()
    document.next_review_date = add_months(today, document.review_interval_months)
    attribute(document, by=by).save()
    review = attribute(
        Review(
            organisation=scope.organisation,
            document=document,
            version_id=document.current_version_id,
            reviewed_by=by,
            reviewed_on=today,
            outcome=ReviewOutcome.UNCHANGED,
            note=note,
            next_review_date=document.next_review_date,
        ),
        by=by,
    )
    review.save()
    return review
