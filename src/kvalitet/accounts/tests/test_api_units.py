"""The REST API at /api/v1/: creating and changing units.

Every call goes through `call()`, which fails the test on any 5xx answer.
"""

import pytest

from kvalitet.accounts.tests.api_helpers import (
    UNITS,
    VALID_UNIT,
    call,
    unit_snapshot,
)
from kvalitet.organisations.models import Unit

# --- Units: creating ---


def test_coordinator_creates_a_unit(api_client, coordinator, norreby, unit):
    client = api_client(coordinator)

    response = call(
        client,
        "post",
        UNITS,
        {"name": "Klima", "code": "KL", "kind": "team", "parent_id": unit.pk},
    )

    assert response.status_code == 201
    created = Unit.objects.get(organisation=norreby, code="KL")
    assert response.json()["id"] == created.pk
    assert created.parent == unit
    assert created.path.startswith(unit.path)
    assert "KL" in {item["code"] for item in call(client, "get", UNITS).json()["items"]}
    assert call(client, "get", f"{UNITS}/{created.pk}").json()["name"] == "Klima"


def test_unit_code_of_another_organisation_may_be_reused(api_client, coordinator, root):
    response = call(
        api_client(coordinator),
        "post",
        UNITS,
        {"name": "Kommunledning", "code": "KLK", "kind": "department", "parent_id": root.pk},
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    "person_fixture",
    [
        pytest.param("staff", id="staff"),
        pytest.param("manager", id="manager"),
        pytest.param("network_member", id="network-member"),
        pytest.param("auditor", id="auditor"),
        pytest.param("viewer", id="viewer"),
    ],
)
def test_only_coordinators_create_units(request, api_client, person_fixture, norreby, unit):
    person = request.getfixturevalue(person_fixture)
    before = unit_snapshot(norreby)

    response = call(
        api_client(person),
        "post",
        UNITS,
        {"name": "Skygge", "code": "SKY", "kind": "team", "parent_id": unit.pk},
    )

    assert response.status_code == 403
    assert unit_snapshot(norreby) == before


@pytest.mark.parametrize(
    "code", [pytest.param("NM", id="same-case"), pytest.param("nm", id="other-case")]
)
def test_duplicate_unit_code_is_409(api_client, coordinator, norreby, root, code):
    before = unit_snapshot(norreby)

    response = call(
        api_client(coordinator),
        "post",
        UNITS,
        {"name": "Dublet", "code": code, "kind": "team", "parent_id": root.pk},
    )

    assert response.status_code == 409
    assert code in response.json()["detail"]
    assert unit_snapshot(norreby) == before


@pytest.mark.parametrize(
    ("change", "status"),
    [
        pytest.param({"name": None}, 422, id="missing-name"),
        pytest.param({"code": None}, 422, id="missing-code"),
        pytest.param({"kind": None}, 422, id="missing-kind"),
        pytest.param({"parent_id": None}, 422, id="missing-parent"),
        pytest.param({"name": ""}, 422, id="empty-name"),
        pytest.param({"name": "x" * 10_000}, 422, id="10k-character-name"),
        pytest.param({"name": 42}, 422, id="name-not-a-string"),
        pytest.param({"code": "K L"}, 422, id="code-with-space"),
        pytest.param({"code": "KL<script>"}, 422, id="code-with-markup"),
        pytest.param({"code": "K" * 21}, 422, id="code-too-long"),
        pytest.param({"kind": "galaxy"}, 422, id="unknown-kind"),
        pytest.param({"parent_id": "abc"}, 422, id="parent-not-a-number"),
        pytest.param({"parent_id": [1]}, 422, id="parent-a-list"),
        pytest.param({"parent_id": 999_999}, 404, id="unknown-parent"),
        pytest.param({"parent_id": "solvik"}, 404, id="parent-of-other-organisation"),
    ],
)
def test_invalid_unit_payload_writes_nothing(
    api_client, coordinator, norreby, root, solvik, change, status
):
    payload = {**VALID_UNIT, "parent_id": root.pk}
    for key, value in change.items():
        if value is None:
            del payload[key]
        elif value == "solvik":
            payload[key] = Unit.objects.get(organisation=solvik, code="KLK").pk
        else:
            payload[key] = value
    before = unit_snapshot(norreby)
    solvik_before = unit_snapshot(solvik)

    response = call(api_client(coordinator), "post", UNITS, payload)

    assert response.status_code == status
    assert unit_snapshot(norreby) == before
    assert unit_snapshot(solvik) == solvik_before


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("{not json", id="malformed-json"),
        pytest.param("[]", id="a-list"),
        pytest.param('"text"', id="a-string"),
        pytest.param("", id="empty-body"),
    ],
)
def test_unparseable_unit_body_is_4xx_and_writes_nothing(api_client, coordinator, norreby, body):
    before = unit_snapshot(norreby)

    response = call(api_client(coordinator), "post", UNITS, body)

    assert 400 <= response.status_code < 500
    assert unit_snapshot(norreby) == before


