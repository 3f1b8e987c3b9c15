"""kvalitet.access.Scope with the demo cast: who sees and who may change what in an organisation."""

import dataclasses
import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.activity.models import ActivityEntry
from kvalitet.organisations import services
from kvalitet.organisations.models import Invitation, Membership, Role, Unit

CAST = ["coordinator", "network_member", "manager", "staff", "auditor", "viewer"]


@pytest.fixture
def scope_of(norreby):
    def make(person: Person) -> access.Scope:
        return access.scope_for(person, norreby)

    return make


@pytest.fixture
def units(norreby) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.filter(organisation=norreby)}


@pytest.fixture
def invitations(norreby, coordinator, units) -> dict[str, Invitation]:
    """One open invitation in Nørreby's NM (below the manager) and one in BP (beside it)."""
    scope = access.scope_for(coordinator, norreby)
    return {
        code: services.invitation_send(
            scope=scope,
            email=f"new.{code.lower()}@norreby.example",
            full_name=f"New in {code}",
            unit=units[code],
            role=Role.STAFF,
            valid_until=None,
            by=coordinator,
        )
        for code in ("NM", "BP")
    }


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def with_policy(monkeypatch, model, **changes) -> None:
    """Re-declare `model`'s policy for one test (the real model, a different declaration)."""
    policy = access.policy_for(model)
    monkeypatch.setitem(access._policies, model, dataclasses.replace(policy, **changes))


# --- membership and the tenant boundary -------------------------------------------------------


def test_coordinator_sees_every_unit_and_membership_of_norreby_and_nothing_of_solvik(
    scope_of, coordinator, norreby, solvik
):
    scope = scope_of(coordinator)

    assert set(scope.visible(Unit.objects.all())) == set(Unit.objects.filter(organisation=norreby))
    assert set(scope.visible(Membership.objects.all())) == set(
        Membership.objects.filter(organisation=norreby)
    )
    assert not scope.visible(Unit.objects.filter(organisation=solvik)).exists()
    assert not scope.visible(Membership.objects.filter(organisation=solvik)).exists()


def test_coordinator_may_change_every_unit_of_norreby_but_none_of_solvik(
    scope_of, coordinator, norreby, solvik
):
    scope = scope_of(coordinator)

    assert set(scope.changeable(Unit.objects.all())) == set(
        Unit.objects.filter(organisation=norreby)
    )
    solvik_root = Unit.objects.get(organisation=solvik, parent=None)
    assert not scope.can_change(solvik_root)
    assert not scope.can_view(solvik_root)


def test_outsider_is_no_member_of_norreby_and_sees_nothing(outsider, norreby, solvik, unit):
    scope = access.scope_for(outsider, norreby)

    assert scope.is_member is False
    assert scope.grants == []
    for policy in access.registered_policies():
        assert not scope.visible(policy.model._default_manager.all()).exists(), policy.model
        assert not scope.changeable(policy.model._default_manager.all()).exists(), policy.model
    assert not scope.can_view(unit)
    assert not scope.can_change(unit)
    assert not scope.can_create_in(Unit, unit.path)
    # Control: in Solvik the same person is coordinator and sees Solvik's tree.
    assert access.scope_for(outsider, solvik).visible(Unit.objects.all()).exists()


def test_anonymous_scope_is_empty(norreby):
    scope = access.scope_for(None, norreby)

    assert not scope.is_member
    assert not scope.visible(Unit.objects.all()).exists()


def test_inactive_person_gets_no_grants(scope_of, coordinator):
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])

    assert not scope_of(coordinator).is_member


def test_members_of_a_closed_unit_get_no_grants(scope_of, manager, unit):
    Unit.objects.filter(pk=unit.pk).update(is_active=False)

    assert not scope_of(manager).is_member


# --- organisation-wide models (units, memberships, people) -----------------------------------


@pytest.mark.parametrize("who", CAST)
def test_every_member_sees_the_whole_of_the_organisation_wide_models(
    request, scope_of, coordinator, who
):
    scope = scope_of(request.getfixturevalue(who))

    assert scope.is_member
    assert scope.roles == {who}
    for model in (Unit, Membership, Person):
        everything = scope_of(coordinator).visible(model._default_manager.all())
        assert everything.count() >= 6, model
        assert set(scope.visible(model._default_manager.all())) == set(everything), model


@pytest.mark.parametrize("who", ["network_member", "manager", "staff", "auditor", "viewer"])
def test_only_the_coordinator_may_change_units_memberships_and_people(
    request, scope_of, units, who
):
    scope = scope_of(request.getfixturevalue(who))

    for model in (Unit, Membership, Person):
        assert not scope.changeable(model._default_manager.all()).exists(), model
        assert not scope.can_create_in(model, units["MT"].path), model
    assert not scope.can_change(units["NM"])
    assert not scope.can_change(Membership.objects.filter(unit=units["MT"]).first())


# --- subtree semantics: _paths, can_create_in, changeable ------------------------------------


