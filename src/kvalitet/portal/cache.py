"""Cached fragments of the public portal's pages, and the version that invalidates them.

A portal page is the same for every citizen of an organisation, language and record, so the
expensive part of each page (the queries and the rendering of its body) is cached. The whole
response is not: each one carries its own CSP nonce and CSRF token, which stay outside the
fragments. Fragments are therefore rendered without the request (no nonce, no token, no person
can leak into them) and put into the page by the view's own template.

Invalidation is by key, not by deletion: every key holds the organisation's `portal_version`, a
column the services that change what the portal shows raise with `portal_changed()` in their
own transaction. The portal reads it from the organisation row the middleware loads for every
request anyway, so a change shows on the next request in every process and on every server, and
a page rendered from data older than the version can only be stored under the older key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

from django.core.cache import caches
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kvalitet.organisations.models import Organisation

# What no service announces still shows within this time: templates and translations of a new
# release, and the name of the person who approved a version (on the print page).
FRAGMENT_SECONDS = 60 * 60
# Raised when the shape of what is stored changes, so a new release never reads an old entry.
FORMAT = 1


def portal_changed(*, organisation_id: int) -> None:
    """The organisation's portal shows something new: call inside the change's transaction."""
    Organisation.objects.filter(pk=organisation_id).update(portal_version=F("portal_version") + 1)


def fragment_key(
    organisation: Organisation, *, page: str, record: object = "", query: str = ""
) -> str:
    """The key of one page's fragments; the query string is hashed, it is the citizen's text."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:16] if query else ""
    return (
        f"portal:{FORMAT}:{organisation.pk}:{organisation.portal_version}:{get_language()}:"
        f"{page}:{record}:{digest}"
    )


def render_fragment(template_name: str, context: Mapping[str, object]) -> str:
    """Rendered without the request, so what is cached holds no nonce, token or person."""
    return render_to_string(template_name, dict(context))


def fragments(
    organisation: Organisation,
    *,
    page: str,
    build: Callable[[], Mapping[str, str]],
    record: object = "",
    query: str = "",
    seconds: int = FRAGMENT_SECONDS,
    store: bool = True,
) -> dict[str, SafeString]:
    """The page's rendered fragments by name: from the cache, else from `build()` (which makes
    the queries, renders with `render_fragment` and may raise Http404) and then stored.
    `store=False` for pages too rare to earn an entry (the cache's entries are shared by every
    organisation, so rare keys would push out the pages every citizen opens)."""
    if not store:
        found = dict(build())
    else:
        key = fragment_key(organisation, page=page, record=record, query=query)
        cache = caches["portal"]
        found = cache.get(key)
        if found is None:
            found = dict(build())
            cache.set(key, found, seconds)
    # Only ever HTML this module's callers rendered with autoescaping.
    return {name: mark_safe(html) for name, html in found.items()}  # noqa: S308


def partials(
    organisation: Organisation,
    template_name: str,
    names: tuple[str, ...],
    *,
    page: str,
    context: Callable[[], Mapping[str, object]],
    record: object = "",
    query: str = "",
    seconds: int = FRAGMENT_SECONDS,
    store: bool = True,
) -> dict[str, SafeString]:
    """The named `{% partialdef %}`s of a page's template, rendered with `context()` when they
    are not cached; the page's template puts them in its blocks around the nonce and token."""

    def build() -> dict[str, str]:
        values = context()
        return {name: render_fragment(f"{template_name}#{name}", values) for name in names}

    return fragments(
        organisation,
        page=page,
        build=build,
        record=record,
        query=query,
        seconds=seconds,
        store=store,
    )
