"""Lookups behind the pickers (kvalitet.core.pickers): people and documents matching a few letters.

htmx asks for the <option>s of a picker's <datalist> as the person types; without htmx the same
address answers a small search page. Only what the person may see through kvalitet.access is
offered, at most LIMIT rows, so no page ever lists a whole organisation.
"""

from django.shortcuts import render
from django.urls import path

from kvalitet.core.decorators import member_required
from kvalitet.core.pickers import CODE_SEPARATORS
from kvalitet.documents.selectors import documents_matching
from kvalitet.organisations.selectors import people_matching

LIMIT = 20
MAX_QUERY = 100


def _query(request) -> str:
    """`q`, or the picker's own field (htmx sends an input's value under the input's name)."""
    name = request.GET.get("field") or "q"
    query = request.GET.get("q", request.GET.get(name, ""))[:MAX_QUERY]
    return query.replace("\x00", "")  # PostgreSQL refuses a NUL in a query


def _render(request, kind: str, query: str, options: list[tuple[str, str]]):
    template = "core/lookup.html#options" if request.htmx else "core/lookup.html"
    return render(request, template, {"kind": kind, "query": query, "options": options})


@member_required
def people(request, org_slug):
    query = _query(request)
    found = people_matching(
        request.scope, query, former=request.GET.get("former") == "1", limit=LIMIT
    )
    return _render(request, "people", query, [(p.email, p.full_name) for p in found])


@member_required
def documents(request, org_slug):
    query = _query(request)
    prefix = ""
    if request.GET.get("multiple") == "1":
        # The field holds several codes: complete the last one and keep those before it, so
        # that choosing an option leaves the whole list in the field.
        *before, query = CODE_SEPARATORS.split(query)
        before = [code for code in before if code]
        prefix = ", ".join(before) + ", " if before else ""
    found = documents_matching(request.scope, query, limit=LIMIT)
    return _render(request, "documents", query, [(prefix + d.code, str(d)) for d in found])


app_name = "lookup"
urlpatterns = [
    path("people/", people, name="people"),
    path("documents/", documents, name="documents"),
]
