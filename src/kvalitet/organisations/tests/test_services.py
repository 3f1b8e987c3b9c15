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


def test_only_the_top_unit_may_stand_for_the_whole_organisation(scope, coordinator, norreby, unit):
    before = unit_rows(norreby)
    with pytest.raises(Invalid):
        services.unit_create(
            scope=scope, parent=unit, name="Twin", code="TWIN", kind="organisation", by=coordinator
        )
    with pytest.raises(Invalid):
        services.unit_update(
            scope=scope,
            unit=unit,
            by=coordinator,
            name=unit.name,
            code=unit.code,
            kind="organisation",
            parent=unit.parent,
            is_active=True,
        )
    assert unit_rows(norreby) == before


def test_a_membership_that_starts_later_is_not_overwritten(scope, coordinator, staff, unit):
    import datetime

    from django.utils import timezone

    from kvalitet.core.errors import Conflict

    starts = timezone.localdate() + datetime.timedelta(days=30)
    planned = services.membership_create(
        scope=scope, person=staff, unit=unit, role=Role.MANAGER, valid_from=starts, by=coordinator
    )
    with pytest.raises(Conflict):
        services.membership_create(
            scope=scope, person=staff, unit=unit, role=Role.MANAGER, by=coordinator
        )
    planned.refresh_from_db()
    assert planned.valid_from == starts


def test_a_code_taken_at_the_same_moment_is_a_conflict_not_an_error(
    scope, coordinator, norreby, unit, monkeypatch
):
    from kvalitet.core.errors import Conflict

    # The pre-check misses a unit created in the same instant; the constraint must decide.
    monkeypatch.setattr(services, "_check_unique_code", lambda *args: None)
    with pytest.raises(Conflict):
        services.unit_create(
            scope=scope, parent=unit, name="Copy", code="MT", kind="team", by=coordinator
        )
    assert Unit.objects.filter(organisation=norreby, code="MT").count() == 1