def test_paths_are_the_units_of_the_grants_for_the_asked_roles(scope_of, manager, units):
    scope = scope_of(manager)

    assert scope._paths({access.MANAGER}) == [units["NM"].path]
    assert scope._paths({access.STAFF, access.COORDINATOR}) == []


def test_manager_may_create_below_their_unit_only_where_the_model_allows_managers(
    monkeypatch, scope_of, manager, units
):
    scope = scope_of(manager)
    # As declared, units are the coordinator's: a manager may create none, not even in NM.
    assert not scope.can_create_in(Unit, units["NM"].path)

    with_policy(monkeypatch, Unit, change_roles=access.EDITOR_ROLES)

    assert scope.can_create_in(Unit, units["NM"].path)
    assert scope.can_create_in(Unit, units["MT"].path)
    assert scope.can_create_in(Unit, units["NV"].path)
    assert not scope.can_create_in(Unit, units["TM"].path), "the unit above"
    assert not scope.can_create_in(Unit, units["BP"].path), "a sibling"
    assert not scope.can_create_in(Unit, None), "organisation-wide is the coordinator's"


def test_manager_changes_exactly_the_subtree_of_their_unit_when_the_model_allows_managers(
    monkeypatch, scope_of, manager, units
):
    with_policy(monkeypatch, Unit, change_roles=access.EDITOR_ROLES)
    scope = scope_of(manager)

    assert codes(scope.changeable(Unit.objects.all())) == {"NM", "MT", "NV"}
    assert scope.can_change(units["MT"])
    assert not scope.can_change(units["BS"])


def test_staff_change_nothing_unless_the_model_names_staff(monkeypatch, scope_of, staff, units):
    with_policy(monkeypatch, Unit, change_roles=access.EDITOR_ROLES)
    scope = scope_of(staff)
    assert not scope.changeable(Unit.objects.all()).exists()

    with_policy(monkeypatch, Unit, change_roles={access.STAFF})
    assert codes(scope.changeable(Unit.objects.all())) == {"MT"}


@pytest.mark.parametrize("who", ["auditor", "viewer"])
def test_auditor_and_viewer_change_nothing_even_where_the_model_names_their_role(
    monkeypatch, request, scope_of, units, who
):
    with_policy(monkeypatch, Unit, change_roles={access.AUDITOR, access.VIEWER, access.MANAGER})
    scope = scope_of(request.getfixturevalue(who))

    assert not scope.changeable(Unit.objects.all()).exists()
    assert not scope.can_change(units["NM"])
    assert not scope.can_create_in(Unit, units["NM"].path)


def test_a_grant_does_not_reach_a_unit_whose_path_merely_shares_digits(
    monkeypatch, scope_of, manager, norreby, units
):
    # Path segments are fixed-width and end in a slash: "…/000003/" is no prefix of "…/0000031/".
    with_policy(monkeypatch, Unit, change_roles=access.EDITOR_ROLES)
    lookalike = Unit.objects.create(
        organisation=norreby,
        parent=units["TM"],
        name="Lookalike",
        code="LL",
        kind="division",
        path=units["NM"].path[:-1] + "1/",
    )

    assert not scope_of(manager).can_change(lookalike)
    assert lookalike not in scope_of(manager).changeable(Unit.objects.all())


# --- auditors: their access period ------------------------------------------------------------


def test_auditor_within_the_access_period_sees_the_activity_log(scope_of, auditor, norreby):
    scope = scope_of(auditor)

    assert scope.is_member
    assert scope.visible(ActivityEntry.objects.all()).exists()


def test_auditor_whose_access_period_ended_yesterday_gets_no_grants(scope_of, auditor, norreby):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    updated = Membership.objects.filter(person=auditor, organisation=norreby).update(
        valid_until=yesterday
    )
    assert updated == 1

    scope = scope_of(auditor)

    assert scope.grants == []
    assert not scope.is_member
    assert not scope.visible(Unit.objects.all()).exists()
    assert not scope.visible(ActivityEntry.objects.all()).exists()


def test_auditor_whose_access_period_ends_today_still_has_it(scope_of, auditor, norreby):
    Membership.objects.filter(person=auditor, organisation=norreby).update(
        valid_until=timezone.localdate()
    )

    assert scope_of(auditor).roles == {access.AUDITOR}


def test_auditor_whose_access_period_starts_tomorrow_has_none_yet(scope_of, auditor, norreby):
    Membership.objects.filter(person=auditor, organisation=norreby).update(
        valid_from=timezone.localdate() + datetime.timedelta(days=1)
    )

    assert not scope_of(auditor).is_member


# --- viewers ----------------------------------------------------------------------------------


