"""The organisation's staff pages: unit tree, people, memberships, settings, invitations."""

import pytest

from kvalitet import access
from kvalitet.activity.models import ActivityEntry
from kvalitet.organisations.models import Unit
from kvalitet.organisations.tests.view_helpers import (
    HTMX,
    NON_COORDINATORS,
    entries_for,
    unit_form,
    url,
)


def unit_rows(organisation) -> list[tuple]:
    return list(
        Unit.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", "name", "code", "kind", "parent_id", "path", "is_active")
    )


# --- unit tree --------------------------------------------------------------------------------


def test_unit_tree_shows_norrebys_codes_and_none_of_solviks(client_for, staff, norreby, solvik):
    response = client_for(staff).get(url("units"))

    assert response.status_code == 200
    page = response.content.decode()
    for code in Unit.objects.filter(organisation=norreby).values_list("code", flat=True):
        assert f'<span class="kv-code">{code}</span>' in page
    for code in Unit.objects.filter(organisation=solvik).values_list("code", flat=True):
        assert f'<span class="kv-code">{code}</span>' not in page


def test_unit_tree_hides_closed_units_unless_asked(as_coordinator, units):
    Unit.objects.filter(pk=units["BP"].pk).update(is_active=False)

    default = as_coordinator.get(url("units")).content.decode()
    with_closed = as_coordinator.get(url("units"), {"closed": "1"}).content.decode()

    assert '<span class="kv-code">BP</span>' not in default
    assert '<span class="kv-code">BP</span>' in with_closed


@pytest.mark.parametrize(
    ("page", "params", "marker"),
    [
        pytest.param("units", {}, 'id="unit-tree"', id="unit-tree"),
        pytest.param("people", {"q": "Lund"}, 'id="people-results"', id="people-results"),
    ],
)
def test_htmx_request_gets_only_the_partial(as_coordinator, page, params, marker):
    full = as_coordinator.get(url(page), params)
    partial = as_coordinator.get(url(page), params, **HTMX)

    assert full.status_code == partial.status_code == 200
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body
    assert body.strip().startswith(f"<div {marker}")


def test_unit_detail_lists_children_and_members(client_for, staff, unit):
    response = client_for(staff).get(url("unit", unit_id=unit.pk))

    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("Miljøtilsyn", "Natur og Vand", "Birgitte Lund", "Lars Holm"):
        assert shown in page
    assert "Edit unit" not in page  # staff may not change units


# --- unit create / edit -----------------------------------------------------------------------


def test_coordinator_creates_a_unit_visible_in_tree_and_activity(
    as_coordinator, coordinator, norreby, units
):
    response = as_coordinator.post(
        url("unit_create"),
        {"name": "Vandløb", "code": "VL", "kind": "team", "parent": units["NV"].pk},
    )

    created = Unit.objects.get(organisation=norreby, code="VL")
    assert response.status_code == 302
    assert response["Location"] == url("unit", unit_id=created.pk)
    assert created.parent == units["NV"]
    assert created.path == f"{units['NV'].path}{created.pk:06d}/"
    assert '<span class="kv-code">VL</span>' in as_coordinator.get(url("units")).content.decode()
    [entry] = entries_for(created)
    assert (entry.action, entry.actor, entry.organisation) == ("+", coordinator, norreby)


def test_coordinator_edits_a_unit_and_the_change_is_logged(
    as_coordinator, coordinator, norreby, unit
):
    response = as_coordinator.post(
        url("unit_edit", unit_id=unit.pk), unit_form(unit, name="Natur, Vand og Miljø")
    )

    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Natur, Vand og Miljø"
    assert "Natur, Vand og Miljø" in as_coordinator.get(url("units")).content.decode()
    entry = entries_for(unit)[-1]
    assert entry.action == "~"
    assert entry.actor == coordinator
    assert entry.changes == [
        {"field": "name", "old": "Natur og Miljø", "new": "Natur, Vand og Miljø"}
    ]


def test_unit_create_by_a_non_coordinator_is_403_and_creates_nothing(
    subtests, client_for, request, norreby, units
):
    for who in NON_COORDINATORS:
        with subtests.test(who):
            before = unit_rows(norreby)
            entries = ActivityEntry.objects.count()

            response = client_for(request.getfixturevalue(who)).post(
                url("unit_create"),
                {"name": "Sneaky", "code": "SN", "kind": "team", "parent": units["MT"].pk},
            )

            assert response.status_code == 403
            assert unit_rows(norreby) == before
            assert ActivityEntry.objects.count() == entries


def test_unit_edit_by_the_manager_of_the_unit_is_403_and_changes_nothing(
    client_for, manager, norreby, unit
):
    before = unit_rows(norreby)

    get = client_for(manager).get(url("unit_edit", unit_id=unit.pk))
    post = client_for(manager).post(url("unit_edit", unit_id=unit.pk), unit_form(unit, name="X"))

    assert (get.status_code, post.status_code) == (403, 403)
    assert unit_rows(norreby) == before


@pytest.mark.parametrize("code", ["MT", "mt"], ids=["same-case", "other-case"])
def test_unit_edit_with_a_duplicate_code_is_409_and_changes_nothing(
    as_coordinator, norreby, unit, code
):
    before = unit_rows(norreby)

    response = as_coordinator.post(url("unit_edit", unit_id=unit.pk), unit_form(unit, code=code))

    assert response.status_code == 409
    assert f"Another unit already has the code {code}." in response.content.decode()
    assert unit_rows(norreby) == before


