"""Staff list pages of the handbook: all documents (by level, filtered, in pages), documents to
read, drafts to approve, reviews due; and search.

No list renders a whole organisation's documents: each shows one page of PAGE_SIZE rows with
a fixed number of queries (DESIGN.md §4), and never reads a version's body.
"""

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.shortcuts import render

from kvalitet import access, search
from kvalitet.core.decorators import member_required
from kvalitet.core.forms import query_without_page
from kvalitet.documents import selectors
from kvalitet.documents.forms import DocumentFilterForm, SearchForm
from kvalitet.documents.models import Document, DocumentKind, Handbook, Level, Visibility

PAGE_SIZE = 50


def level_links(query: QueryDict, counts: dict[str, int], chosen: str) -> list[dict]:
    """Each level with its count under the other filters (`query`), and the query that
    selects it."""
    links = []
    for value, label in [("", None), *Level.choices]:
        params = query.copy()
        params.pop("page", None)
        params["level"] = value
        links.append(
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0) if value else sum(counts.values()),
                "query": params.urlencode(),
                "current": value == chosen,
            }
        )
    return links


def labelled(documents) -> list[Document]:
    """The page's rows with their level, kind and visibility labels, each translated once:
    get_FOO_display() rebuilds the field's choices on every call, 150 times a page."""
    labels = {
        name: {value: str(label) for value, label in choices}
        for name, choices in (
            ("level", Level.choices),
            ("kind", DocumentKind.choices),
            ("visibility", Visibility.choices),
        )
    }
    rows = list(documents)
    for row in rows:
        for name, names in labels.items():
            value = getattr(row, name)
            setattr(row, f"{name}_label", names.get(value, value))
    return rows


@member_required
def handbook(request, org_slug):
    scope = request.scope
    handbooks = list(selectors.handbooks(scope))
    form = DocumentFilterForm(
        request.GET or None,
        handbooks=scope.visible(Handbook.objects.all()),
        units=selectors.owner_units(scope),
    )
    filters = form.filters()
    counts = selectors.level_counts(selectors.documents(scope, **{**filters, "level": ""}))
    level = filters["level"]
    paginator = Paginator(selectors.DocumentPages(selectors.documents(scope, **filters)), PAGE_SIZE)
    # The level counts already hold the total: this spares a second COUNT over the documents.
    paginator.count = counts.get(level, 0) if level else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = labelled(page.object_list)
    context = {
        "form": form,
        "handbooks": handbooks,
        "levels": level_links(request.GET, counts, level),
        "page": page,
        "page_query": query_without_page(request),
        "can_create": scope.has_role(*access.EDITOR_ROLES),
        "can_manage_handbooks": scope.can_create_in(Handbook, None),
    }
    template = "documents/handbook.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _paged(request, documents) -> Page:
    return Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))


@member_required
def to_read(request, org_slug):
    documents = selectors.reading_rows(selectors.to_read(request.scope))
    return render(
        request,
        "documents/to_read.html",
        {"page": _paged(request, documents), "page_query": query_without_page(request)},
    )


@member_required
def to_approve(request, org_slug):
    return render(
        request,
        "documents/to_approve.html",
        {
            "page": _paged(request, selectors.to_approve(request.scope)),
            "page_query": query_without_page(request),
        },
    )


@member_required
def reviews_due(request, org_slug):
    documents = selectors.review_rows(selectors.reviews_due(request.scope))
    return render(
        request,
        "documents/reviews_due.html",
        {
            "page": _paged(request, documents),
            "page_query": query_without_page(request),
            "today": selectors.today(),
        },
    )


def search_page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 50))
    except ValueError:
        return 1


@member_required
def search_page(request, org_slug):
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    page = search_page_number(request)
    results = None
    if text:
        results = search.search(
            search.staff_candidates(request.scope),
            text,
            offset=(page - 1) * search.PAGE_SIZE,
        )
    template = "documents/search.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "results": results,
            "page": page,
            "has_next": results is not None and results.total > page * search.PAGE_SIZE,
        },
    )
