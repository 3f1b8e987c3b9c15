"""Staff pages of what waits: documents to read, drafts to approve, reviews due; and search."""

from django.shortcuts import render

from kvalitet import search
from kvalitet.core.decorators import member_required
from kvalitet.documents import selectors
from kvalitet.documents.forms import SearchForm


@member_required
def to_read(request, org_slug):
    return render(
        request,
        "documents/to_read.html",
        {"documents": selectors.to_read(request.scope)},
    )


@member_required
def to_approve(request, org_slug):
    return render(
        request,
        "documents/to_approve.html",
        {"versions": selectors.to_approve(request.scope)},
    )


@member_required
def reviews_due(request, org_slug):
    return render(
        request,
        "documents/reviews_due.html",
        {"documents": selectors.reviews_due(request.scope), "today": selectors.today()},
    )


def _page(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 50))
    except ValueError:
        return 1


@member_required
def search_page(request, org_slug):
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    page = _page(request)
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
