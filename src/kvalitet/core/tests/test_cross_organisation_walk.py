"""Walks every staff URL under /o/<org_slug>/ as another organisation's coordinator.

A new page joins the walk by being routed under the staff prefix; a new record kwarg joins it by
its model's `access.register(..., url_kwarg=...)`. Outsiders must get 404 for GET and POST, and a
POST must write nothing.
"""

import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kvalitet import access
from kvalitet.activity.models import ActivityEntry
from kvalitet.organisations.models import Organisation

STAFF_PREFIX = "o/<slug:org_slug>/"
KWARG = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class StaffUrl:
    name: str  # "namespace:name"
    route: str
    kwargs: tuple[str, ...]  # the record kwargs, without org_slug


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and route.startswith(STAFF_PREFIX):
            assert entry.name, f"the staff URL {route} has no name, so the walk cannot reverse it"
            kwargs = tuple(k for k in KWARG.findall(route) if k != "org_slug")
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield StaffUrl(name=name, route=route, kwargs=kwargs)


STAFF_URLS = sorted(_walk(get_resolver().url_patterns), key=lambda u: u.name)


def _policy_for_kwarg(kwarg: str) -> access.Policy:
    for policy in access.registered_policies():
        if policy.url_kwarg == kwarg:
            return policy
    pytest.fail(
        f"teach the walk how to make {kwarg}: register its model with "
        f"access.register(..., url_kwarg={kwarg!r})"
    )


def _record_ids(staff_url: StaffUrl, coordinator, organisation: Organisation) -> dict[str, int]:
    scope = access.scope_for(coordinator, organisation)
    ids = {}
    for kwarg in staff_url.kwargs:
        model = _policy_for_kwarg(kwarg).model
        record = scope.visible(model._default_manager.all()).first()
        assert record is not None, f"{organisation.slug} has no {model.__name__} for {kwarg}"
        ids[kwarg] = record.pk
    return ids


def _row_counts() -> dict[str, int]:
    models = {policy.model for policy in access.registered_policies()}
    models |= {ActivityEntry, Organisation}
    counts = {model._meta.label: model._default_manager.count() for model in models}
    for model in list(models):
        history = getattr(model, "history", None)
        if history is not None:
            counts[f"{model._meta.label} history"] = history.model.objects.count()
    return counts


def _organisation_fields(organisation: Organisation) -> dict:
    organisation.refresh_from_db()
    return {f.attname: getattr(organisation, f.attname) for f in Organisation._meta.concrete_fields}


def test_the_walk_finds_every_staff_page():
    names = {u.name for u in STAFF_URLS}

    assert len(STAFF_URLS) >= 8, names
    assert {
        "organisations:start",
        "organisations:unit",
        "organisations:unit_edit",
        "organisations:person",
        "organisations:membership_end",
        "organisations:settings",
        "activity:list",
    } <= names
    # Every record kwarg of the staff pages is known to kvalitet.access.
    known = {p.url_kwarg for p in access.registered_policies()}
    assert {k for u in STAFF_URLS for k in u.kwargs} <= known


@pytest.mark.parametrize("staff_url", STAFF_URLS, ids=lambda u: u.name)
def test_another_organisations_coordinator_gets_404_and_changes_nothing(
    staff_url, client_for, norreby, solvik, coordinator, outsider
):
    ids = _record_ids(staff_url, coordinator, norreby)
    norreby_url = reverse(staff_url.name, kwargs={"org_slug": norreby.slug, **ids})
    # Nørreby's records under Solvik's address, where the outsider *is* coordinator.
    solvik_url = reverse(staff_url.name, kwargs={"org_slug": solvik.slug, **ids})
    outsider_client = client_for(outsider)
    own_client = client_for(coordinator)  # signing in writes a history row: before `before`
    before = _row_counts()
    norreby_before = _organisation_fields(norreby)

    # (c) positive control: the address works for Nørreby's own coordinator.
    own = own_client.get(norreby_url)
    assert own.status_code in (200, 302, 405), (norreby_url, own.status_code)

    # (a) the outsider under Nørreby's address.
    for method in ("get", "post"):
        response = getattr(outsider_client, method)(norreby_url, {})
        assert response.status_code == 404, (method.upper(), norreby_url, response.status_code)

    # (b) the outsider under their own address with Nørreby's record ids.
    if staff_url.kwargs:
        response = outsider_client.post(solvik_url, {})
        assert response.status_code == 404, ("POST", solvik_url, response.status_code)
        response = outsider_client.get(solvik_url)
        if response.status_code == 405:
            # A POST-only page refuses GET before it looks the record up; that is no leak as
            # long as a record that exists nowhere gets the very same answer.
            missing = dict.fromkeys(ids, 10**9)
            nowhere = reverse(staff_url.name, kwargs={"org_slug": solvik.slug, **missing})
            assert outsider_client.get(nowhere).status_code == 405
            assert response["Allow"] == "POST"
        else:
            assert response.status_code == 404, ("GET", solvik_url, response.status_code)

    assert _row_counts() == before
    assert _organisation_fields(norreby) == norreby_before


@pytest.mark.parametrize("staff_url", STAFF_URLS, ids=lambda u: u.name)
def test_anonymous_visitor_is_sent_to_the_login_page(staff_url, client, norreby, coordinator):
    ids = _record_ids(staff_url, coordinator, norreby)
    url = reverse(staff_url.name, kwargs={"org_slug": norreby.slug, **ids})
    before = _row_counts()

    get = client.get(url)
    post = client.post(url, {})

    assert get.status_code == 302, (url, get.status_code)
    assert get["Location"].startswith("/accounts/login/?next="), get["Location"]
    assert post.status_code in (302, 403), (url, post.status_code)
    assert _row_counts() == before
