"""Rules the organisation services keep whoever calls them (page, API or a future caller)."""

import pytest
from django.utils import translation

from kvalitet import access
from kvalitet.core.errors import Invalid
from kvalitet.organisations import services
from kvalitet.organisations.models import Invitation, Membership, Role, Unit


@pytest.fixture
def scope(coordinator, norreby) -> access.Scope:
    return access.scope_for(coordinator, norreby)


@pytest.fixture
def solvik_unit(solvik) -> Unit:
    return Unit.objects.get(organisation=solvik, code="OSF")


def unit_rows(organisation) -> list[tuple]:
    return list(
        Unit.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", "name", "code", "parent_id", "path", "is_active")
    )


def test_a_unit_cannot_move_under_its_own_child(scope, coordinator, norreby, unit):
    child = Unit.objects.get(organisation=norreby, code="MT")
    before = unit_rows(norreby)

    with pytest.raises(Invalid) as error, translation.override("en"):
        services.unit_update(
            scope=scope,
            unit=unit,
            by=coordinator,
            name=unit.name,
            code=unit.code,
            kind=unit.kind,
            parent=child,
            is_active=True,
        )

    assert error.value.status == 422
    assert "cannot be placed under itself" in error.value.message
    assert unit_rows(norreby) == before


def test_a_membership_in_another_organisations_unit_is_refused(
    scope, coordinator, staff, solvik_unit
):
    before = Membership.objects.count()

    with pytest.raises(Invalid):
        services.membership_create(
            scope=scope, person=staff, unit=solvik_unit, role=Role.STAFF, by=coordinator
        )

    assert Membership.objects.count() == before


def test_an_invitation_to_another_organisations_unit_is_refused(scope, coordinator, solvik_unit):
    with pytest.raises(Invalid):
        services.invitation_send(
            scope=scope,
            email="ida@example.org",
            full_name="Ida",
            unit=solvik_unit,
            role=Role.STAFF,
            valid_until=None,
            by=coordinator,
        )

    assert not Invitation.objects.exists()
