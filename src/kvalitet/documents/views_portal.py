"""The handbook on the public portal: public documents by level, each published version readable,
printable and as PDF, and the portal search. Internal documents and unpublished versions are 404."""

from django.http import Http404
from django.shortcuts import render

from kvalitet import search
from kvalitet.documents import selectors
from kvalitet.documents.forms import SearchForm
from kvalitet.documents.rendering import render_markdown
from kvalitet.documents.views_documents import _grouped
from kvalitet.documents.views_versions import version_pdf_response


def _organisation(request):
    if request.organisation is None:
        raise Http404
    return request.organisation


def portal_handbook(request, org_slug):
    organisation = _organisation(request)
    documents = selectors.public_documents(organisation)
    return render(
        request,
        "documents/portal/handbook.html",
        {
            "organisation": organisation,
            "portal": True,
            "groups": _grouped(documents),
            "form": SearchForm(),
        },
    )


def portal_document(request, org_slug, document_id):
    organisation = _organisation(request)
    version = selectors.public_version(organisation, document_id)
    return render(
        request,
        "documents/portal/document.html",
        {
            "organisation": organisation,
            "portal": True,
            "version": version,
            "document": version.document,
            "body": render_markdown(version.body),
        },
    )


def portal_print(request, org_slug, document_id):
    organisation = _organisation(request)
    version = selectors.public_version(organisation, document_id)
    return render(
        request,
        "documents/version_print.html",
        {
            "organisation": organisation,
            "version": version,
            "document": version.document,
            "body": render_markdown(version.body),
        },
    )


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
