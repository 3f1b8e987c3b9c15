"""The activity log: each change made by a service leaves one entry, in the same transaction."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.utils import timezone

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.activity.models import Action, ActivityEntry
from kvalitet.organisations import services
from kvalitet.organisations.models import Invitation, Membership, Role, Unit


@pytest.fixture
def scope(coordinator, norreby) -> access.Scope:
    return access.scope_for(coordinator, norreby)


def entries_for(obj) -> list[ActivityEntry]:
    return list(
        ActivityEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).order_by("pk")
    )


def update_unit(scope, unit, by, **changes) -> Unit:
    fields = {
        "name": unit.name,
        "code": unit.code,
        "kind": unit.kind,
        "parent": unit.parent,
        "is_active": unit.is_active,
    }
    fields.update(changes)
    return services.unit_update(scope=scope, unit=unit, by=by, **fields)


def test_a_change_through_a_service_writes_actor_action_and_old_and_new(
    scope, coordinator, norreby, unit
):
    before = ActivityEntry.objects.count()

    update_unit(scope, unit, coordinator, name="Natur og Klima", code="NK2")

    assert ActivityEntry.objects.count() == before + 1
    entry = entries_for(unit)[-1]
    assert entry.actor == coordinator
    assert entry.action == Action.CHANGED
    assert entry.organisation == norreby
    assert entry.object_repr == "NK2 Natur og Klima"
    assert sorted(entry.changes, key=lambda c: c["field"]) == [
        {"field": "code", "old": "NM", "new": "NK2"},
        {"field": "name", "old": "Natur og Miljø", "new": "Natur og Klima"},
    ]
    assert abs(entry.occurred_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_a_created_record_writes_one_entry_with_action_created(scope, coordinator, norreby, unit):
    created = services.unit_create(
        scope=scope, parent=unit, name="Vandløb", code="VL", kind="team", by=coordinator
    )

    # The insert and the follow-up save of the derived path are one entry: the path is hidden.
    [entry] = entries_for(created)
    assert (entry.action, entry.actor, entry.organisation) == (Action.CREATED, coordinator, norreby)
    assert entry.changes == []


def test_a_moved_unit_logs_its_new_parent_but_not_its_derived_path(
    scope, coordinator, unit, norreby
):
    new_parent = Unit.objects.get(organisation=norreby, code="BS")

    update_unit(scope, unit, coordinator, parent=new_parent)

    entry = entries_for(unit)[-1]
    assert [c["field"] for c in entry.changes] == ["parent"]
    assert entry.changes[0]["new"] == str(new_parent.pk)


def test_ending_a_membership_logs_the_reason(scope, coordinator, staff, norreby):
    membership = Membership.objects.get(person=staff, organisation=norreby)

    services.membership_end(scope=scope, membership=membership, by=coordinator)

    entry = entries_for(membership)[-1]
    assert entry.reason == "ended"
    assert entry.actor == coordinator
    assert [c["field"] for c in entry.changes] == ["valid_until"]
    assert entry.changes[0]["old"] == ""


def test_a_save_without_real_changes_writes_no_entry(scope, coordinator, unit):
    before = ActivityEntry.objects.count()

    update_unit(scope, unit, coordinator)

    assert ActivityEntry.objects.count() == before


def test_the_organisation_settings_change_is_logged_for_the_organisation(
    scope, coordinator, norreby
):
    services.organisation_update(scope=scope, by=coordinator, language="en")

    entry = entries_for(norreby)[-1]
    assert entry.organisation == norreby
    assert entry.changes == [{"field": "language", "old": "da", "new": "en"}]


def test_the_entry_rolls_back_with_a_failed_transaction(scope, coordinator, unit):
    before = ActivityEntry.objects.count()
    written_inside = []

    def change_then_fail():
        with transaction.atomic():
            update_unit(scope, unit, coordinator, name="Never saved")
            written_inside.append(ActivityEntry.objects.count() - before)
            raise RuntimeError("the caller's transaction fails after the service")

    with pytest.raises(RuntimeError):
        change_then_fail()

    assert written_inside == [1]
    assert ActivityEntry.objects.count() == before
    unit.refresh_from_db()
    assert unit.name == "Natur og Miljø"


def test_a_service_that_fails_half_way_leaves_no_entry(monkeypatch, scope, coordinator, unit):
    """invitation_accept creates a person and a membership, then fails to mark the invitation."""
    invitation = services.invitation_send(
        scope=scope,
        email="ida@example.org",
        full_name="Ida",
        unit=unit,
        role=Role.STAFF,
        valid_until=None,
        by=coordinator,
    )
    before = ActivityEntry.objects.count()
    people = Person.objects.count()
    memberships = Membership.objects.count()
    real_save = Invitation.save
    written_before_the_failure = []

    def failing_save(self, *args, **kwargs):
        if "accepted_at" in (kwargs.get("update_fields") or ()):
            written_before_the_failure.append(ActivityEntry.objects.count() - before)
            raise DatabaseError("the disk is full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Invitation, "save", failing_save)

    with pytest.raises(DatabaseError):
        services.invitation_accept(invitation=invitation, person=None, password="long enough 1")

    assert written_before_the_failure[0] >= 2  # the person's and the membership's entries
    assert ActivityEntry.objects.count() == before
    assert Person.objects.count() == people
    assert Membership.objects.count() == memberships


def test_the_log_of_another_organisation_stays_there(scope, coordinator, outsider, solvik):
    services.unit_insert(
        organisation=solvik,
        parent=Unit.objects.get(organisation=solvik, parent=None),
        name="Hemlig",
        code="HEM",
        kind="team",
        by=outsider,
    )

    entry = ActivityEntry.objects.filter(object_repr="HEM Hemlig").get()
    assert entry.organisation == solvik
    assert not scope.visible(ActivityEntry.objects.filter(pk=entry.pk)).exists()


def test_the_coordinator_sees_the_history_of_a_person_of_the_organisation(
    scope, coordinator, staff
):
    staff.full_name = "Jonas Dahl-Nielsen"
    staff.save(update_fields=["full_name"])

    assert entries_for(staff), "the change was logged"
    person_type = ContentType.objects.get_for_model(Person)
    visible = scope.visible(
        ActivityEntry.objects.filter(content_type=person_type, object_id=str(staff.pk))
    )
    assert visible.exists()
