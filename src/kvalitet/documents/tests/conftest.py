"""Helpers for the handbook tests: scopes and a fresh document with one draft."""

import pytest
from django.utils import timezone

from kvalitet import access
from kvalitet.documents import services, services_versions
from kvalitet.documents.models import Document, DocumentVersion, Handbook, Status, Visibility
from kvalitet.organisations.models import Unit


@pytest.fixture
def scope_of(norreby):
    def make(person, organisation=None):
        return access.scope_for(person, organisation or norreby)

    return make


@pytest.fixture
def handbook(norreby):
    return Handbook.objects.get(organisation=norreby)


@pytest.fixture
def make_document(norreby, handbook, scope_of, network_member):
    """A new document owned by a unit (default: Natur og Miljø), with its first draft."""

    def make(*, code="T-01", title="Testprocedure", unit_code="NM", by=None, body="Tekst.", **kw):
        by = by or network_member
        unit = Unit.objects.get(organisation=norreby, code=unit_code) if unit_code else None
        return services.document_create(
            scope=scope_of(by),
            by=by,
            handbook=handbook,
            code=code,
            title=title,
            level=kw.pop("level", "core"),
            kind=kw.pop("kind", "procedure"),
            owner_unit=unit,
            body=body,
            **kw,
        )

    return make


@pytest.fixture
def publish(scope_of, manager, network_member):
    """Take a document's open version through review, approval and publication."""

    def run(document, *, author=None, approver=None):
        author, approver = author or network_member, approver or manager
        version = document.versions.order_by("-number").first()
        services_versions.submit_for_review(scope=scope_of(author), by=author, version=version)
        services_versions.approve(scope=scope_of(approver), by=approver, version=version)
        services_versions.publish(scope=scope_of(approver), by=approver, version=version)
        version.refresh_from_db()
        return version

    return run


@pytest.fixture
def add_documents(norreby, handbook, coordinator):
    """Add documents Z-001… (each with a published version unless `published=False`)."""

    def add(n, *, level="support", kind="procedure", unit=None, published=True, start=1, **kw):
        documents = Document.objects.bulk_create(
            [
                Document(
                    organisation=norreby,
                    handbook=kw.get("handbook", handbook),
                    level=level,
                    kind=kind,
                    owner_unit=unit,
                    owner=kw.get("owner"),
                    code=f"{kw.get('prefix', 'Z')}-{i:03d}",
                    title=f"Listet dokument {i}",
                    language="da",
                    next_review_date=kw.get("review"),
                    visibility=kw.get("visibility", Visibility.INTERNAL),
                )
                for i in range(start, start + n)
            ]
        )
        if published:
            versions = DocumentVersion.objects.bulk_create(
                [
                    DocumentVersion(
                        organisation=norreby,
                        document=d,
                        number=1,
                        status=Status.PUBLISHED,
                        body="Tekst",
                        author=coordinator,
                        published_at=timezone.now(),
                    )
                    for d in documents
                ]
            )
            for document, version in zip(documents, versions, strict=True):
                document.current_version = version
            Document.objects.bulk_update(documents, ["current_version"])
        return documents

    return add
