"""Search never leaks (staff: only what they may see; portal: only published public versions),
finds inflected forms and highlights safely; the portal hides internal documents (404)."""

from django.urls import reverse

from kvalitet import search
from kvalitet.documents import services
from kvalitet.documents.models import Document, Visibility

WORD = "Grundvandsbeskyttelsesplanen"


def _codes(results):
    return {hit.version.document.code for hit in results.hits}


def test_staff_search_never_shows_what_the_person_may_not_see(
    make_document, publish, scope_of, coordinator, staff, outsider, solvik, norreby
):
    make_document(code="BS-01", unit_code="BS", by=coordinator, body=f"{WORD} kladde.")
    mt_draft = make_document(code="MT-01", unit_code="MT", by=coordinator, body=f"{WORD} MT.")
    # Solvik has a document with the same word.
    services.document_create(
        scope=scope_of(outsider, solvik),
        by=outsider,
        handbook=solvik.handbooks.get(),
        code="SV-99",
        title="Svensk",
        level="core",
        kind="procedure",
        owner_unit=None,
        body=f"{WORD} i Solvik.",
    )
    as_staff = search.search(search.staff_candidates(scope_of(staff)), WORD)
    # Staff of Miljøtilsyn see their own unit's draft, not Borgerservice's, never Solvik's.
    assert _codes(as_staff) == {"MT-01"}
    as_coordinator = search.search(search.staff_candidates(scope_of(coordinator)), WORD)
    assert _codes(as_coordinator) == {"BS-01", "MT-01"}
    as_outsider = search.search(search.staff_candidates(scope_of(outsider, solvik)), WORD)
    assert _codes(as_outsider) == {"SV-99"}
    assert mt_draft.pk


def test_published_versions_are_found_by_every_member(norreby, scope_of, staff, coordinator):
    # Borgerservice-owned documents do not exist in the demo; KU's support procedures are
    # published and open to every member.
    results = search.search(search.staff_candidates(scope_of(staff)), "dokumentstyring")
    assert "SP-01" in _codes(results)


def test_portal_search_finds_only_published_public_versions(
    make_document, publish, norreby, client, network_member
):
    internal = make_document(code="IN-01", body=f"{WORD} intern.", visibility="internal")
    publish(internal)
    public = make_document(code="PU-01", body=f"{WORD} offentlig.", visibility="public")
    publish(public)
    make_document(code="PU-02", body=f"{WORD} kladde.", visibility="public")  # draft only
    results = search.search(search.portal_candidates(norreby), WORD)
    assert _codes(results) == {"PU-01"}
    page = client.get(
        reverse("documents_portal:search", kwargs={"org_slug": norreby.slug}), {"q": WORD}
    )
    content = page.content.decode()
    assert "PU-01" in content
    assert "IN-01" not in content
    assert "PU-02" not in content


def test_search_finds_danish_inflections_and_marks_the_word(norreby, scope_of, staff):
    scope = scope_of(staff)
    for query in ("støjklagerne", "klager over støj", "tilladelserne"):
        results = search.search(search.staff_candidates(scope), query)
        assert results.total >= 1, query
    results = search.search(search.staff_candidates(scope), "støjmålingen")
    assert "KP-04" in _codes(results)
    assert "<mark>" in str(results.hits[0].snippet)


def test_search_finds_swedish_inflections(solvik, scope_of):
    from kvalitet.accounts.models import Person

    person = Person.objects.get(email="handlaggare@solvik.example")
    results = search.search(search.staff_candidates(scope_of(person, solvik)), "ansökningarna")
    assert "KP-01" in _codes(results)


def test_search_snippets_cannot_carry_markup(make_document, scope_of, coordinator):
    make_document(code="XS-01", by=coordinator, body="<script>alert(1)</script> Sprøjtemidler.")
    results = search.search(search.staff_candidates(scope_of(coordinator)), "sprøjtemidler")
    snippet = str(results.hits[0].snippet)
    assert "<script>" not in snippet
    assert "<mark>" in snippet


def test_search_syntax_is_plain_text(norreby, scope_of, staff):
    candidates = search.staff_candidates(scope_of(staff))
    # Characters that are syntax to FTS5 or to_tsquery find nothing and raise nothing.
    for query in ('"', "*", "(((", "--"):
        assert search.search(candidates, query).total == 0, query
    # Around a real word they are ignored: the word is found as it is found alone.
    plain = _codes(search.search(candidates, "støj"))
    assert plain
    for query in ('"støj', '"støj"', "(((støj", "støj*", "støj -- ';"):
        assert _codes(search.search(candidates, query)) >= plain, query


def test_stem_cuts_common_endings():
    assert search.stem("tilladelserne", "da") == "tilladels"
    assert search.stem("støj", "da") == "støj"
    assert search.stem("ansökningarna", "sv") == "ansökning"
    assert search.fts5_query('støj "klager"', "da") == '"støj"* AND "klag"*'


def test_portal_lists_public_documents_and_hides_internal(norreby, client):
    public = Document.objects.filter(
        organisation=norreby, visibility=Visibility.PUBLIC, current_version__isnull=False
    )
    internal = Document.objects.get(organisation=norreby, code="KP-05")
    page = client.get(reverse("documents_portal:handbook", kwargs={"org_slug": norreby.slug}))
    content = page.content.decode()
    for document in public:
        assert document.title in content
    assert internal.title not in content
    for name in ("document", "print", "pdf"):
        url = reverse(
            f"documents_portal:{name}",
            kwargs={"org_slug": norreby.slug, "document_id": internal.pk},
        )
        assert client.get(url).status_code == 404, name


def test_portal_document_print_and_pdf(norreby, client):
    document = Document.objects.get(organisation=norreby, code="KP-04")
    kwargs = {"org_slug": norreby.slug, "document_id": document.pk}
    page = client.get(reverse("documents_portal:document", kwargs=kwargs)).content.decode()
    assert "Behandling af klager over støj" in page
    assert "Miljøtilsyn" in page
    printable = client.get(reverse("documents_portal:print", kwargs=kwargs)).content.decode()
    assert "print.css" in printable
    assert "KP-04" in printable
    pdf = client.get(reverse("documents_portal:pdf", kwargs=kwargs))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")
    assert "KP-04-v2.pdf" in pdf["Content-Disposition"]


def test_another_organisations_document_is_404_on_the_portal(norreby, solvik, client):
    document = Document.objects.get(organisation=solvik, code="KP-01")
    url = reverse(
        "documents_portal:document", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
    )
    assert client.get(url).status_code == 404


def test_the_count_is_of_every_match_and_later_pages_continue_the_ranking(
    make_document, scope_of, coordinator
):
    for number in range(5):
        make_document(code=f"CNT-{number}", by=coordinator, body=f"{WORD} nummer {number}.")
    candidates = search.staff_candidates(scope_of(coordinator))
    first = search.search(candidates, WORD, limit=2)
    rest = search.search(candidates, WORD, limit=2, offset=2)
    beyond = search.search(candidates, WORD, limit=2, offset=10)
    assert (first.total, rest.total, beyond.total) == (5, 5, 5)
    assert (len(first.hits), len(rest.hits), beyond.hits) == (2, 2, [])
    assert not _codes(first) & _codes(rest)
    assert [hit.rank for hit in first.hits] == sorted(
        (hit.rank for hit in first.hits), reverse=True
    )
