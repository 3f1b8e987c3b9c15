"""The demo handbooks and the search over them, on whichever database the suite runs."""

import time

from kvalitet import access, search
from kvalitet.core.demo_loader import load_all
from kvalitet.documents.models import Document, DocumentVersion, Status


def test_demo_handbook_shape(norreby, solvik):
    documents = Document.objects.filter(organisation=norreby)
    assert documents.count() >= 15
    assert set(documents.values_list("level", flat=True)) == {"management", "core", "support"}
    assert (
        DocumentVersion.objects.filter(organisation=norreby, status=Status.SUPERSEDED).count() >= 3
    )
    assert Document.objects.filter(organisation=solvik).count() == 5
    assert Document.objects.get(organisation=solvik, code="LP-01").language == "sv"


def test_demo_is_idempotent_and_fast(norreby):
    before = DocumentVersion.objects.count()
    started = time.perf_counter()
    load_all()
    assert DocumentVersion.objects.count() == before
    assert time.perf_counter() - started < 2


def test_search_finds_danish_inflected_form(norreby, staff):
    scope = access.scope_for(staff, norreby)
    results = search.search(search.staff_candidates(scope), "spildevandstilladelsen")
    codes = [hit.version.document.code for hit in results.hits]
    assert "KP-02" in codes
    assert "<mark>" in str(results.hits[0].snippet)
