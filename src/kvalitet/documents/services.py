"""Writes for the handbook: one transaction each, the acting person passed in.

Every transition of a version is one function here that checks permission (403 by
PermissionDenied, 404 before that by the selectors) and state (409 by Conflict, with a message).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access, search
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.documents import selectors
from kvalitet.documents.models import (
    Acknowledgement,
    Document,
    DocumentVersion,
    Handbook,
    ReadRequirement,
    Review,
    ReviewOutcome,
    Status,
    Visibility,
)
from kvalitet.history import attribute
from kvalitet.organisations.models import Unit
from kvalitet.portal.cache import portal_changed

HANDBOOK_NAME_MAX = Handbook._meta.get_field("name").max_length or 200


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
    # The print page of a public document names its handbook.
    portal_changed(organisation_id=handbook.organisation_id)
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
    was_public = document.visibility == Visibility.PUBLIC
    for name, value in fields.items():
        setattr(document, name, value)
    attribute(document, by=by).save()
    if was_public or document.visibility == Visibility.PUBLIC:
        portal_changed(organisation_id=document.organisation_id)
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
    document.next_review_date = today + relativedelta(months=document.review_interval_months)
    attribute(document, by=by).save()
    if document.visibility == Visibility.PUBLIC:  # the print page shows the next review
        portal_changed(organisation_id=document.organisation_id)
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
