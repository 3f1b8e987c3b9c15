"""API endpoints for the current person, organisations, units and memberships."""

import datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kvalitet import access
from kvalitet.api import Pagination, scope_for_request
from kvalitet.organisations import selectors, services
from kvalitet.organisations.models import Language, Membership, Role, Unit, UnitKind

router = Router(tags=["organisations"])


class MembershipOut(Schema):
    id: int
    organisation: str = Field(alias="organisation.slug")
    unit_id: int
    unit_code: str = Field(alias="unit.code")
    person_id: int
    person_name: str = Field(alias="person.full_name")
    role: Role
    valid_from: datetime.date | None
    valid_until: datetime.date | None


class PersonOut(Schema):
    id: int
    email: str
    full_name: str
    language: str


class MeOut(PersonOut):
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    slug: str
    name: str
    country: str
    language: Language
    time_zone: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    is_active: bool
    depth: int


class UnitIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    code: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9ÆØÅÄÖæøåäö_.-]+$")
    kind: UnitKind
    parent_id: int


class UnitPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    code: str | None = Field(
        default=None, min_length=1, max_length=20, pattern=r"^[A-Za-z0-9ÆØÅÄÖæøåäö_.-]+$"
    )
    kind: UnitKind | None = None
    parent_id: int | None = None
    is_active: bool | None = None


class MembershipIn(Schema):
    person_id: int
    unit_id: int
    role: Role
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


class Error(Schema):
    detail: str


@router.get("/me", response=MeOut, summary="The authenticated person and their active roles")
def me(request):
    person = request.auth
    memberships = (
        Membership.objects.active()
        .filter(person=person, unit__is_active=True)
        .select_related("organisation", "unit", "person")
    )
    return {
        "id": person.pk,
        "email": person.email,
        "full_name": person.full_name,
        "language": person.language,
        "memberships": list(memberships),
    }


@router.get("/organisations", response=list[OrganisationOut])
def organisation_list(request):
    return access.organisations_of(request.auth)


@router.get("/organisations/{org_slug}", response={200: OrganisationOut, 404: Error})
def organisation_detail(request, org_slug: str):
    return scope_for_request(request, org_slug).organisation


@router.get("/organisations/{org_slug}/units", response={200: list[UnitOut], 404: Error})
@paginate(Pagination)
def unit_list(request, org_slug: str, include_closed: bool = False):
    scope = scope_for_request(request, org_slug)
    return selectors.unit_tree(scope, include_closed=include_closed)


@router.get("/organisations/{org_slug}/units/{unit_id}", response={200: UnitOut, 404: Error})
def unit_detail(request, org_slug: str, unit_id: int):
    scope = scope_for_request(request, org_slug)
    return selectors.unit_detail(scope, unit_id)


@router.post(
    "/organisations/{org_slug}/units",
    response={201: UnitOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def unit_create(request, org_slug: str, payload: UnitIn):
    scope = scope_for_request(request, org_slug)
    parent = scope.get_or_404(Unit, pk=payload.parent_id)
    unit = services.unit_create(
        scope=scope,
        parent=parent,
        name=payload.name,
        code=payload.code,
        kind=payload.kind,
        by=request.auth,
    )
    return Status(201, unit)


@router.patch(
    "/organisations/{org_slug}/units/{unit_id}",
    response={200: UnitOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def unit_update(request, org_slug: str, unit_id: int, payload: UnitPatch):
    scope = scope_for_request(request, org_slug)
    unit = scope.get_changeable_or_404(Unit, pk=unit_id)
    changes = payload.dict(exclude_unset=True)
    parent = unit.parent
    if changes.get("parent_id") is not None:
        parent = scope.get_or_404(Unit, pk=changes["parent_id"])
    return services.unit_update(
        scope=scope,
        unit=unit,
        by=request.auth,
        name=changes.get("name") or unit.name,
        code=changes.get("code") or unit.code,
        kind=changes.get("kind") or unit.kind,
        parent=parent,
        is_active=unit.is_active if changes.get("is_active") is None else changes["is_active"],
    )


@router.get(
    "/organisations/{org_slug}/memberships", response={200: list[MembershipOut], 404: Error}
)
@paginate(Pagination)
def membership_list(request, org_slug: str, unit_id: int | None = None, role: Role | None = None):
    scope = scope_for_request(request, org_slug)
    memberships = scope.visible(Membership.objects.active()).select_related(
        "organisation", "unit", "person"
    )
    if unit_id is not None:
        memberships = memberships.filter(unit_id=unit_id)
    if role is not None:
        memberships = memberships.filter(role=role)
    return memberships.order_by("unit__path", "person__full_name", "pk")


@router.post(
    "/organisations/{org_slug}/memberships",
    response={201: MembershipOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def membership_create(request, org_slug: str, payload: MembershipIn):
    scope = scope_for_request(request, org_slug)
    unit = scope.get_or_404(Unit, pk=payload.unit_id)
    person = selectors.person_detail(scope, payload.person_id)
    membership = services.membership_create(
        scope=scope,
        person=person,
        unit=unit,
        role=payload.role,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        by=request.auth,
    )
    return Status(201, membership)


@router.post(
    "/organisations/{org_slug}/memberships/{membership_id}/end",
    response={200: MembershipOut, 403: Error, 404: Error, 409: Error},
)
def membership_end(request, org_slug: str, membership_id: int):
    scope = scope_for_request(request, org_slug)
    membership = scope.get_changeable_or_404(
        Membership.objects.select_related("organisation", "unit", "person"), pk=membership_id
    )
    return services.membership_end(scope=scope, membership=membership, by=request.auth)
