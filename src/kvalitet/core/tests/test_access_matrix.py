"""The access matrix: every role × every kind of record × page, edit page, download/export and
API, checked against the rules of kvalitet.access written out here a second time.

Generated, not listed: the kinds of record come from `access.registered_policies()`, their pages
from the URL resolver (a staff route whose only record keyword is the model's `url_kwarg`), their
API operations from the OpenAPI schema (a path whose only record parameter has that name). For
each kind two records are tried when the demo has them: one inside Natur og Miljø (where the
manager, network member and auditor work; the staff member's team is below it) and one outside.

Expected answers: may see → 200 (an API sub-list of a visible record may be 403 for a role);
may not → 404 (the same as a record that does not exist);
an edit page the person may see but not change → 403 (or 404 where a whole set-up area is
closed to the role); anonymous → the login page (pages) or
401 (API); a person of another organisation → 404 everywhere; an auditor outside their period
is no longer a member → 404.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.accounts.services import api_token_create
from kvalitet.api import api
from kvalitet.core.tests import urlwalk
from kvalitet.organisations.models import Membership, Organisation, Unit

ROLES = [
    "coordinator",
    "network_member",
    "manager",
    "staff",
    "auditor",
    "auditor_outside_period",
    "viewer",
    "anonymous",
    "outsider",
]
EMAILS = {
    "coordinator": "koordinator@norreby.example",
    "network_member": "netvaerk@norreby.example",
    "manager": "leder@norreby.example",
    "staff": "sagsbehandler@norreby.example",
    "auditor": "auditor@norreby.example",
    "auditor_outside_period": "auditor@norreby.example",
    "viewer": "politiker@norreby.example",
    "outsider": "samordnare@solvik.example",
}
UNIT_CODE = {"network_member": "NM", "manager": "NM", "staff": "MT", "auditor": "NM"}


def _under(path: str | None, unit_path: str) -> bool:
    return path is not None and path.startswith(unit_path)


def may_view(role: str, policy: access.Policy, path: str | None, units: dict) -> bool:
    """The rules of kvalitet.access, restated from its documentation."""
    if role in ("anonymous", "outsider", "auditor_outside_period"):
        return False
    if role == "coordinator":
        return True
    if policy.view_roles is not None:
        return role in policy.view_roles
    if policy.visibility is access.Visibility.ORGANISATION:
        return True
    if policy.visibility is access.Visibility.PERSONAL:
        return role in ("manager", "network_member", "staff") and _under(path, units[role])
    if role == "viewer" or path is None:
        return True
    return _under(path, units[role])


def may_change(role: str, policy: access.Policy, path: str | None, units: dict) -> bool:
    if not policy.change_roles or role in ("anonymous", "outsider", "auditor_outside_period"):
        return False
    if role == "coordinator":
        return True
    if role not in policy.change_roles or role in ("viewer", "auditor"):
        return False
    return _under(path, units[role])


def _api_paths() -> dict[str, list[str]]:
    """OpenAPI GET paths with exactly one record parameter, by that parameter's name."""
    found: dict[str, list[str]] = {}
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations or not path.startswith("/api/v1/organisations/{org_slug}/"):
            continue
        params = urlwalk.KWARG.findall(path.replace("{", "<").replace("}", ">"))
        names = [name for _conv, name in params if name != "org_slug"]
        if len(names) == 1:
            found.setdefault(names[0], []).append(path)
    return found


def _kinds():
    """(policy, [page routes], [edit routes], [file routes], [api paths]) per registered kind."""
    staff = urlwalk.staff_routes()
    api_paths = _api_paths()
    for policy in access.registered_policies():
        if not policy.url_kwarg:
            continue
        mine = [r for r in staff if r.kwargs == (policy.url_kwarg,)]
        # Editing the record, or creating something inside it, is changing it.
        edits = [
            r
            for r in mine
            if r.name.endswith(("_edit", "_create", "_import")) or r.route.endswith("/new/")
        ]
        files = [r for r in mine if r.is_file]
        pages = [r for r in mine if r not in edits and r not in files]
        yield policy, pages, edits, files, api_paths.get(policy.url_kwarg, [])


def _records(policy, scope, inside: str) -> list:
    """Up to two records: one inside `inside`, one outside (where the demo has them)."""
    records = list(scope.visible(policy.model._default_manager.all()).order_by("pk")[:200])
    chosen = []
    for wanted in (True, False):
        for record in records:
            if _under(policy.unit_path_of(record), inside) == wanted:
                chosen.append(record)
                break
    return chosen or records[:1]


