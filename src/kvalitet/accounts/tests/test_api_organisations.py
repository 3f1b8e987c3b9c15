"""The REST API at /api/v1/: schema, organisations and reading units.

Every call goes through `call()`, which fails the test on any 5xx answer.
"""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from kvalitet.accounts.tests.api_helpers import (
    API,
    UNITS,
    call,
)
from kvalitet.organisations.models import Membership, Role, Unit

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
