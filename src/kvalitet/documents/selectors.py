"""Reads for the handbook pages, the portal, the API and the waiting lists; each takes a scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.documents.models import (
    LEVEL_RANK,
    OPEN,
    RELEASED,
    Acknowledgement,
    Attachment,
    Document,
    DocumentVersion,
    Handbook,
    ReadRequirement,
    Status,
    Visibility,
)
from kvalitet.organisations.models import Membership, Organisation, Unit

REVIEW_SOON_DAYS = 30


# ---- permissions that are more than "may change" ----------------------------------------


def _ancestor_paths(path: str) -> list[str]:
    """'000001/000005/' → ['000001/', '000001/000005/']."""
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def can_approve(scope: access.Scope, document: Document) -> bool:
    """Coordinators, and managers of the owner unit or a unit above it, approve and publish."""
    if scope.is_coordinator:
        return True
    if document.owner_unit is None:
        return False
    path = document.owner_unit.path
    return any(g.role == access.MANAGER and path.startswith(g.unit_path) for g in scope.grants)


def approvable_q(scope: access.Scope) -> Q:
    """Versions this person could approve (by unit; the author rule is applied separately)."""
    if scope.is_coordinator:
        return Q()
    q = Q(pk__in=[])
    for grant in scope.grants:
        if grant.role == access.MANAGER:
            q |= Q(document__owner_unit__path__startswith=grant.unit_path)
    return q


# ---- handbooks and documents ---------------------------------------------------------------


def handbooks(scope: access.Scope) -> QuerySet[Handbook]:
    return scope.visible(Handbook.objects.all()).annotate(document_count=Count("documents"))


def handbook_owners(scope: access.Scope, *, keep: int | None = None) -> QuerySet[Person]:
    """The people who may own a handbook: active members of the organisation (and `keep`, the
    present owner, so that editing other fields does not drop them)."""
    members = Membership.objects.filter(organisation=scope.organisation).active()
    return Person.objects.filter(
        Q(is_active=True, pk__in=members.values("person_id")) | Q(pk=keep)
    ).order_by("full_name", "email")


def handbook_units(scope: access.Scope, *, handbook: Handbook | None = None) -> QuerySet[Unit]:
    """The units a handbook can cover: the active ones, and those it already covers."""
    in_use = Q(pk__in=handbook.units.values("pk")) if handbook is not None else Q(pk__in=[])
    return Unit.objects.filter(
        Q(is_active=True) | in_use, organisation=scope.organisation
    ).order_by("path")


class DocumentState(models.TextChoices):
    """Where a document stands, as the handbook list filters it."""

    IN_FORCE = "in_force", _("In force")
    NOT_IN_FORCE = "not_in_force", _("Not in force")
    BEING_REVISED = "being_revised", _("Being revised")


def owner_units(scope: access.Scope) -> QuerySet[Unit]:
    """The units a list filters by: the active ones and any that still own a document."""
    owns = Document.objects.filter(owner_unit=OuterRef("pk"))
    return Unit.objects.filter(
        Q(is_active=True) | Exists(owns), organisation=scope.organisation
    ).order_by("path")


def documents(
    scope: access.Scope,
    *,
    handbook: Handbook | None = None,
    level: str = "",
    kind: str = "",
    owner_unit: Unit | None = None,
    search: str = "",
    due_only: bool = False,
    state: str = "",
) -> QuerySet[Document]:
    """The visible documents matching the filters, by code (no related rows: see list_rows)."""
    qs = scope.visible(Document.objects.all())
    if handbook is not None:
        qs = qs.filter(handbook=handbook)
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    if owner_unit is not None:
        # The unit and the units below it, as a coordinator thinks of "this department's".
        qs = qs.filter(owner_unit__path__startswith=owner_unit.path)
    if search:
        qs = qs.filter(Q(code__icontains=search) | Q(title__icontains=search))
    if due_only:
        qs = qs.filter(next_review_date__lte=_soon())
    if state == DocumentState.IN_FORCE:
        qs = qs.filter(current_version__isnull=False)
    elif state == DocumentState.NOT_IN_FORCE:
        qs = qs.filter(current_version__isnull=True)
    elif state == DocumentState.BEING_REVISED:
        # Only drafts the person may see: a draft of another unit's document stays hidden.
        drafts = DocumentVersion.objects.filter(document=OuterRef("pk"), status__in=OPEN)
        qs = qs.filter(Exists(scope.visible(drafts)))
    return qs.order_by("code")


def level_counts(documents: QuerySet[Document]) -> dict[str, int]:
    """How many of `documents` are on each level (one GROUP BY)."""
    rows = documents.order_by().values_list("level").annotate(n=Count("pk"))
    return dict(rows)


class DocumentPages:
    """`documents` for a Paginator, by level, then code. A page's ids are chosen first in a
    narrow subquery that walks the level index; only those rows are then joined to their unit
    and version, so page 200 costs about what page 1 does instead of joining every document."""

    ordered = True

    def __init__(self, documents: QuerySet[Document]) -> None:
        self.documents = documents.order_by(LEVEL_RANK, "code")

    def __getitem__(self, page: slice) -> QuerySet[Document]:
        ids = self.documents.values("pk")[page]
        return list_rows(Document.objects.filter(pk__in=ids))


def list_rows(documents: QuerySet[Document]) -> QuerySet[Document]:
    """`documents` by level, then code, with only the columns a list shows (never a body)."""
    return (
        documents.select_related("owner_unit", "current_version")
        .only(
            "code",
            "title",
            "level",
            "kind",
            "visibility",
            "next_review_date",
            "owner_unit__name",
            "current_version__number",
            "current_version__effective_date",
        )
        .order_by(LEVEL_RANK, "code")
    )


def document_detail(scope: access.Scope, document_id: int) -> Document:
    return scope.get_or_404(
        Document.objects.select_related("handbook", "owner", "owner_unit", "current_version"),
        pk=document_id,
    )


def versions_visible(scope: access.Scope) -> QuerySet[DocumentVersion]:
    """Released versions of every document the person may see, and the versions being worked on
    that the person may see by unit (drafts stay within the owner unit and above)."""
    released = Q(status__in=RELEASED, document__in=scope.visible(Document.objects.all()))
    worked_on = Q(pk__in=scope.visible(DocumentVersion.objects.filter(status__in=OPEN)))
    return DocumentVersion.objects.filter(organisation=scope.organisation).filter(
        released | worked_on
    )


def version_of(scope: access.Scope, version_id: int, *related: str) -> DocumentVersion:
    """One version the person may see (as versions_visible decides), else 404. It tests the one
    row instead of matching it against every document of the organisation, which
    versions_visible's subquery lists; `related` are further relations to load."""
    versions = DocumentVersion.objects.filter(organisation=scope.organisation).select_related(
        "document__owner_unit", *related
    )
    try:
        version = versions.get(pk=version_id)
    except (DocumentVersion.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    # Released versions are read through their document; drafts follow the owner unit.
    visible = version.document if version.is_released else version
    if not scope.can_view(visible):
        raise Http404
    return version


def document_versions(scope: access.Scope, document: Document) -> QuerySet[DocumentVersion]:
    """The versions of a document the person may see (the caller found the document visible):
    the released ones, and the one worked on if the person may see it by unit."""
    worked_on = scope.visible(DocumentVersion.objects.filter(document=document, status__in=OPEN))
    return (
        DocumentVersion.objects.filter(organisation=scope.organisation, document=document)
        .filter(Q(status__in=RELEASED) | Q(pk__in=worked_on))
        .select_related("author", "approver")
        .defer("body")
        .order_by("-number")
    )


def version_detail(scope: access.Scope, document: Document, version_id: int) -> DocumentVersion:
    return scope.get_or_404(
        versions_visible(scope)
        .filter(document=document)
        .select_related("author", "approver", "reviewer", "updated_by"),
        pk=version_id,
    )


def version_attachments(version: DocumentVersion) -> QuerySet[Attachment]:
    return version.attachments.select_related("uploaded_by").order_by("filename", "pk")


def attachment_for_download(scope: access.Scope, attachment_id: int) -> Attachment:
    return scope.get_or_404(
        Attachment.objects.filter(version__in=versions_visible(scope)), pk=attachment_id
    )


# ---- the portal ----------------------------------------------------------------------------


def public_documents(
    organisation: Organisation, *, level: str = "", search: str = ""
) -> QuerySet[Document]:
    """The public documents in force, matching the portal's filters (no related rows: a page
    of them is read through DocumentPages, the counts through level_counts)."""
    qs = Document.objects.filter(
        organisation=organisation,
        visibility=Visibility.PUBLIC,
        current_version__status=Status.PUBLISHED,
    )
    if level:
        qs = qs.filter(level=level)
    if search:
        qs = qs.filter(Q(code__icontains=search) | Q(title__icontains=search))
    return qs.order_by("code")


def public_version(organisation: Organisation, document_id: int) -> DocumentVersion:
    """The published version of a public document, or 404 for anything else."""
    from django.http import Http404

    version = (
        DocumentVersion.objects.filter(
            organisation=organisation,
            document_id=document_id,
            status=Status.PUBLISHED,
            document__visibility=Visibility.PUBLIC,
        )
        .select_related("document", "document__owner_unit", "document__handbook")
        .first()
    )
    if version is None:
        raise Http404
    return version


# ---- reading -----------------------------------------------------------------------------


def _requirement_q(scope: access.Scope, prefix: str = "") -> Q:
    """Reading requirements that name this person (by role, by unit and below, or both)."""
    q = Q(pk__in=[])
    for grant in scope.grants:
        role_ok = Q(**{f"{prefix}role": ""}) | Q(**{f"{prefix}role": grant.role})
        unit_ok = Q(**{f"{prefix}unit__isnull": True}) | Q(
            **{f"{prefix}unit__path__in": _ancestor_paths(grant.unit_path)}
        )
        q |= role_ok & unit_ok
    return q


def to_read(scope: access.Scope) -> QuerySet[Document]:
    """Documents whose published version this person must read and has not yet acknowledged."""
    if scope.person is None:
        return Document.objects.none()
    required = ReadRequirement.objects.filter(document=OuterRef("pk")).filter(_requirement_q(scope))
    acknowledged = Acknowledgement.objects.filter(
        version=OuterRef("current_version"), person=scope.person
    )
    return (
        scope.visible(Document.objects.all())
        .filter(current_version__status=Status.PUBLISHED)
        .filter(Exists(required))
        .exclude(Exists(acknowledged))
        .order_by("current_version__published_at", "code")
    )


def reading_rows(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Documents to read with the columns the list shows (never the version's body)."""
    return documents.select_related("current_version").only(
        "code", "title", "current_version__number", "current_version__effective_date"
    )


def must_read(scope: access.Scope, document: Document) -> bool:
    return document.read_requirements.filter(_requirement_q(scope)).exists()


@dataclass
class UnitReading:
    unit: object
    read: list = field(default_factory=list)
    unread: list = field(default_factory=list)


def reading_overview(document: Document) -> list[UnitReading]:
    """Per unit, who must read the published version and who has acknowledged it (3 queries)."""
    version = document.current_version
    if version is None or version.status != Status.PUBLISHED:
        return []
    requirements = list(document.read_requirements.select_related("unit"))
    if not requirements:
        return []
    # Only the memberships some requirement names, so that a requirement on one unit does not
    # load every membership of a large organisation.
    named = Q(pk__in=[])
    for requirement in requirements:
        rule = Q()
        if requirement.role:
            rule &= Q(role=requirement.role)
        if requirement.unit is not None:
            rule &= Q(unit__path__startswith=requirement.unit.path)
        named |= rule
    today = timezone.localdate()
    memberships = (
        Membership.objects.active_on(today)
        .filter(organisation_id=document.organisation_id, unit__is_active=True)
        .filter(named)
        .select_related("person", "unit")
        .order_by("unit__path", "person__full_name")
    )
    acknowledged = set(version.acknowledgements.values_list("person_id", flat=True))
    units: dict[int, UnitReading] = {}
    placed: set[tuple[int, int]] = set()
    for membership in memberships:
        for requirement in requirements:
            if requirement.role and requirement.role != membership.role:
                continue
            if requirement.unit is not None and not membership.unit.path.startswith(
                requirement.unit.path
            ):
                continue
            key = (membership.unit_id, membership.person_id)
            if key in placed:
                break
            placed.add(key)
            row = units.setdefault(membership.unit_id, UnitReading(unit=membership.unit))
            target = row.read if membership.person_id in acknowledged else row.unread
            target.append(membership.person)
            break
    return list(units.values())


# ---- reviews and approvals ---------------------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate()


def _soon(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(days=REVIEW_SOON_DAYS)


def reviews_due(scope: access.Scope, *, today: datetime.date | None = None) -> QuerySet[Document]:
    """Documents past or near their review date that this person answers for (owner or unit)."""
    mine = scope.changeable(Document.objects.all())
    if scope.person is not None:
        mine = mine | scope.visible(Document.objects.filter(owner=scope.person))
    # No DISTINCT: both halves are documents of the organisation joined only along foreign
    # keys, so a document cannot come twice, and the most overdue first can walk the
    # (organisation, next_review_date) index instead of sorting every due document.
    return mine.filter(next_review_date__lte=_soon(today)).exclude(current_version__isnull=True)


def review_rows(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Due documents, most overdue first, with the columns the list shows."""
    return (
        documents.select_related("owner", "owner_unit")
        .only("code", "title", "next_review_date", "owner__full_name", "owner_unit__name")
        .order_by("next_review_date", "code")
    )


def to_approve(scope: access.Scope) -> QuerySet[DocumentVersion]:
    """Versions in review that this person may approve (never their own)."""
    if not scope.has_role(access.COORDINATOR, access.MANAGER):
        return DocumentVersion.objects.none()
    return (
        DocumentVersion.objects.filter(organisation=scope.organisation, status=Status.IN_REVIEW)
        .filter(approvable_q(scope))
        .exclude(author=scope.person)
        .select_related("document", "author")
        .only(
            "number",
            "change_summary",
            "updated_at",
            "document__code",
            "document__title",
            "author__full_name",
        )
        .order_by("updated_at", "pk")
    )


def comments_prefetch() -> Prefetch:
    from kvalitet.documents.models import VersionComment

    return Prefetch(
        "comments", queryset=VersionComment.objects.select_related("author").order_by("created_at")
    )


def documents_matching(scope: access.Scope, query: str, *, limit: int = 20) -> list[Document]:
    """Up to `limit` visible documents whose code or title holds every word of `query`."""
    documents = scope.visible(Document.objects.all())
    for word in query.split()[:5]:
        documents = documents.filter(Q(code__icontains=word) | Q(title__icontains=word))
    return list(documents.only("code", "title").order_by("code")[:limit])
