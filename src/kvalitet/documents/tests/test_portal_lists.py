"""The portal handbook in pages (levels with counts, a text filter, 50 documents a page) and the
cached portal search: only the organisation's public documents in force, bad values never 500,
cached pages the same as uncached ones, a publication on the next request, fixed query counts."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitet import search
from kvalitet.documents.models import Document, DocumentVersion, Status, Visibility
from kvalitet.documents.views_lists import PAGE_SIZE

PUBLIC = Visibility.PUBLIC
CODE = re.compile(r'<span class="kv-code">([^<]+)</span>')


def stable(html: str) -> str:
    """The page without what is new in every response: the nonce and the CSRF token."""
    html = re.sub(r'nonce="[^"]+"', "", html)
    return re.sub(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"', "", html)


def handbook_url(organisation) -> str:
    return reverse("documents_portal:handbook", kwargs={"org_slug": organisation.slug})


def search_url(organisation) -> str:
    return reverse("documents_portal:search", kwargs={"org_slug": organisation.slug})


def get(url: str, params=None, status: int = 200) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params)
    return response.content.decode()


def codes(html: str) -> list[str]:
    return CODE.findall(html)


def level_counts(html: str) -> dict[str, int]:
    found = re.findall(r'>([^<>]+)</a> <span class="kv-muted">\((\d+)\)</span>', html)
    return {label: int(count) for label, count in found}


def queries(url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(url, params)
    return len(captured.captured_queries)


def public_documents(organisation, **filters):
    return Document.objects.filter(
        organisation=organisation,
        visibility=PUBLIC,
        current_version__status=Status.PUBLISHED,
        **filters,
    )


def public_codes(organisation, **filters) -> set[str]:
    return set(public_documents(organisation, **filters).values_list("code", flat=True))


@pytest.fixture
def listed(norreby, add_documents):
    """60 public core documents ZC-…, and internal ones ZI-… that the portal must not show."""
    add_documents(60, level="core", prefix="ZC", visibility=PUBLIC)
    add_documents(5, level="core", prefix="ZI")
    return norreby


# ---- the handbook list ----------------------------------------------------------------------


def test_levels_with_counts_and_50_public_documents_a_page(listed):
    expected = public_codes(listed)
    first = get(handbook_url(listed))
    second = get(handbook_url(listed), {"page": 2})

    shown = codes(first) + codes(second)
    assert len(codes(first)) == PAGE_SIZE
    assert set(shown) == expected
    assert len(shown) == len(expected)
    assert not any(code.startswith("ZI") for code in shown)
    assert level_counts(first) == {
        "All levels": len(expected),
        "Management processes": len(public_codes(listed, level="management")),
        "Core processes": len(public_codes(listed, level="core")),
        "Support processes": len(public_codes(listed, level="support")),
    }
    assert f"{len(expected)} documents" in first
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    # By level as people know them, then by code.
    management = sorted(public_codes(listed, level="management"))
    assert codes(first)[: len(management)] == management
    assert first.index("Management processes</h2>") < first.index("Core processes</h2>")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"q": "zc-00"}, {f"ZC-00{i}" for i in range(1, 10)}, id="code"),
        pytest.param({"q": "listet dokument 12"}, {"ZC-012"}, id="title"),
        pytest.param({"q": "  ZC-01   "}, {f"ZC-01{i}" for i in range(10)}, id="spaces"),
        pytest.param({"q": "ZI-00"}, set(), id="internal"),
        pytest.param({"level": "support", "q": "ZC"}, set(), id="level-and-text"),
    ],
)
def test_the_filter_shows_the_matching_public_documents(listed, params, expected):
    html = get(handbook_url(listed), params)
    assert set(codes(html)) == expected
    assert level_counts(html)["All levels"] == len(expected) or "level" in params


def test_a_level_shows_its_documents_and_keeps_the_text(listed):
    html = get(handbook_url(listed), {"level": "management"})
    assert set(codes(html)) == public_codes(listed, level="management")

    html = get(handbook_url(listed), {"level": "core", "q": "ZC"})
    assert codes(html) == [f"ZC-{i:03d}" for i in range(1, 51)]
    # The counts under the text filter, the links keep it, the paging links keep both.
    assert level_counts(html) == {
        "All levels": 60,
        "Management processes": 0,
        "Core processes": 60,
        "Support processes": 0,
    }
    assert 'href="?q=ZC&amp;level=management"' in html
    assert 'href="?q=ZC&amp;level=core&amp;page=2"' in html
    assert 'type="hidden" name="level" value="core"' in html
    assert codes(get(handbook_url(listed), {"level": "core", "q": "ZC", "page": 2})) == [
        f"ZC-{i:03d}" for i in range(51, 61)
    ]


def linked(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/p/[^/]+/handbook/(\d+)/"', html)}


def test_another_organisations_documents_are_never_shown(listed, solvik):
    theirs = set(public_documents(solvik).values_list("pk", flat=True))
    ours = set(public_documents(listed).values_list("pk", flat=True))
    assert theirs
    html = get(handbook_url(listed)) + get(handbook_url(listed), {"page": 2})
    assert linked(html) == ours
    assert linked(get(handbook_url(solvik))) == theirs


@pytest.mark.parametrize("page", ["abc", "0", "-1", "3", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_404(listed, page):
    html = get(handbook_url(listed), {"page": page}, status=404)
    assert codes(html) == []  # the 404 page lists no documents


@pytest.mark.parametrize(
    "params",
    [{"level": "nonsense"}, {"q": "x" * 101}, {"level": "core'--", "q": "y" * 500}],
    ids=["level", "long-text", "both"],
)
def test_a_bad_filter_is_left_out_with_a_message(listed, params):
    html = get(handbook_url(listed), params)
    assert "Some filters were not understood and are left out" in html
    assert len(codes(html)) == PAGE_SIZE
    assert level_counts(html)["All levels"] == len(public_codes(listed))


def test_the_documents_link_to_their_pages(listed):
    document = Document.objects.get(organisation=listed, code="ZC-001")
    html = get(handbook_url(listed), {"q": "ZC-001"})
    kwargs = {"org_slug": listed.slug, "document_id": document.pk}
    link = reverse("documents_portal:document", kwargs=kwargs)
    assert f'href="{link}"' in html
    page = get(link)
    for name in ("print", "pdf"):
        assert reverse(f"documents_portal:{name}", kwargs=kwargs) in page
    assert "Listet dokument 1" in get(reverse("documents_portal:print", kwargs=kwargs))


# ---- caching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"page": 2}, {"level": "core"}, {"q": "ZC-01"}, {"level": "nonsense"}],
    ids=["first", "second", "level", "text", "bad-level"],
)
def test_a_cached_handbook_page_is_the_uncached_one(listed, params):
    uncached = get(handbook_url(listed), params)
    cached = get(handbook_url(listed), params)
    assert stable(cached) == stable(uncached)


def test_pages_without_text_are_kept_and_filtered_ones_are_not(listed):
    url = handbook_url(listed)
    for params in ({}, {"page": 2}, {"level": "core", "page": 2}):
        assert queries(url, params) == 3
        assert queries(url, params) == 1, params
    assert queries(url, {"q": "ZC"}) == 3
    assert queries(url, {"q": "ZC"}) == 3


def test_a_publication_shows_on_the_next_request(listed, make_document, publish):
    url = handbook_url(listed)
    before = get(url)
    get(url, {"page": 2})
    document = make_document(code="AA-01", title="Ny borgervendt", visibility="public")
    assert "AA-01" not in get(url)  # a draft is not on the portal

    publish(document)

    after = get(url)
    assert "AA-01" in codes(after) + codes(get(url, {"page": 2}))
    assert level_counts(after)["All levels"] == level_counts(before)["All levels"] + 1


@pytest.mark.parametrize("n", [3, 30])
def test_the_handbook_makes_the_same_queries_for_3_and_30_documents(norreby, add_documents, n):
    add_documents(n, level="support", prefix="ZQ", visibility=PUBLIC)
    url = handbook_url(norreby)
    # The organisation, the counts by level, one page of documents with unit and version.
    assert queries(url) == 3
    assert queries(url, {"q": "ZQ", "level": "support"}) == 3
    assert queries(url) == 1  # cached: the organisation only


# ---- the search --------------------------------------------------------------------------


WORD = "Vandløbsregulativet"


@pytest.fixture
def searchable(make_document, publish):
    document = make_document(
        code="S-01", title="Søgbar", visibility="public", body=f"{WORD} gælder."
    )
    publish(document)
    internal = make_document(code="S-02", title="Intern søgbar", body=f"{WORD} internt.")
    publish(internal)
    return document


def test_a_search_is_kept_by_normalised_query(norreby, searchable):
    url = search_url(norreby)
    first = get(url, {"q": WORD})
    assert "Søgbar" in first
    assert "Intern søgbar" not in first
    assert queries(url, {"q": WORD}) == 1
    assert queries(url, {"q": f"  {WORD} "}) == 1  # the same query
    cached = get(url, {"q": WORD})
    assert stable(cached) == stable(first)


def test_a_long_query_is_searched_every_time(norreby, searchable):
    url = search_url(norreby)
    text = f"{WORD} " + "x" * 100
    uncached = queries(url, {"q": text})
    assert uncached > 1
    assert queries(url, {"q": text}) == uncached


def test_a_publication_shows_in_a_cached_search(norreby, searchable, make_document, publish):
    url = search_url(norreby)
    assert "Andet søgbart" not in get(url, {"q": WORD})
    document = make_document(
        code="S-03", title="Andet søgbart", visibility="public", body=f"{WORD} også."
    )
    publish(document)
    assert "Andet søgbart" in get(url, {"q": WORD})


def test_a_search_never_shows_another_organisations_documents(solvik, searchable):
    assert "Søgbar" not in get(search_url(solvik), {"q": WORD})


@pytest.mark.parametrize(
    ("page", "first_page"), [("abc", True), ("0", True), ("-5", True), ("999", False)]
)
def test_a_bad_search_page_gives_a_page(norreby, searchable, page, first_page):
    html = get(search_url(norreby), {"q": WORD, "page": page})
    # Not a number or below 1: the first page; beyond the last allowed (50): an empty one.
    assert ("Søgbar" in html) is first_page
    assert "Intern søgbar" not in html


expected: dict[int, int] = {}


@pytest.mark.parametrize("n", [3, 30])
def test_the_search_makes_the_same_queries_for_3_and_30_hits(norreby, add_documents, n):
    documents = add_documents(n, level="support", prefix="ZS", visibility=PUBLIC)
    search.index_versions(DocumentVersion.objects.filter(document__in=documents))
    url = search_url(norreby)
    with CaptureQueriesContext(connection) as captured:
        html = get(url, {"q": "Tekst"})
    assert len({code for code in codes(html) if code.startswith("ZS")}) == min(n, 20)
    expected[n] = len(captured.captured_queries)
    assert queries(url, {"q": "Tekst"}) == 1
    if len(expected) == 2:
        assert expected[3] == expected[30]