@pytest.fixture
def cast(norreby, solvik):
    units = {
        role: Unit.objects.get(organisation=norreby, code=code).path
        for role, code in UNIT_CODE.items()
    }
    return units


def _client(role: str, norreby: Organisation) -> tuple[Client, dict]:
    if role == "anonymous":
        return Client(), {}
    person = Person.objects.get(email=EMAILS[role])
    if role == "auditor_outside_period":
        today = timezone.localdate()
        Membership.objects.filter(person=person, organisation=norreby).update(
            valid_from=today - datetime.timedelta(days=400),
            valid_until=today - datetime.timedelta(days=1),
        )
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    _token, secret = api_token_create(person=person, name="matrix")
    return client, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_matrix_covers_the_registered_kinds(demo_data):
    kinds = list(_kinds())
    covered = {policy.model.__name__ for policy, pages, _e, files, apis in kinds if pages}
    assert {"Unit", "Person"} <= covered, covered
    # The areas' kinds join by themselves: more than the Foundation's are covered.
    assert len([k for k in kinds if k[1] or k[2] or k[3] or k[4]]) >= len(covered) >= 2


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(role, norreby, cast, coordinator):
    client, api_auth = _client(role, norreby)
    scope = access.scope_for(coordinator, norreby)
    person_scope = None
    if role not in ("anonymous",):
        person_scope = access.scope_for(Person.objects.get(email=EMAILS[role]), norreby)
    wrong, checked = [], 0
    # Roles whose answer does not depend on the record's unit need only one record per kind.
    unit_bound = role in ("network_member", "manager", "staff", "auditor")
    owner = Client()
    owner.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    post_only: dict[str, bool] = {}

    def is_post_only(route, url) -> bool:
        # A POST-only action refuses GET before it looks the record up (405 for everybody).
        if route.name not in post_only:
            post_only[route.name] = owner.get(url).status_code == 405
        return post_only[route.name]

    for policy, pages, edits, files, api_paths in _kinds():
        records = _records(policy, scope, cast["manager"])
        for record in records if unit_bound else records[:1]:
            path = policy.unit_path_of(record)
            view = may_view(role, policy, path, cast)
            change = may_change(role, policy, path, cast)
            label = f"{policy.model.__name__}#{record.pk} (unit {path})"
            # The access module agrees with the rules.
            if person_scope is not None:
                if person_scope.can_view(record) != view:
                    wrong.append(f"access.can_view {label}: {not view}, expected {view}")
                if person_scope.can_view(record) and person_scope.can_change(record) != change:
                    wrong.append(f"access.can_change {label}: expected {change}")
            ids = {policy.url_kwarg: record.pk}
            for route in pages + files:
                url = urlwalk.url_for(route, norreby.slug, ids)
                if is_post_only(route, url):
                    if view:
                        continue  # what an action may do is the area's own test
                    status = client.post(url, {}).status_code
                    checked += 1
                    ok = status in (302, 403) if role == "anonymous" else status == 404
                    if not ok:
                        wrong.append(f"POST {url} {label}: {status} (may view: {view})")
                    continue
                status = client.get(url).status_code
                checked += 1
                if role == "anonymous":
                    ok = status == 302
                elif view:
                    # a page answers 200; a page of a state the record is not in may redirect
                    ok = status in (200, 302)
                else:
                    ok = status == 404
                if not ok:
                    wrong.append(f"GET {url} {label}: {status} (may view: {view})")
            for route in edits:
                url = urlwalk.url_for(route, norreby.slug, ids)
                if is_post_only(route, url):
                    if change:
                        continue  # what the change does is the area's own test
                    status = client.post(url, {}).status_code
                else:
                    status = client.get(url).status_code
                checked += 1
                if role == "anonymous":
                    ok = status == 302
                elif not view:
                    ok = status == 404
                elif change:
                    ok = status in (200, 302, 409)
                else:
                    # 403; an area closed to the role altogether (set-up) may answer 404 too
                    ok = status in (403, 404)
                if not ok:
                    wrong.append(f"GET {url} {label}: {status} (view {view}, change {change})")
            for api_path in api_paths:
                url = api_path.replace("{org_slug}", norreby.slug).replace(
                    "{" + policy.url_kwarg + "}", str(record.pk)
                )
                status = Client().get(url, **api_auth).status_code
                checked += 1
                if role == "anonymous":
                    ok = status == 401
                elif view:
                    # 403: a part of a visible record that the role may not read (who has
                    # acknowledged a document: for its approvers)
                    ok = status in (200, 403)
                else:
                    ok = status == 404
                if not ok:
                    wrong.append(f"API {url} {label}: {status} (may view: {view})")

    assert checked > 20
    assert wrong == [], "\n".join(wrong)