def test_viewer_sees_every_unit_scoped_record_but_may_change_none(
    monkeypatch, scope_of, viewer, invitations, units
):
    # Invitations are declared coordinator-only; without that limit they are plain UNIT records.
    scope = scope_of(viewer)
    assert not scope.visible(Invitation.objects.all()).exists()

    with_policy(monkeypatch, Invitation, view_roles=None)

    assert set(scope.visible(Invitation.objects.all())) == set(invitations.values())
    assert all(scope.can_view(invitation) for invitation in invitations.values())
    assert not scope.changeable(Invitation.objects.all()).exists()
    assert not any(scope.can_change(invitation) for invitation in invitations.values())
    assert not scope.can_create_in(Invitation, units["NM"].path)


def test_staff_see_unit_scoped_records_of_their_subtree_only(
    monkeypatch, scope_of, manager, staff, invitations
):
    with_policy(monkeypatch, Invitation, view_roles=None)

    # The manager's NM is the invitation's unit; the staff member's MT lies below it.
    assert set(scope_of(manager).visible(Invitation.objects.all())) == {invitations["NM"]}
    assert not scope_of(staff).visible(Invitation.objects.all()).exists()


def test_personal_records_are_hidden_from_viewers_and_auditors(
    monkeypatch, scope_of, viewer, auditor, manager, invitations
):
    with_policy(monkeypatch, Invitation, view_roles=None, visibility=access.Visibility.PERSONAL)

    assert not scope_of(viewer).visible(Invitation.objects.all()).exists()
    assert not scope_of(auditor).visible(Invitation.objects.all()).exists()
    assert set(scope_of(manager).visible(Invitation.objects.all())) == {invitations["NM"]}


# --- the activity log (view_roles) ------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff", "manager", "network_member", "viewer"])
def test_activity_log_is_invisible_to_everybody_but_coordinator_and_auditor(request, scope_of, who):
    assert ActivityEntry.objects.exists()
    entry = ActivityEntry.objects.filter(organisation__slug="norreby").first()
    scope = scope_of(request.getfixturevalue(who))

    assert not scope.visible(ActivityEntry.objects.all()).exists()
    assert not scope.can_view(entry)
    with pytest.raises(Http404):
        scope.get_or_404(ActivityEntry, pk=entry.pk)


@pytest.mark.parametrize("who", ["coordinator", "auditor"])
def test_coordinator_and_auditor_see_the_whole_activity_log_of_norreby_only(
    request, scope_of, norreby, who
):
    scope = scope_of(request.getfixturevalue(who))

    visible = scope.visible(ActivityEntry.objects.all())

    assert set(visible) == set(ActivityEntry.objects.filter(organisation=norreby))
    assert visible.exists()


def test_auditor_may_change_no_activity_entry(scope_of, auditor):
    scope = scope_of(auditor)

    assert not scope.changeable(ActivityEntry.objects.all()).exists()
    assert not scope.can_change(scope.visible(ActivityEntry.objects.all()).first())


def test_nobody_may_change_a_model_declared_with_no_change_roles(scope_of, coordinator):
    scope = scope_of(coordinator)

    assert not scope.changeable(ActivityEntry.objects.all()).exists()
    assert not scope.can_change(scope.visible(ActivityEntry.objects.all()).first())
    assert not scope.can_create_in(ActivityEntry, None)


# --- get_or_404 -------------------------------------------------------------------------------


def test_get_or_404_returns_a_visible_record(scope_of, coordinator, unit):
    assert scope_of(coordinator).get_or_404(Unit, pk=unit.pk) == unit
    assert scope_of(coordinator).get_or_404(Unit.objects.all(), pk=str(unit.pk)) == unit


@pytest.mark.parametrize(
    "lookup",
    [
        pytest.param("solvik", id="another-organisations-unit"),
        pytest.param("abc", id="malformed-id"),
        pytest.param(None, id="none"),
        pytest.param("999999", id="missing-id"),
    ],
)
def test_get_or_404_raises_404_for_what_is_not_ours(scope_of, coordinator, solvik, lookup):
    if lookup == "solvik":
        lookup = Unit.objects.filter(organisation=solvik).first().pk

    with pytest.raises(Http404):
        scope_of(coordinator).get_or_404(Unit, pk=lookup)


def test_get_changeable_or_404_is_403_for_a_visible_record_the_person_may_not_change(
    scope_of, manager, unit, solvik
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        scope_of(manager).get_changeable_or_404(Unit, pk=unit.pk)
    with pytest.raises(Http404):
        scope_of(manager).get_changeable_or_404(
            Unit, pk=Unit.objects.filter(organisation=solvik).first().pk
        )


def test_coordinator_may_create_in_every_unit_path(scope_of, coordinator, units):
    scope = scope_of(coordinator)

    assert scope.can_create_in(Unit, units["MT"].path)
    assert scope.can_create_in(Unit, None)


def test_every_registered_model_names_its_url_kwarg_once():
    kwargs = [p.url_kwarg for p in access.registered_policies() if p.url_kwarg]

    assert {"unit_id", "membership_id", "person_id", "invitation_id"} <= set(kwargs)
    assert len(kwargs) == len(set(kwargs))