def test_unit_create_with_a_duplicate_code_is_409_and_creates_nothing(
    as_coordinator, norreby, units
):
    before = unit_rows(norreby)

    response = as_coordinator.post(
        url("unit_create"),
        {"name": "Again", "code": "NM", "kind": "team", "parent": units["TM"].pk},
    )

    assert response.status_code == 409
    assert "Another unit already has the code NM." in response.content.decode()
    assert unit_rows(norreby) == before


# Each case: the fields that differ from good input, and the message the form must show.
BAD_UNIT_INPUT = {
    "empty-name": ({"name": ""}, "This field is required."),
    "blank-name": ({"name": "   "}, "This field is required."),
    "code-with-space": ({"code": "N M"}, "Use letters, digits, dot or dash only."),
    "code-with-markup": ({"code": "<b>"}, "Use letters, digits, dot or dash only."),
    "huge-name": ({"name": "x" * 10_000}, "at most 200 characters"),
    "long-code": ({"code": "C" * 21}, "at most 20 characters"),
    "unknown-kind": ({"kind": "empire"}, "Select a valid choice."),
    "second-root-kind": ({"kind": "organisation"}, "Select a valid choice."),
    "parent-of-solvik": ({"parent": "solvik"}, "Select a valid choice."),
    "malformed-parent": ({"parent": "abc"}, "Select a valid choice."),
    "no-parent": ({"parent": ""}, "This field is required."),
}


def _bad(changes: dict, solvik) -> dict:
    if changes.get("parent") == "solvik":
        changes = {**changes, "parent": Unit.objects.filter(organisation=solvik).first().pk}
    return changes


def test_unit_create_with_bad_input_is_400_with_a_message(
    subtests, as_coordinator, norreby, solvik, units
):
    for case, (changes, message) in BAD_UNIT_INPUT.items():
        with subtests.test(case):
            data = {"name": "Ny", "code": "NY", "kind": "team", "parent": units["NM"].pk}
            data.update(_bad(changes, solvik))
            before, solvik_before = unit_rows(norreby), unit_rows(solvik)

            response = as_coordinator.post(url("unit_create"), data)

            assert response.status_code == 400
            assert message in response.content.decode()
            assert unit_rows(norreby) == before
            assert unit_rows(solvik) == solvik_before


def test_unit_edit_with_bad_input_is_400_with_a_message(
    subtests, as_coordinator, norreby, solvik, unit
):
    for case, (changes, message) in BAD_UNIT_INPUT.items():
        with subtests.test(case):
            before = unit_rows(norreby)

            response = as_coordinator.post(
                url("unit_edit", unit_id=unit.pk), unit_form(unit, **_bad(changes, solvik))
            )

            assert response.status_code == 400
            assert message in response.content.decode()
            assert unit_rows(norreby) == before


def test_moving_a_unit_under_its_own_child_is_refused_and_changes_nothing(
    as_coordinator, norreby, unit, units
):
    before = unit_rows(norreby)

    response = as_coordinator.post(
        url("unit_edit", unit_id=unit.pk), unit_form(unit, parent=units["MT"].pk)
    )

    # The form does not offer the unit's own subtree, so the page answers 400 (not the
    # service's 422, which the API gives; see test_services.py).
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert unit_rows(norreby) == before


def test_moving_a_unit_under_itself_is_refused(as_coordinator, norreby, unit):
    before = unit_rows(norreby)

    response = as_coordinator.post(
        url("unit_edit", unit_id=unit.pk), unit_form(unit, parent=unit.pk)
    )

    assert response.status_code == 400
    assert unit_rows(norreby) == before


def test_moving_a_unit_rewrites_the_paths_of_its_descendants(
    as_coordinator, client_for, manager, staff, norreby, unit, units
):
    new_parent = units["BS"]

    response = as_coordinator.post(
        url("unit_edit", unit_id=unit.pk), unit_form(unit, parent=new_parent.pk)
    )

    assert response.status_code == 302
    moved = {u.code: u for u in Unit.objects.filter(organisation=norreby)}
    assert moved["NM"].parent == new_parent
    assert moved["NM"].path == f"{new_parent.path}{unit.pk:06d}/"
    for code in ("MT", "NV"):
        assert moved[code].path == f"{moved['NM'].path}{units[code].pk:06d}/", code
    # Units outside the moved subtree keep their paths.
    for code in ("NK", "TM", "BP", "BS", "KU"):
        assert moved[code].path == units[code].path, code
    # The staff member in MT now sits below BS in their scope too.
    assert access.scope_for(staff, norreby)._paths({access.STAFF}) == [moved["MT"].path]


def test_the_root_unit_cannot_be_closed_or_moved_by_the_form(as_coordinator, norreby, units):
    root = units["NK"]
    before = unit_rows(norreby)

    response = as_coordinator.post(
        url("unit_edit", unit_id=root.pk),
        {"name": root.name, "code": root.code, "kind": root.kind, "parent": units["BS"].pk},
    )

    assert response.status_code == 302
    after = Unit.objects.get(pk=root.pk)
    assert after.parent_id is None
    assert after.is_active
    assert after.path == root.path
    assert unit_rows(norreby) == before


# --- people -----------------------------------------------------------------------------------
