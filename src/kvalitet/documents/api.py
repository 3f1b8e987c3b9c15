"""API of the handbook: handbooks, documents, versions (list, detail, create draft, save draft,
transitions), acknowledgements and search, with the same rules as the pages."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kvalitet import search
from kvalitet.api import Pagination, scope_for_request
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.documents import selectors, services, services_versions
from kvalitet.documents.models import Document, DocumentKind, Handbook, Level, Visibility
from kvalitet.documents.models import Status as VersionStatus
from kvalitet.documents.rendering import render_markdown
from kvalitet.organisations.models import Unit

router = Router(tags=["handbook"])


class Error(Schema):
    detail: str


class HandbookOut(Schema):
    id: int
    name: str
    description: str
    document_count: int


class HandbookDetailOut(HandbookOut):
    owner_id: int | None
    unit_ids: list[int]

    @staticmethod
    def resolve_unit_ids(obj) -> list[int]:
        return sorted(unit.pk for unit in obj.units.all())


class HandbookIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    owner_id: int | None = None
    unit_ids: list[int] = []


class HandbookPatch(Schema):
    """Only the fields sent are changed; `owner_id: null` removes the owner."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    owner_id: int | None = None
    unit_ids: list[int] | None = None


class DocumentOut(Schema):
    id: int
    handbook_id: int
    code: str
    title: str
    level: Level
    kind: DocumentKind
    visibility: Visibility
    language: str
    owner_id: int | None
    owner_unit_id: int | None
    tags: list[str]
    review_interval_months: int
    next_review_date: datetime.date | None
    current_version_id: int | None


class DocumentIn(Schema):
    handbook_id: int
    code: str = Field(min_length=1, max_length=30, pattern=r"^[A-Za-z0-9ÆØÅÄÖæøåäö_.§-]+$")
    title: str = Field(min_length=1, max_length=250)
    level: Level
    kind: DocumentKind
    owner_unit_id: int | None = None
    visibility: Visibility = Visibility.INTERNAL
    language: str = Field(default="", pattern=r"^(da|sv|en|)$")
    review_interval_months: int = Field(default=12, ge=1, le=60)
    tags: list[str] = []
    body: str = Field(default="", max_length=200_000)


class VersionSummaryOut(Schema):
    id: int
    document_id: int
    number: int
    status: VersionStatus
    change_summary: str
    author_id: int
    approver_id: int | None
    effective_date: datetime.date | None
    revision: int


class VersionOut(VersionSummaryOut):
    body: str
    html: str


class DraftIn(Schema):
    revision: int
    body: str = Field(max_length=200_000)
    change_summary: str = Field(default="", max_length=500)


class TransitionIn(Schema):
    comment: str = Field(default="", max_length=4000)
    effective_date: datetime.date | None = None


class AcknowledgementOut(Schema):
    id: int
    version_id: int
    person_id: int
    acknowledged_at: datetime.datetime


class HitOut(Schema):
    version_id: int
    document_id: int
    code: str
    title: str
    status: VersionStatus
    rank: float
    snippet: str


class SearchOut(Schema):
    query: str
    total: int
    hits: list[HitOut]


def _version_out(version) -> dict:
    data = VersionSummaryOut.from_orm(version).dict()
    return {**data, "body": version.body, "html": str(render_markdown(version.body))}


BASE = "/organisations/{org_slug}/handbook"


@router.get(f"{BASE}/handbooks", response={200: list[HandbookOut], 404: Error})
def handbook_list(request, org_slug: str):
    return selectors.handbooks(scope_for_request(request, org_slug)).order_by("name", "pk")


def _handbook_choices(scope, data: dict) -> dict:
    """Turn `owner_id` and `unit_ids` into people and units of this organisation (else 422)."""
    fields = {k: v for k, v in data.items() if k not in ("owner_id", "unit_ids")}
    if "owner_id" in data:
        owner = None
        if data["owner_id"] is not None:
            owner = selectors.handbook_owners(scope).filter(pk=data["owner_id"]).first()
            if owner is None:
                raise Invalid(_("The owner must be a member of the organisation."))
        fields["owner"] = owner
    if data.get("unit_ids") is not None:
        wanted = set(data["unit_ids"])
        units = list(Unit.objects.filter(organisation=scope.organisation, pk__in=wanted))
        if len(units) != len(wanted):
            raise Invalid(_("The unit belongs to another organisation."))
        fields["units"] = units
    return fields


