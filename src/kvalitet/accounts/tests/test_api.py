"""The REST API at /api/v1/: schema, organisations, units and memberships, token and session auth.

Every call goes through `call()`, which fails the test on any 5xx answer.
"""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from kvalitet.accounts import services as account_services
from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Membership, Role, Unit

API = "/api/v1"
UNITS = f"{API}/organisations/norreby/units"
MEMBERSHIPS = f"{API}/organisations/norreby/memberships"


def call(client: Client, method: str, path: str, payload=None, **extra):
    """Make an API call; no answer may ever be a server error, and errors are JSON with detail."""
    if payload is not None and not isinstance(payload, str | bytes):
        payload = json.dumps(payload)
    kwargs = {"content_type": "application/json"} if payload is not None else {}
    response = getattr(client, method)(path, payload, **kwargs, **extra)
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.json()
    return response


@pytest.fixture
def api_client():
    """A client that authenticates as `person` with a fresh personal token."""

    def make(person: Person) -> Client:
        _token, secret = account_services.api_token_create(person=person, name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


@pytest.fixture
def root(norreby) -> Unit:
    return Unit.objects.get(organisation=norreby, code="NK")


def unit_snapshot(organisation) -> list[tuple]:
    return list(
        Unit.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", "code", "name", "kind", "parent_id", "path", "is_active")
    )


def membership_snapshot() -> list[tuple]:
    return list(
        Membership.objects.order_by("pk").values_list(
            "pk", "person_id", "unit_id", "role", "valid_from", "valid_until"
        )
    )


# --- Schema ---


def test_openapi_schema_is_json_with_the_paths(db):
    response = call(Client(), "get", f"{API}/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        f"{API}/me",
        f"{API}/organisations",
        f"{API}/organisations/{{org_slug}}",
        f"{API}/organisations/{{org_slug}}/units",
        f"{API}/organisations/{{org_slug}}/units/{{unit_id}}",
        f"{API}/organisations/{{org_slug}}/memberships",
        f"{API}/organisations/{{org_slug}}/memberships/{{membership_id}}/end",
    }
    assert {"post", "get"} <= set(schema["paths"][f"{API}/organisations/{{org_slug}}/units"])


def test_interactive_docs_are_switched_off(db):
    response = Client().get(f"{API}/docs")

    assert response.status_code == 404


# --- Organisations ---


@pytest.mark.parametrize(
    ("person_fixture", "expected"),
    [
        pytest.param("staff", ["norreby"], id="norreby-staff"),
        pytest.param("viewer", ["norreby"], id="norreby-viewer"),
        pytest.param("outsider", ["solvik"], id="solvik-coordinator"),
    ],
)
def test_organisation_list_shows_only_own_organisations(
    request, api_client, person_fixture, expected
):
    person = request.getfixturevalue(person_fixture)

    response = call(api_client(person), "get", f"{API}/organisations")

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()] == expected


def test_organisation_list_of_a_person_in_two_organisations(api_client, staff, solvik):
    solvik_root = Unit.objects.get(organisation=solvik, code="SK")
    Membership.objects.create(organisation=solvik, person=staff, unit=solvik_root, role=Role.VIEWER)

    response = call(api_client(staff), "get", f"{API}/organisations")

    assert sorted(item["slug"] for item in response.json()) == ["norreby", "solvik"]


def test_organisation_list_leaves_out_ended_memberships(api_client, staff):
    Membership.objects.filter(person=staff).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = call(api_client(staff), "get", f"{API}/organisations")

    assert response.json() == []


def test_organisation_detail(api_client, staff):
    response = call(api_client(staff), "get", f"{API}/organisations/norreby")

    assert response.json() == {
        "slug": "norreby",
        "name": "Nørreby Kommune",
        "country": "DK",
        "language": "da",
        "time_zone": "Europe/Copenhagen",
    }


@pytest.mark.parametrize(
    "slug", [pytest.param("solvik", id="other-organisation"), pytest.param("nowhere", id="unknown")]
)
def test_organisation_detail_of_other_or_unknown_organisation_is_404(api_client, staff, slug):
    response = call(api_client(staff), "get", f"{API}/organisations/{slug}")

    assert response.status_code == 404


# --- Units: reading ---


def test_unit_list_is_paginated_and_holds_only_norreby_units(api_client, staff):
    response = call(api_client(staff), "get", UNITS)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "count"}
    codes = [item["code"] for item in body["items"]]
    assert codes[0] == "NK"
    assert set(codes) == {"NK", "TM", "NM", "MT", "NV", "BP", "BS", "KU"}
    assert body["count"] == len(codes)


