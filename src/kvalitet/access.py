"""The one place that decides who may see and change what.

Every page, API endpoint, search, export, PDF and download asks this module. A model joins with
one `register()` call. Records of another organisation, or records a person may not see, are
answered with 404 (the same answer as "does not exist"); a visible record the person may not
change is a 403.

Rules, in short:
- the organisation is the tenant: nothing crosses it;
- coordinators see and change everything in their organisation, except what no role may change
  (a model declared with empty `change_roles`, such as the append-only activity log);
- viewers (politicians) see everything that is not personal data, and change nothing;
- managers and network members see and change records of their unit and the units below it;
- staff see records of their unit and below, and change only what a model allows staff to change;
- auditors see their scope (a unit and everything below it) during their access period only, and
  change nothing;
- records without a unit belong to the whole organisation and are visible to every member;
- models declared `Visibility.ORGANISATION` are visible to every member (the unit tree, people);
  `Visibility.PERSONAL` (complaints, access requests) only to the record's unit and coordinators.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:
    from kvalitet.accounts.models import Person
    from kvalitet.organisations.models import Organisation

M = TypeVar("M", bound=models.Model)

COORDINATOR = "coordinator"
NETWORK_MEMBER = "network_member"
MANAGER = "manager"
STAFF = "staff"
AUDITOR = "auditor"
VIEWER = "viewer"
EDITOR_ROLES = frozenset({COORDINATOR, MANAGER, NETWORK_MEMBER})


class Visibility(enum.Enum):
    ORGANISATION = "organisation"
    UNIT = "unit"
    PERSONAL = "personal"


@dataclass(frozen=True)
class Policy:
    model: type[models.Model]
    organisation: str
    unit: str | None
    visibility: Visibility
    change_roles: frozenset[str]
    url_kwarg: str | None
    view_roles: frozenset[str] | None
    in_organisation: Callable[[models.QuerySet, int], models.QuerySet] | None

    def unit_lookup(self, suffix: str) -> str:
        # unit == "" means the record is itself a unit.
        return f"{self.unit}__{suffix}" if self.unit else suffix

    def organisation_id_of(self, obj: models.Model) -> int | None:
        if self.in_organisation is not None:
            return None
        return getattr(obj, f"{self.organisation}_id")

    def unit_path_of(self, obj: models.Model) -> str | None:
        if self.unit is None:
            return None
        # "" is the record itself; "document__owner_unit" walks the relations one by one.
        unit: Any = obj
        for name in self.unit.split("__") if self.unit else []:
            unit = getattr(unit, name, None)
            if unit is None:
                return None
        return getattr(unit, "path", None)


_policies: dict[type[models.Model], Policy] = {}


def register[M: models.Model](
    model: type[M],
    *,
    unit: str | None = None,
    visibility: Visibility = Visibility.UNIT,
    change_roles: Iterable[str] = EDITOR_ROLES,
    url_kwarg: str | None = None,
    view_roles: Iterable[str] | None = None,
    organisation: str = "organisation",
    in_organisation: Callable[[models.QuerySet, int], models.QuerySet] | None = None,
) -> type[M]:
    """Declare how `model` is scoped: its organisation field, its unit field, who may change it.

    `view_roles`, when given, limits seeing the model to those roles, organisation-wide (the
    activity log: coordinators and auditors). `url_kwarg` names the URL keyword that carries its
    primary key, so the cross-organisation walk test can build every staff URL.
    """
    _policies[model] = Policy(
        model=model,
        organisation=organisation,
        unit=unit,
        visibility=visibility,
        change_roles=frozenset(change_roles),
        url_kwarg=url_kwarg,
        view_roles=frozenset(view_roles) if view_roles is not None else None,
        in_organisation=in_organisation,
    )
    return model


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _policies[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with kvalitet.access") from None


def registered_policies() -> list[Policy]:
    return list(_policies.values())


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    unit_path: str


@dataclass
class Scope:
    """What one person may do in one organisation today; built once per request."""

    person: Person | None
    organisation: Organisation
    grants: list[Grant] = field(default_factory=list)

    @property
    def is_member(self) -> bool:
        return bool(self.grants)

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(grant.role for grant in self.grants)

    @property
    def is_coordinator(self) -> bool:
        return COORDINATOR in self.roles

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def _paths(self, roles: Iterable[str]) -> list[str]:
        wanted = set(roles)
        return sorted({grant.unit_path for grant in self.grants if grant.role in wanted})

    def _sees_everything(self, policy: Policy) -> bool:
        if self.is_coordinator:
            return True
        if policy.view_roles is not None:
            return self.has_role(*policy.view_roles)
        if policy.visibility is Visibility.ORGANISATION:
            return self.is_member
        if policy.visibility is Visibility.UNIT and VIEWER in self.roles:
            return True
        return policy.unit is None and self.is_member and policy.visibility is Visibility.UNIT

    def _view_roles(self, policy: Policy) -> set[str]:
        if policy.visibility is Visibility.PERSONAL:
            return {MANAGER, NETWORK_MEMBER, STAFF}
        return {MANAGER, NETWORK_MEMBER, STAFF, AUDITOR}

    def _in_organisation(self, policy: Policy, queryset: models.QuerySet) -> models.QuerySet:
        if policy.in_organisation is not None:
            return policy.in_organisation(queryset, self.organisation.pk)
        return queryset.filter(**{f"{policy.organisation}_id": self.organisation.pk})

    def _unit_q(self, policy: Policy, paths: list[str], *, include_unitless: bool) -> Q:
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(**{policy.unit_lookup("path__startswith"): path})
        if include_unitless and policy.unit:
            q |= Q(**{f"{policy.unit}__isnull": True})
        return q

    def visible(self, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        """The part of `queryset` this person may see."""
        policy = policy_for(queryset.model)
        if not self.is_member:
            return queryset.none()
        queryset = self._in_organisation(policy, queryset)
        if self._sees_everything(policy):
            return queryset
        if policy.view_roles is not None:
            return queryset.none()
        paths = self._paths(self._view_roles(policy))
        return queryset.filter(
            self._unit_q(policy, paths, include_unitless=policy.visibility is Visibility.UNIT)
        )

    def changeable(self, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        """The part of `queryset` this person may change."""
        policy = policy_for(queryset.model)
        queryset = self._in_organisation(policy, queryset)
        if not policy.change_roles:
            return queryset.none()
        if self.is_coordinator:
            return queryset
        roles = policy.change_roles - {COORDINATOR, AUDITOR, VIEWER}
        paths = self._paths(roles)
        if policy.unit is None or not paths:
            return queryset.none()
        return queryset.filter(self._unit_q(policy, paths, include_unitless=False))

    def _within(self, path: str | None, roles: Iterable[str]) -> bool:
        if path is None:
            return False
        return any(path.startswith(p) for p in self._paths(roles))

    def can_view(self, obj: models.Model) -> bool:
        policy = policy_for(type(obj))
        if not self._belongs_here(policy, obj) or not self.is_member:
            return False
        if self._sees_everything(policy):
            return True
        if policy.view_roles is not None:
            return False
        path = policy.unit_path_of(obj)
        if path is None:
            return policy.visibility is Visibility.UNIT
        return self._within(path, self._view_roles(policy))

    def can_change(self, obj: models.Model) -> bool:
        policy = policy_for(type(obj))
        if not policy.change_roles or not self._belongs_here(policy, obj):
            return False
        if self.is_coordinator:
            return True
        roles = policy.change_roles - {COORDINATOR, AUDITOR, VIEWER}
        return self._within(policy.unit_path_of(obj), roles)

    def can_create_in(self, model: type[models.Model], unit_path: str | None) -> bool:
        """May this person create a `model` record in the unit with `unit_path` (None: org-wide)."""
        policy = policy_for(model)
        if not policy.change_roles:
            return False
        if self.is_coordinator:
            return True
        roles = policy.change_roles - {COORDINATOR, AUDITOR, VIEWER}
        return self._within(unit_path, roles)

    def _belongs_here(self, policy: Policy, obj: models.Model) -> bool:
        org_id = policy.organisation_id_of(obj)
        if org_id is None:
            same = policy.model._default_manager.filter(pk=obj.pk)
            return self._in_organisation(policy, same).exists()
        return org_id == self.organisation.pk

    def get_or_404(self, queryset: models.QuerySet[M] | type[M], **lookup: Any) -> M:
        """The visible record matching `lookup`, else 404 (missing and forbidden look the same)."""
        if isinstance(queryset, type):
            queryset = queryset._default_manager.all()
        try:
            return self.visible(queryset).get(**lookup)
        except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
            # (an id beyond 64 bits reaches the database driver as an OverflowError)
            raise Http404 from None

    def get_changeable_or_404(self, queryset: models.QuerySet[M] | type[M], **lookup: Any) -> M:
        """The record if the person may change it; 404 if they may not see it, 403 if only see."""
        obj = self.get_or_404(queryset, **lookup)
        if not self.can_change(obj):
            raise PermissionDenied
        return obj

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied


def scope_for(person: Person | None, organisation: Organisation) -> Scope:
    """Build the scope with one query: the person's active memberships in the organisation."""
    from kvalitet.organisations.models import Membership

    if person is None or not person.is_authenticated or not person.is_active:
        return Scope(person=None, organisation=organisation)
    today = timezone.localdate()
    rows = (
        Membership.objects.active_on(today)
        .filter(person=person, organisation=organisation, unit__is_active=True)
        .values_list("role", "unit_id", "unit__path")
    )
    return Scope(
        person=person,
        organisation=organisation,
        grants=[Grant(role=role, unit_id=uid, unit_path=path) for role, uid, path in rows],
    )


def organisations_of(person: Person) -> models.QuerySet[Organisation]:
    """The organisations where `person` has an active membership today."""
    from kvalitet.organisations.models import Membership, Organisation

    active = Membership.objects.active().filter(person=person, unit__is_active=True)
    return Organisation.objects.filter(pk__in=active.values("organisation_id"))