def _handbook_out(scope, handbook_id: int):
    return selectors.handbooks(scope).prefetch_related("units").get(pk=handbook_id)


@router.post(
    f"{BASE}/handbooks",
    response={201: HandbookDetailOut, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Create a handbook (coordinators)",
)
def handbook_create(request, org_slug: str, payload: HandbookIn):
    scope = scope_for_request(request, org_slug)
    scope.require(scope.can_create_in(Handbook, None))
    fields = _handbook_choices(scope, payload.dict())
    handbook = services.handbook_create(scope=scope, by=request.auth, **fields)
    return Status(201, _handbook_out(scope, handbook.pk))


@router.patch(
    f"{BASE}/handbooks/{{handbook_id}}",
    response={200: HandbookDetailOut, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Change a handbook's name, description, owner or units (coordinators)",
)
def handbook_update(request, org_slug: str, handbook_id: int, payload: HandbookPatch):
    scope = scope_for_request(request, org_slug)
    handbook = scope.get_changeable_or_404(Handbook, pk=handbook_id)
    sent = payload.dict(exclude_unset=True)
    if "name" in sent and sent["name"] is None:
        raise Invalid(_("The handbook needs a name."))
    if "description" in sent and sent["description"] is None:
        sent["description"] = ""
    fields = _handbook_choices(scope, sent)
    services.handbook_update(scope=scope, by=request.auth, handbook=handbook, **fields)
    return _handbook_out(scope, handbook.pk)


@router.get(f"{BASE}/documents", response={200: list[DocumentOut], 404: Error})
@paginate(Pagination)
def document_list(request, org_slug: str, level: Level | None = None, q: str = ""):
    scope = scope_for_request(request, org_slug)
    return selectors.documents(scope, level=level or "", search=q[:100])


@router.get(f"{BASE}/documents/{{document_id}}", response={200: DocumentOut, 404: Error})
def document_detail(request, org_slug: str, document_id: int):
    return selectors.document_detail(scope_for_request(request, org_slug), document_id)


@router.post(
    f"{BASE}/documents",
    response={201: DocumentOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def document_create(request, org_slug: str, payload: DocumentIn):
    scope = scope_for_request(request, org_slug)
    handbook = scope.get_or_404(selectors.handbooks(scope), pk=payload.handbook_id)
    owner_unit = None
    if payload.owner_unit_id is not None:
        owner_unit = scope.get_or_404(Unit, pk=payload.owner_unit_id)
    document = services.document_create(
        scope=scope,
        by=request.auth,
        handbook=handbook,
        code=payload.code,
        title=payload.title,
        level=payload.level,
        kind=payload.kind,
        owner_unit=owner_unit,
        visibility=payload.visibility,
        language=payload.language,
        review_interval_months=payload.review_interval_months,
        tags=payload.tags,
        body=payload.body,
    )
    return Status(201, Document.objects.get(pk=document.pk))


@router.get(
    f"{BASE}/documents/{{document_id}}/versions",
    response={200: list[VersionSummaryOut], 404: Error},
)
def version_list(request, org_slug: str, document_id: int):
    scope = scope_for_request(request, org_slug)
    document = selectors.document_detail(scope, document_id)
    return selectors.document_versions(scope, document)


@router.post(
    f"{BASE}/documents/{{document_id}}/versions",
    response={201: VersionOut, 403: Error, 404: Error, 409: Error},
    summary="Start a new draft from the version in force",
)
def draft_create(request, org_slug: str, document_id: int):
    scope = scope_for_request(request, org_slug)
    document = scope.get_changeable_or_404(Document, pk=document_id)
    version = services_versions.draft_create(scope=scope, by=request.auth, document=document)
    return Status(201, _version_out(version))


def _version(scope, version_id: int):
    visible = selectors.versions_visible(scope).select_related("document")
    return scope.get_or_404(visible, pk=version_id)


@router.get(f"{BASE}/versions/{{version_id}}", response={200: VersionOut, 404: Error})
def version_detail(request, org_slug: str, version_id: int):
    return _version_out(_version(scope_for_request(request, org_slug), version_id))


@router.put(
    f"{BASE}/versions/{{version_id}}",
    response={200: VersionOut, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="Save a draft; 409 when someone saved it after `revision`",
)
def draft_save(request, org_slug: str, version_id: int, payload: DraftIn):
    scope = scope_for_request(request, org_slug)
    version = _version(scope, version_id)
    saved = services_versions.draft_save(
        scope=scope,
        by=request.auth,
        version=version,
        revision=payload.revision,
        body=payload.body,
        change_summary=payload.change_summary,
    )
    return _version_out(saved)


@router.post(
    f"{BASE}/versions/{{version_id}}/{{action}}",
    response={200: VersionOut, 403: Error, 404: Error, 409: Error, 422: Error},
    summary="A transition: submit, return, approve, publish or withdraw",
)
def version_transition(request, org_slug: str, version_id: int, action: str, payload: TransitionIn):
    scope = scope_for_request(request, org_slug)
    version = _version(scope, version_id)
    functions = {
        "submit": lambda: services_versions.submit_for_review(
            scope=scope, by=request.auth, version=version
        ),
        "return": lambda: services_versions.return_to_draft(
            scope=scope, by=request.auth, version=version, comment=payload.comment
        ),
        "approve": lambda: services_versions.approve(scope=scope, by=request.auth, version=version),
        "publish": lambda: services_versions.publish(
            scope=scope, by=request.auth, version=version, effective_date=payload.effective_date
        ),
        "withdraw": lambda: services_versions.withdraw(
            scope=scope, by=request.auth, version=version, reason=payload.comment
        ),
    }
    if action not in functions:
        raise Http404
    return _version_out(functions[action]())


@router.get(
    f"{BASE}/to-read",
    response={200: list[DocumentOut], 404: Error},
    summary="Documents the person must read and has not acknowledged",
)
def to_read(request, org_slug: str):
    return selectors.to_read(scope_for_request(request, org_slug))


@router.post(
    f"{BASE}/documents/{{document_id}}/acknowledgements",
    response={201: AcknowledgementOut, 404: Error, 409: Error},
    summary="Acknowledge reading the version in force",
)
def acknowledge(request, org_slug: str, document_id: int):
    scope = scope_for_request(request, org_slug)
    document = selectors.document_detail(scope, document_id)
    if document.current_version is None:
        raise Conflict("The document has no version in force.")
    return Status(
        201, services.acknowledge(scope=scope, by=request.auth, version=document.current_version)
    )


class UnitReadingOut(Schema):
    unit_id: int
    unit: str
    read: list[str]
    unread: list[str]


@router.get(
    f"{BASE}/documents/{{document_id}}/acknowledgements",
    response={200: list[UnitReadingOut], 403: Error, 404: Error},
    summary="Per unit, who has and has not read the version in force (owner and coordinator)",
)
def reading(request, org_slug: str, document_id: int):
    scope = scope_for_request(request, org_slug)
    document = selectors.document_detail(scope, document_id)
    owner = scope.can_change(document) or document.owner_id == request.auth.pk
    scope.require(owner or scope.is_coordinator)
    return [
        {
            "unit_id": row.unit.pk,
            "unit": row.unit.name,
            "read": [p.full_name for p in row.read],
            "unread": [p.full_name for p in row.unread],
        }
        for row in selectors.reading_overview(document)
    ]


@router.get(f"{BASE}/search", response={200: SearchOut, 404: Error})
def search_documents(request, org_slug: str, q: str, limit: int = 20, offset: int = 0):
    scope = scope_for_request(request, org_slug)
    results = search.search(
        search.staff_candidates(scope), q, limit=max(1, min(limit, 50)), offset=max(0, offset)
    )
    return {
        "query": results.query,
        "total": results.total,
        "hits": [
            {
                "version_id": hit.version.pk,
                "document_id": hit.version.document_id,
                "code": hit.version.document.code,
                "title": hit.version.document.title,
                "status": hit.version.status,
                "rank": hit.rank,
                "snippet": str(hit.snippet),
            }
            for hit in results.hits
        ],
    }