def test_unit_list_limit_and_offset(api_client, staff):
    client = api_client(staff)
    everything = call(client, "get", UNITS).json()["items"]

    page = call(client, "get", f"{UNITS}?limit=3&offset=2").json()

    assert page["count"] == len(everything)
    assert page["items"] == everything[2:5]


def test_unit_list_leaves_out_closed_units_unless_asked(api_client, staff, norreby):
    Unit.objects.filter(organisation=norreby, code="KU").update(is_active=False)
    client = api_client(staff)

    open_codes = {item["code"] for item in call(client, "get", UNITS).json()["items"]}
    all_codes = {
        item["code"] for item in call(client, "get", f"{UNITS}?include_closed=true").json()["items"]
    }

    assert "KU" not in open_codes
    assert "KU" in all_codes


def test_unit_detail(api_client, staff, unit):
    response = call(api_client(staff), "get", f"{UNITS}/{unit.pk}")

    assert response.json() == {
        "id": unit.pk,
        "code": "NM",
        "name": "Natur og Miljø",
        "kind": "division",
        "parent_id": unit.parent_id,
        "is_active": True,
        "depth": 2,
    }


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("?limit=-1", id="negative-limit"),
        pytest.param("?limit=abc", id="text-limit"),
        pytest.param("?offset=-5", id="negative-offset"),
        pytest.param("?include_closed=perhaps", id="not-a-boolean"),
    ],
)
def test_unit_list_with_bad_query_is_422(api_client, staff, query):
    response = call(api_client(staff), "get", f"{UNITS}{query}")

    assert response.status_code == 422


@pytest.mark.parametrize(
    ("unit_id", "status"),
    [
        pytest.param("999999", 404, id="missing"),
        pytest.param(str(2**70), 404, id="beyond-64-bits"),
        pytest.param("-1", 404, id="negative"),
        pytest.param("abc", 422, id="not-a-number"),
    ],
)
def test_unit_detail_of_missing_or_malformed_id_is_4xx(api_client, staff, unit_id, status):
    response = call(api_client(staff), "get", f"{UNITS}/{unit_id}")

    assert response.status_code == status


def test_unknown_api_address_is_a_json_404(api_client, staff):
    response = call(api_client(staff), "get", f"{API}/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_unit_detail_of_another_organisations_unit_is_404(api_client, staff, solvik):
    solvik_unit = Unit.objects.get(organisation=solvik, code="KLK")

    response = call(api_client(staff), "get", f"{UNITS}/{solvik_unit.pk}")

    assert response.status_code == 404


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


VALID_UNIT = {"name": "Klima", "code": "KL", "kind": "team"}


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


# --- Memberships ---


def test_membership_list_is_paginated_and_filters(api_client, staff):
    client = api_client(staff)

    everything = call(client, "get", MEMBERSHIPS).json()
    coordinators = call(client, "get", f"{MEMBERSHIPS}?role=coordinator").json()

    assert set(everything) == {"items", "count"}
    assert everything["count"] == 6
    assert {item["organisation"] for item in everything["items"]} == {"norreby"}
    assert [item["person_name"] for item in coordinators["items"]] == ["Mette Kvist"]


def test_membership_list_with_unknown_role_is_422(api_client, staff):
    response = call(api_client(staff), "get", f"{MEMBERSHIPS}?role=emperor")

    assert response.status_code == 422


def test_coordinator_adds_a_membership(api_client, coordinator, staff, unit):
    response = call(
        api_client(coordinator),
        "post",
        MEMBERSHIPS,
        {"person_id": staff.pk, "unit_id": unit.pk, "role": "network_member"},
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["person_id"], body["unit_code"], body["role"]) == (
        staff.pk,
        "NM",
        "network_member",
    )
    assert Membership.objects.filter(person=staff, unit=unit, role=Role.NETWORK_MEMBER).exists()


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        pytest.param({"role": "auditor"}, 422, id="auditor-without-end-date"),
        pytest.param({"role": "emperor"}, 422, id="unknown-role"),
        pytest.param(
            {"valid_from": "2030-02-01", "valid_until": "2030-01-01"}, 422, id="period-reversed"
        ),
        pytest.param({"valid_until": "not-a-date"}, 422, id="malformed-date"),
        pytest.param({"role": "staff"}, 409, id="role-already-held"),
        pytest.param({"person_id": 999_999}, 404, id="unknown-person"),
        pytest.param({"person_id": "solvik"}, 404, id="person-of-other-organisation"),
        pytest.param({"unit_id": "solvik"}, 404, id="unit-of-other-organisation"),
    ],
)
def test_invalid_membership_writes_nothing(api_client, coordinator, staff, solvik, payload, status):
    staff_unit = Membership.objects.get(person=staff).unit
    body = {"person_id": staff.pk, "unit_id": staff_unit.pk, "role": "manager", **payload}
    if body["person_id"] == "solvik":
        body["person_id"] = Person.objects.get(email="handlaggare@solvik.example").pk
    if body["unit_id"] == "solvik":
        body["unit_id"] = Unit.objects.get(organisation=solvik, code="KLK").pk
    before = membership_snapshot()

    response = call(api_client(coordinator), "post", MEMBERSHIPS, body)

    assert response.status_code == status
    assert membership_snapshot() == before


