"""The handbook on the public portal: public documents by level, each published version readable,
printable and as PDF, and the portal search. Internal documents and unpublished versions are 404.

The handbook, a document and its print page are cached fragments (kvalitet.portal.cache): a
request that finds them makes no query beyond the organisation's. The search is not cached; every
citizen asks something else.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from kvalitet import search
from kvalitet.documents import selectors
from kvalitet.documents.forms import SearchForm
from kvalitet.documents.rendering import render_markdown
from kvalitet.documents.views_documents import _grouped
from kvalitet.documents.views_versions import version_pdf_response
from kvalitet.portal.cache import fragments, partials, render_fragment


def _organisation(request):
    if request.organisation is None:
        raise Http404
    return request.organisation


def portal_handbook(request, org_slug):
    organisation = _organisation(request)
    cached = partials(
        organisation,
        "documents/portal/handbook.html",
        ("content",),
        page="handbook",
        context=lambda: {
            "organisation": organisation,
            "groups": _grouped(selectors.public_documents(organisation)),
        },
    )
    return render(
        request,
        "documents/portal/handbook.html",
        {"organisation": organisation, "portal": True, "fragments": cached},
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
    text = form.cleaned_data["q"] if form.is_valid() else ""
    results = search.search(search.portal_candidates(organisation), text) if text else None
    return render(
        request,
        "documents/portal/search.html",
        {"organisation": organisation, "portal": True, "form": form, "results": results},
    )
