"""Writes for a version's life: drafts, comments, attachments, and every transition
(draft → in review → approved → published → superseded or withdrawn). One transaction each,
the acting person passed in; each checks permission (403 by PermissionDenied, 404 before that by
the selectors) and state (409 by Conflict, with a message).
"""

from __future__ import annotations

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kvalitet import access, search
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.documents import selectors
from kvalitet.documents.models import (
    Attachment,
    Document,
    DocumentVersion,
    Review,
    ReviewOutcome,
    Status,
    VersionComment,
    Visibility,
)
from kvalitet.files import content_type_for, validate_upload
from kvalitet.history import attribute
from kvalitet.portal.cache import portal_changed

ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "txt", "csv")
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


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
    search.index_versions([version])  # its state decides whether search may return it


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
    document.next_review_date = (version.effective_date or today) + relativedelta(
        months=document.review_interval_months
    )
    attribute(document, by=by).save()
    if document.visibility == Visibility.PUBLIC:
        portal_changed(organisation_id=document.organisation_id)
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
    if document.visibility == Visibility.PUBLIC:
        portal_changed(organisation_id=document.organisation_id)
    return version