def test_auditor_with_an_end_date_is_accepted(api_client, coordinator, staff, unit):
    until = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

    response = call(
        api_client(coordinator),
        "post",
        MEMBERSHIPS,
        {"person_id": staff.pk, "unit_id": unit.pk, "role": "auditor", "valid_until": until},
    )

    assert response.status_code == 201
    assert response.json()["valid_until"] == until


def test_staff_cannot_add_a_membership(api_client, staff, unit):
    before = membership_snapshot()

    response = call(
        api_client(staff),
        "post",
        MEMBERSHIPS,
        {"person_id": staff.pk, "unit_id": unit.pk, "role": "coordinator"},
    )

    assert response.status_code == 403
    assert membership_snapshot() == before


def test_coordinator_ends_a_membership_and_ending_twice_is_409(api_client, coordinator, staff):
    membership = Membership.objects.get(person=staff)
    client = api_client(coordinator)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    first = call(client, "post", f"{MEMBERSHIPS}/{membership.pk}/end")

    assert first.status_code == 200
    assert first.json()["valid_until"] == yesterday.isoformat()
    membership.refresh_from_db()
    assert membership.valid_until == yesterday
    after_first = membership_snapshot()

    second = call(client, "post", f"{MEMBERSHIPS}/{membership.pk}/end")

    assert second.status_code == 409
    assert membership_snapshot() == after_first


def test_staff_cannot_end_a_membership(api_client, staff, manager):
    membership = Membership.objects.get(person=manager)
    before = membership_snapshot()

    response = call(api_client(staff), "post", f"{MEMBERSHIPS}/{membership.pk}/end")

    assert response.status_code == 403
    assert membership_snapshot() == before


def test_outsider_cannot_end_a_norreby_membership(api_client, outsider, staff):
    membership = Membership.objects.get(person=staff)
    before = membership_snapshot()

    response = call(api_client(outsider), "post", f"{MEMBERSHIPS}/{membership.pk}/end")

    assert response.status_code == 404
    assert membership_snapshot() == before


def test_the_only_coordinator_cannot_end_their_own_membership(api_client, coordinator):
    membership = Membership.objects.get(person=coordinator)
    before = membership_snapshot()

    response = call(api_client(coordinator), "post", f"{MEMBERSHIPS}/{membership.pk}/end")

    assert response.status_code == 409
    assert membership_snapshot() == before


# --- Session authentication and CSRF ---


def test_signed_in_browser_session_can_read_the_api(client_for, staff):
    response = call(client_for(staff), "get", f"{API}/me")

    assert response.status_code == 200
    assert response.json()["email"] == staff.email


def _csrf_client(person: Person) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_session_post_without_csrf_token_is_403_and_writes_nothing(coordinator, norreby, root):
    client = _csrf_client(coordinator)
    before = unit_snapshot(norreby)

    response = call(client, "post", UNITS, {**VALID_UNIT, "parent_id": root.pk})

    assert response.status_code == 403
    assert unit_snapshot(norreby) == before


def test_session_post_with_csrf_token_is_accepted(coordinator, norreby, root):
    client = _csrf_client(coordinator)
    client.get("/accounts/me/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = call(
        client, "post", UNITS, {**VALID_UNIT, "parent_id": root.pk}, HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201
    assert Unit.objects.filter(organisation=norreby, code="KL").exists()


def test_token_post_needs_no_csrf_token(coordinator, norreby, root):
    _token, secret = account_services.api_token_create(person=coordinator, name="tests")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = call(client, "post", UNITS, {**VALID_UNIT, "parent_id": root.pk})

    assert response.status_code == 201


def test_wrong_token_post_is_401_even_when_csrf_is_enforced(demo_data, norreby, root):
    """An integration with a revoked or mistyped token must learn that the token is the problem."""
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION="Bearer kv_00000000_wrong")
    before = unit_snapshot(norreby)

    response = call(client, "post", UNITS, {**VALID_UNIT, "parent_id": root.pk})

    assert response.status_code == 401
    assert unit_snapshot(norreby) == before


def test_signed_out_session_is_401(db):
    response = call(Client(), "get", f"{API}/me")

    assert response.status_code == 401
