"""Finds kvalitet's pages from the URL resolver, so a new page joins the trust suites by itself.

Staff pages live under /o/<org_slug>/, the public portal under /p/<org_slug>/. A record keyword
in an address is filled with a record of the model registered for it in kvalitet.access
(`access.register(..., url_kwarg=...)`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kvalitet import access

STAFF_PREFIX = "o/<slug:org_slug>/"
PORTAL_PREFIX = "p/<slug:org_slug>/"
KWARG = re.compile(r"<(?:(\w+):)?(\w+)>")
# Addresses that answer a file rather than a page (by their name or their ending).
FILE_NAME_HINTS = ("pdf", "xlsx", "csv", "export", "download", "file", "attachment")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str
    kwargs: tuple[str, ...]  # without org_slug
    converters: tuple[str, ...]

    @property
    def area(self) -> str:
        return self.name.split(":")[0]

    @property
    def is_file(self) -> bool:
        last = self.name.rsplit(":", 1)[-1]
        return any(hint in last for hint in FILE_NAME_HINTS) or bool(
            re.search(r"\.(pdf|xlsx|csv|json)$", self.route)
        )

    @property
    def has_token(self) -> bool:
        """A kwarg that is not a record id (a secret link's token): only journeys can fill it."""
        return any(conv in ("str", "slug", "uuid", "path") for conv in self.converters)


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), route


def routes(prefix: str) -> list[Route]:
    found = []
    for name, route in _walk(get_resolver().url_patterns):
        if not route.startswith(prefix):
            continue
        pairs = [(conv or "str", kw) for conv, kw in KWARG.findall(route) if kw != "org_slug"]
        found.append(
            Route(
                name=name,
                route=route,
                kwargs=tuple(kw for _conv, kw in pairs),
                converters=tuple(conv for conv, _kw in pairs),
            )
        )
    return sorted(found, key=lambda r: r.name)


def staff_routes() -> list[Route]:
    return routes(STAFF_PREFIX)


def portal_routes() -> list[Route]:
    return routes(PORTAL_PREFIX)


def policy_for_kwarg(kwarg: str) -> access.Policy | None:
    for policy in access.registered_policies():
        if policy.url_kwarg == kwarg:
            return policy
    return None


def model_for_kwarg(kwarg: str) -> type[models.Model] | None:
    policy = policy_for_kwarg(kwarg)
    return policy.model if policy else None


def visible_records(kwarg: str, scope: access.Scope, limit: int = 5) -> list[models.Model]:
    model = model_for_kwarg(kwarg)
    if model is None:
        return []
    return list(scope.visible(model._default_manager.all()).order_by("pk")[:limit])


def url_for(route: Route, org_slug: str, ids: dict[str, int] | None = None) -> str:
    return reverse(route.name, kwargs={"org_slug": org_slug, **(ids or {})})


def first_url(route: Route, scope: access.Scope) -> str | None:
    """The address of `route` in the scope's organisation, filled with the first visible records;
    None when a kwarg has no visible record (or is a token)."""
    if route.has_token:
        return None
    ids = {}
    for kwarg in route.kwargs:
        records = visible_records(kwarg, scope, limit=1)
        if not records:
            return None
        ids[kwarg] = records[0].pk
    return url_for(route, scope.organisation.slug, ids)
