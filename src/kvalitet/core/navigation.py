"""The areas each app adds to the staff navigation and the start page, and what waits for a person.

An app registers its area once in `AppConfig.ready()`; the shell shows it to the roles it names.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from kvalitet import access


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    url_name: str
    description: str = ""
    roles: frozenset[str] | None = None  # None: every member
    order: int = 100

    def visible_to(self, scope: access.Scope) -> bool:
        return self.roles is None or scope.has_role(*self.roles)


@dataclass(frozen=True)
class Waiting:
    """Something a person should act on, shown on the start page (and later in digests)."""

    label: str
    count: int
    url: str


_areas: dict[str, Area] = {}
_waiting: list[Callable[[access.Scope], list[Waiting]]] = []


def register_area(area: Area) -> None:
    _areas[area.key] = area


def register_waiting(provider: Callable[[access.Scope], list[Waiting]]) -> None:
    _waiting.append(provider)


def areas_for(scope: access.Scope) -> list[Area]:
    return sorted(
        (area for area in _areas.values() if area.visible_to(scope)), key=lambda a: a.order
    )


def navigation_for(scope: access.Scope, current_path: str) -> list[dict]:
    items = []
    for area in areas_for(scope):
        url = reverse(area.url_name, kwargs={"org_slug": scope.organisation.slug})
        items.append({"label": area.label, "url": url, "active": False, "area": area})
    # The area whose address is the longest prefix of the page is the current one, so that
    # .../plans/requirements/ marks "Requirements", not "Plans" (and the start page only itself).
    matching = [
        item
        for item in items
        if current_path == item["url"]
        or (current_path.startswith(item["url"]) and item["url"].rstrip("/").count("/") > 2)
    ]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return items


def waiting_for(scope: access.Scope) -> list[Waiting]:
    return [item for provider in _waiting for item in provider(scope) if item.count]