# --- Units: changing ---


def test_coordinator_renames_a_unit(api_client, coordinator, unit):
    response = call(api_client(coordinator), "patch", f"{UNITS}/{unit.pk}", {"name": "Natur"})

    assert response.status_code == 200
    assert response.json()["name"] == "Natur"
    unit.refresh_from_db()
    assert (unit.name, unit.code, unit.kind, unit.is_active) == (
        "Natur",
        "NM",
        "division",
        True,
    )


def test_moving_a_unit_rewrites_the_paths_below_it(api_client, coordinator, norreby, unit):
    borgerservice = Unit.objects.get(organisation=norreby, code="BS")
    team = Unit.objects.get(organisation=norreby, code="MT")

    response = call(
        api_client(coordinator), "patch", f"{UNITS}/{unit.pk}", {"parent_id": borgerservice.pk}
    )

    assert response.status_code == 200
    unit.refresh_from_db()
    team.refresh_from_db()
    assert unit.parent == borgerservice
    assert unit.path.startswith(borgerservice.path)
    assert team.path.startswith(unit.path)


@pytest.mark.parametrize(
    "target_code", [pytest.param("NM", id="itself"), pytest.param("MT", id="own-child")]
)
def test_moving_a_unit_under_itself_is_422(api_client, coordinator, norreby, unit, target_code):
    target = Unit.objects.get(organisation=norreby, code=target_code)
    before = unit_snapshot(norreby)

    response = call(
        api_client(coordinator), "patch", f"{UNITS}/{unit.pk}", {"parent_id": target.pk}
    )

    assert response.status_code == 422
    assert unit_snapshot(norreby) == before


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        pytest.param({"code": "BP"}, 409, id="code-of-another-unit"),
        pytest.param({"name": "x" * 201}, 422, id="name-too-long"),
        pytest.param({"kind": "galaxy"}, 422, id="unknown-kind"),
        pytest.param({"code": "A B"}, 422, id="code-with-space"),
        pytest.param({"parent_id": 999_999}, 404, id="unknown-parent"),
    ],
)
def test_invalid_unit_change_writes_nothing(
    api_client, coordinator, norreby, unit, payload, status
):
    before = unit_snapshot(norreby)

    response = call(api_client(coordinator), "patch", f"{UNITS}/{unit.pk}", payload)

    assert response.status_code == status
    assert unit_snapshot(norreby) == before


@pytest.mark.parametrize(
    "change", [pytest.param("move", id="move"), pytest.param("close", id="close")]
)
def test_the_root_unit_cannot_be_moved_or_closed(api_client, coordinator, norreby, root, change):
    if change == "move":
        payload = {"parent_id": Unit.objects.get(organisation=norreby, code="NM").pk}
    else:
        payload = {"is_active": False}
    before = unit_snapshot(norreby)

    response = call(api_client(coordinator), "patch", f"{UNITS}/{root.pk}", payload)

    assert response.status_code == 422
    assert unit_snapshot(norreby) == before


def test_staff_cannot_change_a_unit(api_client, staff, norreby, unit):
    before = unit_snapshot(norreby)

    response = call(api_client(staff), "patch", f"{UNITS}/{unit.pk}", {"name": "Kapret"})

    assert response.status_code == 403
    assert unit_snapshot(norreby) == before


def test_outsider_cannot_change_a_unit(api_client, outsider, norreby, unit):
    before = unit_snapshot(norreby)

    response = call(api_client(outsider), "patch", f"{UNITS}/{unit.pk}", {"name": "Kapret"})

    assert response.status_code == 404
    assert unit_snapshot(norreby) == before
