"""Fixtures for the organisation page tests: English clients, Nørreby's units, the coordinator."""

import pytest
from django.conf import settings

from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Unit


@pytest.fixture
def client_for(client_for):
    """The shared signed-in client, reading English so the tests can match the messages."""

    def make(person: Person):
        signed_in = client_for(person)
        signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return signed_in

    return make


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def units(norreby) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.filter(organisation=norreby)}


@pytest.fixture
def as_coordinator(client_for, coordinator):
    return client_for(coordinator)
