"""Shared by the test_api_*.py files: addresses, `call()` and snapshots of what may be written."""

import json

from django.test import Client

from kvalitet.organisations.models import Membership, Unit

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


VALID_UNIT = {"name": "Klima", "code": "KL", "kind": "team"}
