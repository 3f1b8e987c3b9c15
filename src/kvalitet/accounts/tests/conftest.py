"""Fixtures for the API tests in this directory."""

import pytest
from django.test import Client

from kvalitet.accounts import services as account_services
from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Unit


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
