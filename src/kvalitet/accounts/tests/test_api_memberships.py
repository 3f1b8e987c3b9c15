"""The REST API at /api/v1/: memberships, and session authentication with CSRF.

Every call goes through `call()`, which fails the test on any 5xx answer.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from kvalitet.accounts import services as account_services
from kvalitet.accounts.models import Person
from kvalitet.accounts.tests.api_helpers import (
    API,
    MEMBERSHIPS,
    UNITS,
    VALID_UNIT,
    call,
    membership_snapshot,
    unit_snapshot,
)
from kvalitet.organisations.models import Membership, Role, Unit

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
