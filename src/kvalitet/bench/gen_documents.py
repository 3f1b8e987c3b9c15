"""The handbook's share of the data set: handbooks, documents and their versions with real text."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db import connection

from kvalitet.bench.text import TextMaker

MODELS = ["documents.Handbook", "documents.Document", "documents.DocumentVersion"]
LEVELS = ["management", "core", "core", "core", "support", "support"]
KINDS = ["policy", "procedure", "procedure", "instruction", "checklist", "template", "process"]
HANDBOOK_NAMES = {
    "da": ["Kvalitetshåndbog", "Miljøhåndbog", "Personalehåndbog"],
    "sv": ["Kvalitetshandbok", "Miljöhandbok", "Ledningssystem"],
}
# Versions per document: most have one or two, some a long history.
VERSION_COUNTS = [1, 1, 2, 2, 2, 3, 3, 4, 5, 7]
AVERAGE_VERSIONS = sum(VERSION_COUNTS) / len(VERSION_COUNTS)


def _documents_of(world, org) -> int:
    return max(3, round(world.share(world.scale.versions, org) / AVERAGE_VERSIONS))


def tables(world):
    from kvalitet.bench.generate import END
    from kvalitet.documents.models import Document, DocumentVersion, Handbook

    orgs = world.organisations
    plan: dict[int, list[int]] = {}  # org index -> handbook ids
    for org in orgs:
        count = 1 if org.share * len(orgs) < 1.5 else 2 if org.share * len(orgs) < 4 else 3
        plan[org.index] = [world.ids.take("documents.Handbook") for _ in range(count)]
    documents = {org.index: _documents_of(world, org) for org in orgs}
    # Draw the number of versions per document once, so both tables agree.
    version_counts: dict[int, list[int]] = {}
    for org in orgs:
        rng = world.rng("version-counts", org.index)
        version_counts[org.index] = [
            rng.choice(VERSION_COUNTS) for _ in range(documents[org.index])
        ]
    document_ids = {
        org.index: world.ids.take("documents.Document", documents[org.index]) for org in orgs
    }
    version_ids = {
        org.index: world.ids.take("documents.DocumentVersion", sum(version_counts[org.index]))
        for org in orgs
    }

    def handbooks() -> Iterator[dict]:
        for org in orgs:
            for position, handbook_id in enumerate(plan[org.index]):
                yield {
                    "id": handbook_id,
                    "organisation_id": org.id,
                    "name": HANDBOOK_NAMES[org.language][position],
                    "description": "",
                    "owner_id": org.coordinator.id,
                    "created_at": END - datetime.timedelta(days=6 * 365),
                }

    def document_rows() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("documents", org.index)
            text = TextMaker(org.language, world.rng("document-titles", org.index), pool_size=0)
            departments = org.departments()
            owners = org.of_role("network_member") + org.of_role("manager")
            for number in range(documents[org.index]):
                level = rng.choice(LEVELS)
                unit = None if rng.random() < 0.25 else rng.choice(departments)
                yield {
                    "id": document_ids[org.index] + number,
                    "organisation_id": org.id,
                    "handbook_id": rng.choice(plan[org.index]),
                    "level": level,
                    "kind": "policy" if level == "management" else rng.choice(KINDS[1:]),
                    "code": f"{level[0].upper()}{number + 1:05d}",
                    "title": text.title()[:250],
                    "owner_id": rng.choice(owners).id,
                    "owner_unit_id": unit.id if unit else None,
                    "visibility": "public" if rng.random() < 0.4 else "internal",
                    "language": org.language,
                    "tags": [],
                    "review_interval_months": 12,
                    "next_review_date": (
                        END + datetime.timedelta(days=rng.randint(-60, 365))
                    ).date(),
                    "current_version_id": None,
                    "created_at": END - datetime.timedelta(days=rng.randint(400, 2000)),
                }

    def versions() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("versions", org.index)
            text = TextMaker(org.language, world.rng("version-text", org.index))
            authors = org.of_role("network_member") + org.of_role("manager")
            approver = org.coordinator.id
            version_id = version_ids[org.index]
            for number, count in enumerate(version_counts[org.index]):
                created = END - datetime.timedelta(days=rng.randint(30 * count, 1800))
                # The last version is published (or, for one in six, a draft after the
                # published one); the older ones were superseded or withdrawn.
                draft_last = count > 1 and rng.random() < 1 / 6
                for v in range(1, count + 1):
                    last = v == count
                    if last and draft_last:
                        status = "draft"
                    elif last or (draft_last and v == count - 1):
                        status = "published"
                    else:
                        status = "superseded"
                    when = created + datetime.timedelta(days=30 * v)
                    released = status != "draft"
                    yield {
                        "id": version_id,
                        "organisation_id": org.id,
                        "document_id": document_ids[org.index] + number,
                        "number": v,
                        "status": status,
                        "body": text.body(),
                        "change_summary": text.sentence(4, 10)[:500] if v > 1 else "",
                        "author_id": rng.choice(authors).id,
                        "approver_id": approver if released else None,
                        "approved_at": when if released else None,
                        "published_at": when if released else None,
                        "effective_date": when.date() if released else None,
                        "superseded_at": when + datetime.timedelta(days=30)
                        if status == "superseded"
                        else None,
                        "revision": 1,
                        "created_at": when,
                        "updated_at": when,
                    }
                    version_id += 1

    total_versions = sum(sum(c) for c in version_counts.values())
    return [
        (Handbook, handbooks, sum(len(h) for h in plan.values())),
        (Document, document_rows, sum(documents.values())),
        (DocumentVersion, versions, total_versions),
    ]


def after_load(world, *, progress: bool = True, stream=None) -> None:
    """Point each document at its published version and build the search index."""
    from kvalitet import search
    from kvalitet.bench.loader import Progress
    from kvalitet.documents.models import Document, DocumentVersion

    org_ids = [org.id for org in world.organisations]
    published = DocumentVersion.objects.filter(
        organisation_id__in=org_ids, status="published"
    ).values_list("document_id", "pk")
    by_document = dict(published)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE documents_document AS d SET current_version_id = v.id "
                "FROM documents_documentversion AS v "
                "WHERE v.document_id = d.id AND v.status = 'published' "
                "AND d.organisation_id = ANY(%s)",
                [org_ids],
            )
    else:
        documents = list(Document.objects.filter(organisation_id__in=org_ids).only("pk"))
        for document in documents:
            document.current_version_id = by_document.get(document.pk)
        Document.objects.bulk_update(documents, ["current_version"], batch_size=2000)

    # The search module's own indexing, in slices (one UPDATE per slice on PostgreSQL).
    ids = list(
        DocumentVersion.objects.filter(organisation_id__in=org_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    bar = Progress("search index", len(ids), enabled=progress, stream=stream)
    size = 5_000
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        versions = DocumentVersion.objects.filter(pk__in=chunk)
        if connection.vendor == "postgresql":
            versions = versions.only("pk")  # one INSERT by id: the text stays in the database
        else:
            versions = versions.select_related("document")
        search.index_versions(versions)
        bar.step(len(chunk))
    bar.close()
