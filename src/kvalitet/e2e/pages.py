"""The pages the accessibility suite visits, found from the URL resolver and kvalitet.access."""

from __future__ import annotations

from django.test import Client

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.tests import urlwalk
from kvalitet.organisations.models import Organisation


def _html(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def portal_pages(organisation: Organisation, coordinator: Person) -> list[tuple[str, str]]:
    """(label, path) of every public portal page that shows a page to a citizen, each record
    page filled with a record the citizen may see (found by trying the coordinator's records)."""
    scope = access.scope_for(coordinator, organisation)
    citizen = Client()
    pages = []
    for route in urlwalk.portal_routes():
        if route.is_file or route.has_token:
            continue
        candidates = [{}]
        if route.kwargs:
            [kwarg] = route.kwargs  # portal pages name at most one record
            candidates = [{kwarg: r.pk} for r in urlwalk.visible_records(kwarg, scope, 10)]
        for ids in candidates:
            path = urlwalk.url_for(route, organisation.slug, ids)
            if _html(citizen.get(path)):
                pages.append((route.name, path))
                break
    return pages


def staff_pages(organisation: Organisation, person: Person) -> list[tuple[str, str]]:
    """(label, path) of every staff page that answers a page to GET for `person`."""
    scope = access.scope_for(person, organisation)
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    pages = []
    for route in urlwalk.staff_routes():
        if route.is_file:
            continue
        path = urlwalk.first_url(route, scope)
        if path is not None and _html(client.get(path)):
            pages.append((route.name, path))
    return pages


def public_pages() -> list[tuple[str, str]]:
    return [("accounts:login", "/accounts/login/"), ("accounts:reset", "/accounts/password-reset/")]
