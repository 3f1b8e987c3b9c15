"""Shared test fixtures: the demo organisations and a fixed cast of people, one per role.

Nørreby (DK) is "our" organisation in most tests; Solvik (SE) supplies the outsider.
"""

import pytest
from django.core.cache import caches
from django.test import Client

from kvalitet.accounts.models import Person
from kvalitet.core.demo_loader import load_all
from kvalitet.organisations.models import Organisation, Unit


@pytest.fixture(autouse=True)
def queued_mail(settings):
    """Mail goes through the task queue as in production, and is delivered to mail.outbox.

    Django's test set-up points every mailer at locmem; we put the queue back in front so that
    tests exercise the same path as production.
    """
    settings.MAILERS = {
        "default": {"BACKEND": "kvalitet.core.mail.QueuedEmailBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the rollback after a test also takes the portal
    versions back, so a fragment cached under a version could be found again by a later test."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo data, loaded once per test database; each test's transaction is rolled back.

    Loading it per test cost over a second each; tests that need an empty organisation make
    their own.
    """
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def demo_data(db):
    """Every app's demo data, as `kvalitet demo` loads it.

    It is there from the session set-up; a test with real transactions (transaction=True) empties
    the database when it ends, so it is loaded again if missing.
    """
    if not Organisation.objects.filter(slug="norreby").exists():
        load_all()


@pytest.fixture
def norreby(demo_data) -> Organisation:
    return Organisation.objects.get(slug="norreby")


@pytest.fixture
def solvik(demo_data) -> Organisation:
    return Organisation.objects.get(slug="solvik")


def _person(email: str) -> Person:
    return Person.objects.get(email=email)


@pytest.fixture
def coordinator(demo_data) -> Person:
    return _person("koordinator@norreby.example")


@pytest.fixture
def network_member(demo_data) -> Person:
    return _person("netvaerk@norreby.example")


@pytest.fixture
def manager(demo_data) -> Person:
    return _person("leder@norreby.example")


@pytest.fixture
def staff(demo_data) -> Person:
    return _person("sagsbehandler@norreby.example")


@pytest.fixture
def auditor(demo_data) -> Person:
    return _person("auditor@norreby.example")


@pytest.fixture
def viewer(demo_data) -> Person:
    return _person("politiker@norreby.example")


@pytest.fixture
def outsider(demo_data) -> Person:
    """Solvik's coordinator: all powers in Solvik, none in Nørreby."""
    return _person("samordnare@solvik.example")


@pytest.fixture
def unit(norreby) -> Unit:
    """Nørreby's Natur og Miljø division (where the manager and network member work)."""
    return Unit.objects.get(organisation=norreby, code="NM")


@pytest.fixture
def client_for():
    """A test client signed in as the given person."""

    def make(person: Person) -> Client:
        client = Client()
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
