"""The pages of the application, found in the URL configuration: every staff page under
/o/<org_slug>/ and every portal page under /p/<org_slug>/, with record ids filled in through the
same `kvalitet.access` registrations the cross-organisation walk uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kvalitet import access

STAFF_PREFIX = "o/<slug:org_slug>/"
PORTAL_PREFIX = "p/<slug:org_slug>/"
KWARG = re.compile(r"<(?:\w+:)?(\w+)>")
# Pages that change something, or answer with a file, or are parts of another page: not walked.
SKIP = re.compile(
    r"(edit|new|create|add|delete|remove|end|close|confirm|withdraw|publish|approve|reject|"
    r"submit|acknowledge|assign|move|upload|download|export|import|xlsx|pdf|csv|challenge|"
    r"receipt|status|token|logout|revoke|set_|toggle|transition|answer|note|share|invite|"
    r"accept|restore|anonymi)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    name: str  # "namespace:name"
    route: str
    kwargs: tuple[str, ...]  # the record kwargs, without org_slug
    portal: bool

    @property
    def is_detail(self) -> bool:
        return bool(self.kwargs)


def _walk(patterns, prefix: str = "", namespace: str = "", *, pdf: bool = False):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner, pdf=pdf)
        elif isinstance(entry, URLPattern) and entry.name:
            portal = route.startswith(PORTAL_PREFIX)
            if not (portal or route.startswith(STAFF_PREFIX)):
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            if pdf != ("pdf" in entry.name.lower()) or (not pdf and SKIP.search(entry.name)):
                continue
            kwargs = tuple(k for k in KWARG.findall(route) if k != "org_slug")
            yield Page(name=name, route=route, kwargs=kwargs, portal=portal)


def all_pages() -> list[Page]:
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda p: (p.portal, p.name))


def pdf_pages() -> list[Page]:
    """Staff pages that answer with a PDF (reports, statistics)."""
    found = _walk(get_resolver().url_patterns, pdf=True)
    return sorted({p for p in found if not p.portal}, key=lambda p: p.name)


def _policy_for_kwarg(kwarg: str) -> access.Policy | None:
    for policy in access.registered_policies():
        if policy.url_kwarg == kwarg:
            return policy
    return None


def address(page: Page, scope: access.Scope) -> str | None:
    """The page's address in the scope's organisation with its newest visible record (None when
    there is none, or the record kwarg is not registered with kvalitet.access)."""
    ids = {}
    for kwarg in page.kwargs:
        policy = _policy_for_kwarg(kwarg)
        if policy is None:
            return None
        records = scope.visible(policy.model._default_manager.all())
        if page.portal:
            records = _public(records)
        record = records.order_by("-pk").only("pk").first()
        if record is None:
            return None
        ids[kwarg] = record.pk
    return reverse(page.name, kwargs={"org_slug": scope.organisation.slug, **ids})


def with_query(page: Page, url: str) -> str:
    """Search pages are measured searching: a word common in both languages, many matches."""
    return f"{url}?q=kvalitet" if page.name.endswith("search") else url


def _public(records):
    """Portal pages show public records only: prefer those when the model says which they are."""
    field_names = {f.name for f in records.model._meta.get_fields()}
    if "visibility" in field_names:
        return records.filter(visibility="public")
    if "document" in field_names:
        return records.filter(document__visibility="public", status="published")
    return records
