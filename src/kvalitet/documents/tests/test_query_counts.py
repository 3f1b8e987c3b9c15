"""The handbook, document, version and search pages cost the same number of queries with 3 rows
as with 30 (documents, versions, comments and attachments, search hits)."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitet import search
from kvalitet.documents.models import (
    Attachment,
    Document,
    DocumentVersion,
    ReadRequirement,
    Status,
    VersionComment,
)

# The most each page may cost (the shell's four, then: the handbooks with their counts, the
# handbooks and units of the filter form, the level counts and one page of documents; the document
# and its versions and reviews; the version, comments and attachments; the search's count and page
# and records (SQLite: 3, PostgreSQL: 2); the reading list's count and page; the reviews' count and
# page; the drafts' count and page). Each is also the same at 3 and at 30 rows.
LIMITS = {
    "handbook": 9,
    "document": 8,
    "version": 7,
    "search": 8,
    "to_read": 6,
    "reviews_due": 6,
    "to_approve": 6,
}


@pytest.fixture
def grow(norreby, handbook, coordinator, network_member):
    """Add documents (each published, with the word), versions of one document, and comments
    and attachments on one version, until there are `n` of each."""
    target = Document.objects.create(
        organisation=norreby,
        handbook=handbook,
        level="core",
        kind="procedure",
        code="Q-000",
        title="Måling",
        language="da",
    )
    state = {"count": 0}

    def run(n: int) -> dict:
        documents = Document.objects.bulk_create(
            [
                Document(
                    organisation=norreby,
                    handbook=handbook,
                    level="support",
                    kind="procedure",
                    code=f"Q-{i:03d}",
                    title=f"Målt dokument {i}",
                    language="da",
                    owner=coordinator,
                    next_review_date=datetime.date(2020, 1, 1),
                )
                for i in range(state["count"] + 1, n + 1)
            ]
        )
        versions = DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    organisation=norreby,
                    document=d,
                    number=1,
                    status=Status.PUBLISHED,
                    body="Kvalitetsmåling af sagsbehandlingen.",
                    author=coordinator,
                )
                for d in documents
            ]
        )
        for document, version in zip(documents, versions, strict=True):
            document.current_version = version
        Document.objects.bulk_update(documents, ["current_version"])
        DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    organisation=norreby,
                    document=d,
                    number=2,
                    status=Status.IN_REVIEW,
                    body="Til godkendelse",
                    author=network_member,
                )
                for d in documents
            ]
        )
        ReadRequirement.objects.bulk_create(
            [
                ReadRequirement(organisation=norreby, document=d, role="coordinator")
                for d in documents
            ]
        )
        history = DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    organisation=norreby,
                    document=target,
                    number=i,
                    status=Status.SUPERSEDED,
                    body=f"Udgave {i}",
                    author=coordinator,
                )
                for i in range(state["count"] + 1, n + 1)
            ]
        )
        open_version = DocumentVersion.objects.filter(document=target, status=Status.DRAFT).first()
        if open_version is None:
            open_version = DocumentVersion.objects.create(
                organisation=norreby,
                document=target,
                number=1000,
                status=Status.DRAFT,
                body="Kladde",
                author=coordinator,
            )
        VersionComment.objects.bulk_create(
            [
                VersionComment(
                    organisation=norreby,
                    version=open_version,
                    author=coordinator,
                    body=f"Kommentar {i}",
                )
                for i in range(state["count"] + 1, n + 1)
            ]
        )
        Attachment.objects.bulk_create(
            [
                Attachment(
                    organisation=norreby,
                    version=open_version,
                    token=f"t{i}",
                    file=f"documents/x/t{i}",
                    filename=f"bilag-{i}.pdf",
                    content_type="application/pdf",
                    size=10,
                    uploaded_by=coordinator,
                )
                for i in range(state["count"] + 1, n + 1)
            ]
        )
        search.index_versions(
            DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).select_related(
                "document"
            )
        )
        state["count"] = n
        return {"target": target, "open": open_version, "history": history}

    return run


def _urls(made) -> dict[str, str]:
    slug = {"org_slug": "norreby"}
    return {
        "handbook": reverse("documents:handbook", kwargs=slug),
        "document": reverse(
            "documents:document", kwargs={**slug, "document_id": made["target"].pk}
        ),
        "version": reverse("documents:version", kwargs={**slug, "version_id": made["open"].pk}),
        "search": reverse("documents:search", kwargs=slug) + "?q=kvalitetsmålingen",
        "to_read": reverse("documents:to_read", kwargs=slug),
        "reviews_due": reverse("documents:reviews_due", kwargs=slug),
        "to_approve": reverse("documents:to_approve", kwargs=slug),
    }


def _count(client, url) -> tuple[int, str]:
    assert client.get(url).status_code == 200  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_pages_cost_the_same_at_3_and_30_rows(client_for, coordinator, grow, subtests):
    client = client_for(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    made = grow(3)
    small = {page: _count(client, url) for page, url in _urls(made).items()}
    made = grow(30)
    large = {page: _count(client, url) for page, url in _urls(made).items()}
    for page, limit in LIMITS.items():
        with subtests.test(page):
            assert small[page][0] == large[page][0], (page, small[page][0], large[page][0])
            assert large[page][0] <= limit, (page, large[page][0])
    assert "Q-030" in large["handbook"][1]
    assert "Q-030" in large["to_read"][1]
    assert "Q-030" in large["reviews_due"][1]
    assert "Q-030" in large["to_approve"][1]
    assert "bilag-30.pdf" in large["version"][1]
    assert "Kommentar 30" in large["version"][1]
    assert large["document"][1].count("Udgave") == 0  # bodies are not listed
    assert ">30</a>" in large["document"][1]
    assert "20 results" in large["search"][1] or "results" in large["search"][1]
