"""The portal's cached fragments: a change by a service shows on the next request, one
organisation's or language's page never shows for another, and what is per request (the CSP
nonce, the CSRF token) is never cached. The handbook's and the feedback form's own changes are
tested in their areas (documents/tests/test_portal_cache.py, feedback/tests/test_portal_cache.py).
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from kvalitet import access
from kvalitet.documents.models import Document, Status, Visibility
from kvalitet.organisations import services
from kvalitet.organisations.models import Organisation, Unit
from kvalitet.portal.cache import portal_changed

NONCE_IN_PAGE = re.compile(r'<script nonce="([^"]+)"')
NONCE_IN_HEADER = re.compile(r"'nonce-([^']+)'")


def public_document(organisation: Organisation) -> Document:
    return Document.objects.filter(
        organisation=organisation,
        visibility=Visibility.PUBLIC,
        current_version__status=Status.PUBLISHED,
        owner_unit__isnull=False,
    ).first()


def portal_urls(organisation: Organisation) -> dict[str, str]:
    document = public_document(organisation)
    slug = {"org_slug": organisation.slug}
    record = {**slug, "document_id": document.pk}
    return {
        "home": reverse("portal:home", kwargs=slug),
        "handbook": reverse("documents_portal:handbook", kwargs=slug),
        "document": reverse("documents_portal:document", kwargs=record),
        "print": reverse("documents_portal:print", kwargs=record),
        "form": reverse("feedback_portal:form", kwargs=slug),
        "summary": reverse("feedback_portal:summary", kwargs=slug),
    }


PAGES = ["home", "handbook", "document", "print", "form", "summary"]


def get(url: str, language: str | None = None):
    client = Client()
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(url)
    return len(captured.captured_queries)


# Queries of the first request, which renders and stores the fragments, and of the next one:
# the organisation (the middleware's, which holds the portal version) and nothing else.
UNCACHED = {
    "home": 1,  # the organisation; the rest of the page is the organisation's own fields
    # The organisation, the public documents' counts by level, one page of them with unit and
    # version (its ids chosen in a subquery).
    "handbook": 3,
    "document": 2,  # the organisation, the version with document, unit and handbook
    "print": 3,  # the same and the approver
    "summary": 2,  # the organisation, the statistics
    # The form: the organisation, and the topics unless this process has kept them
    # (kvalitet.feedback.arrival), so only the cached requests' count is fixed.
}


@pytest.mark.parametrize("page", PAGES)
def test_a_cached_page_makes_only_the_organisations_query(norreby, page):
    url = portal_urls(norreby)[page]

    first = queries(url)
    if page in UNCACHED:
        assert first == UNCACHED[page]
    assert queries(url) == 1
    assert queries(url) == 1


@pytest.mark.parametrize("page", PAGES)
def test_a_cached_page_is_the_same_page(norreby, page):
    url = portal_urls(norreby)[page]

    first = get(url).content.decode()
    second = get(url).content.decode()

    # Apart from what is new in every response (the nonce and the CSRF tokens).
    def stable(html):
        html = NONCE_IN_PAGE.sub("", html)
        html = re.sub(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"', "", html)
        return re.sub(r'name="form_time" value="[^"]*"', "", html)

    assert stable(first) == stable(second)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "print"])  # the print page has no script
def test_the_nonce_in_a_cached_page_is_the_headers_and_new_each_time(norreby, page):
    url = portal_urls(norreby)[page]
    nonces = []
    for _ in range(3):
        response = get(url)
        in_header = NONCE_IN_HEADER.findall(response["Content-Security-Policy"])
        in_page = set(NONCE_IN_PAGE.findall(response.content.decode()))
        assert len(in_header) == 1
        assert in_page == set(in_header)
        nonces.append(in_header[0])

    assert len(set(nonces)) == 3


def test_every_organisation_sees_only_its_own_cached_pages(norreby, solvik):
    norreby_urls, solvik_urls = portal_urls(norreby), portal_urls(solvik)
    for page in PAGES:
        get(norreby_urls[page])
        get(solvik_urls[page])

    for page in PAGES:
        norreby_html = get(norreby_urls[page]).content.decode()
        solvik_html = get(solvik_urls[page]).content.decode()
        assert "Solvik" not in norreby_html, page
        assert "Nørreby" not in solvik_html, page
    # Another organisation's document under Solvik's address: still 404, cached or not.
    document = public_document(norreby)
    wrong = reverse(
        "documents_portal:document", kwargs={"org_slug": solvik.slug, "document_id": document.pk}
    )
    assert Client().get(wrong).status_code == 404


def test_danish_and_swedish_pages_do_not_mix(norreby):
    url = portal_urls(norreby)["handbook"]

    danish = get(url, "da").content.decode()
    swedish = get(url, "sv").content.decode()
    danish_again = get(url, "da").content.decode()

    assert "Kvalitetshåndbog" in danish
    assert "Kvalitetshandbok" not in danish
    assert "Kvalitetshandbok" in swedish
    assert "Kvalitetshåndbog" not in swedish
    assert "Kvalitetshåndbog" in danish_again


def test_a_changed_organisation_shows_on_the_next_request(norreby, coordinator):
    urls = portal_urls(norreby)
    before = {page: get(urls[page]) for page in PAGES}
    assert "Ny introduktion" not in before["home"].content.decode()

    services.organisation_update(
        scope=access.scope_for(coordinator, norreby),
        by=coordinator,
        name="Nørreby Storkommune",
        portal_introduction="Ny introduktion til portalen.",
    )

    assert "Ny introduktion til portalen." in get(urls["home"]).content.decode()
    for page in PAGES:
        assert "Nørreby Storkommune" in get(urls[page]).content.decode(), page


def test_a_renamed_unit_shows_on_the_next_request(norreby, coordinator):
    document = public_document(norreby)
    urls = portal_urls(norreby)
    unit = Unit.objects.get(pk=document.owner_unit_id)
    for page in ("handbook", "document", "print"):
        assert escape(unit.name) in get(urls[page]).content.decode()

    services.unit_update(
        scope=access.scope_for(coordinator, norreby),
        unit=unit,
        by=coordinator,
        name="Omdøbt enhed",
        code=unit.code,
        kind=unit.kind,
        parent=unit.parent,
        is_active=True,
    )

    for page in ("handbook", "document", "print"):
        assert "Omdøbt enhed" in get(urls[page]).content.decode(), page


def test_another_organisations_change_keeps_this_ones_cache(norreby, solvik):
    url = portal_urls(norreby)["handbook"]
    get(url)

    portal_changed(organisation_id=solvik.pk)

    assert queries(url) == 1


def test_the_version_is_raised_in_the_database_for_every_process(norreby):
    before = Organisation.objects.get(pk=norreby.pk).portal_version

    portal_changed(organisation_id=norreby.pk)

    assert Organisation.objects.get(pk=norreby.pk).portal_version == before + 1
    assert queries(portal_urls(norreby)["handbook"]) == UNCACHED["handbook"]


def test_portal_version_is_not_history(norreby, coordinator):
    services.organisation_update(
        scope=access.scope_for(coordinator, norreby), by=coordinator, contact_email="a@b.example"
    )

    assert "portal_version" not in {f.name for f in Organisation.history.model._meta.fields}
