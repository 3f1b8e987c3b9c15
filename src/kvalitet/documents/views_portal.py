"""The handbook on the public portal: public documents by level, each published version readable,
printable and as PDF, and the portal search. Internal documents and unpublished versions are 404.

Every page is cached fragments (kvalitet.portal.cache): a request that finds them makes no query
beyond the organisation's. The handbook list is kept by level and page, but not when filtered by
text (any text makes a key of its own, and such a page costs only two small queries); the
search's results are kept by query and page, because citizens search the same common words and
a search is the portal's most expensive page, but only for queries up to CACHED_QUERY_LENGTH.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render

from kvalitet import search
from kvalitet.documents import selectors
from kvalitet.documents.forms import PortalHandbookFilterForm, SearchForm
from kvalitet.documents.rendering import render_markdown
from kvalitet.documents.views_lists import PAGE_SIZE, labelled, level_links, search_page_number
from kvalitet.documents.views_versions import version_pdf_response
from kvalitet.portal.cache import fragments, partials, render_fragment

# Longer queries are searched every time: they are rare, and each would be an entry of its own.
CACHED_QUERY_LENGTH = 100


def _organisation(request):
    if request.organisation is None:
        raise Http404
    return request.organisation


def _handbook_page_number(request) -> int:
    """The list's page: anything but a page that exists is 404, so no key is made for it."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        raise Http404 from None
    if number < 1:
        raise Http404
    return number


def _handbook_context(organisation, *, level: str, search: str, number: int) -> dict:
    counts = selectors.level_counts(selectors.public_documents(organisation, search=search))
    documents = selectors.public_documents(organisation, level=level, search=search)
    paginator = Paginator(selectors.DocumentPages(documents), PAGE_SIZE)
    # The level counts already hold the total: this spares a second COUNT over the documents.
    paginator.count = counts.get(level, 0) if level else sum(counts.values())
    try:
        page = paginator.page(number)
    except InvalidPage:
        raise Http404 from None
    page.object_list = labelled(page.object_list)
    # The links are made from the valid filters only, so the fragment depends on its key alone.
    query = QueryDict(mutable=True)
    if search:
        query["q"] = search
    levels = level_links(query, counts, level)
    if level:
        query["level"] = level
    return {
        "organisation": organisation,
        "levels": levels,
        "page": page,
        "page_query": query.urlencode(),
    }


def portal_handbook(request, org_slug):
    organisation = _organisation(request)
    form = PortalHandbookFilterForm(request.GET or None)
    filters = form.filters()
    number = _handbook_page_number(request)
    cached = partials(
        organisation,
        "documents/portal/handbook.html",
        ("results",),
        page="handbook",
        record=f"{filters['level']}:{number}",
        query=filters["search"],
        context=lambda: _handbook_context(organisation, **filters, number=number),
        store=not filters["search"],
    )
    return render(
        request,
        "documents/portal/handbook.html",
        {"organisation": organisation, "portal": True, "form": form, "fragments": cached},
    )


def _version_context(organisation, document_id: int) -> dict:
    version = selectors.public_version(organisation, document_id)
    return {
        "organisation": organisation,
        "version": version,
        "document": version.document,
        "body": render_markdown(version.body),
    }


def portal_document(request, org_slug, document_id):
    organisation = _organisation(request)
    cached = partials(
        organisation,
        "documents/portal/document.html",
        ("title", "content"),
        page="document",
        record=document_id,
        context=lambda: _version_context(organisation, document_id),
    )
    return render(
        request,
        "documents/portal/document.html",
        {"organisation": organisation, "portal": True, "fragments": cached},
    )


def portal_print(request, org_slug, document_id):
    """A page of its own without scripts or forms: all of it is the fragment."""
    organisation = _organisation(request)

    def build():
        context = _version_context(organisation, document_id)
        return {"page": render_fragment("documents/version_print.html", context)}

    page = fragments(organisation, page="print", record=document_id, build=build)["page"]
    return HttpResponse(page)


def portal_pdf(request, org_slug, document_id):
    organisation = _organisation(request)
    version = selectors.public_version(organisation, document_id)
    return version_pdf_response(request, version, organisation=organisation)


def portal_search(request, org_slug):
    organisation = _organisation(request)
    form = SearchForm(request.GET or None)
    # One key for "Støj  klager " and "Støj klager"; the case is kept, the page shows the query.
    text = " ".join(form.cleaned_data["q"].split()) if form.is_valid() else ""
    number = search_page_number(request)

    def context() -> dict:
        results = None
        if text:
            candidates = search.portal_candidates(organisation)
            results = search.search(candidates, text, offset=(number - 1) * search.PAGE_SIZE)
        return {
            "organisation": organisation,
            "portal": True,
            "results": results,
            "page": number,
            "has_next": results is not None and results.total > number * search.PAGE_SIZE,
        }

    cached = partials(
        organisation,
        "documents/portal/search.html",
        ("results",),
        page="search",
        record=number,
        query=text,
        context=context,
        store=bool(text) and len(text) <= CACHED_QUERY_LENGTH,
    )
    return render(
        request,
        "documents/portal/search.html",
        {"organisation": organisation, "portal": True, "form": form, "fragments": cached},
    )
