"""Demo handbooks for Nørreby (Danish, 16 documents) and Solvik (Swedish, 5 documents).

Written with bulk_create so that it stays fast (it runs for every test that uses the demo data);
idempotent: an organisation that already has a handbook is left alone.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from kvalitet import search
from kvalitet.accounts.models import Person
from kvalitet.documents import demo_norreby, demo_solvik
from kvalitet.documents.models import (
    Acknowledgement,
    Attachment,
    Document,
    DocumentVersion,
    Handbook,
    ReadRequirement,
    Review,
    ReviewOutcome,
    Status,
)
from kvalitet.organisations.models import Organisation, Unit

COPIED_ADDITION = (
    "\n## Tilsyn efter godkendelsen\n\n"
    "Nye godkendelser får et første tilsyn inden for et år, og tilsynet skrives ind i "
    "tilsynsplanen.\n"
)


def load() -> list:
    for slug, data, owner_email, approver_email, author_email in (
        (
            "norreby",
            demo_norreby,
            "koordinator@norreby.example",
            "leder@norreby.example",
            "netvaerk@norreby.example",
        ),
        (
            "solvik",
            demo_solvik,
            "samordnare@solvik.example",
            "chef@solvik.example",
            "natverk@solvik.example",
        ),
    ):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or Handbook.objects.filter(organisation=organisation).exists():
            continue
        _load(organisation, data, owner_email, approver_email, author_email)
    return []


def _load(organisation, data, owner_email, approver_email, author_email) -> None:
    domain = f"@{organisation.slug}.example"
    people = {p.email: p for p in Person.objects.filter(email__endswith=domain)}
    owner, approver, author = people[owner_email], people[approver_email], people[author_email]
    units = {u.code: u for u in Unit.objects.filter(organisation=organisation)}
    today = timezone.localdate()
    now = timezone.now()

    handbook = Handbook.objects.create(organisation=organisation, owner=owner, **data.HANDBOOK)
    documents = Document.objects.bulk_create(
        [
            Document(
                organisation=organisation,
                handbook=handbook,
                code=spec["code"],
                title=spec["title"],
                level=spec["level"],
                kind=spec["kind"],
                owner=owner if spec["unit"] is None else author,
                owner_unit=units[spec["unit"]] if spec["unit"] else None,
                visibility=spec["visibility"],
                language=organisation.language,
                review_interval_months=12,
                next_review_date=today + datetime.timedelta(days=spec["review_in_days"]),
                created_at=now - datetime.timedelta(days=800),
            )
            for spec in data.DOCUMENTS
        ]
    )
    versions: list[DocumentVersion] = []
    current: dict[int, DocumentVersion] = {}
    for document, spec in zip(documents, data.DOCUMENTS, strict=True):
        count = len(spec["versions"])
        open_status = spec.get("open_status")
        released = count - 1 if open_status else count
        previous_body = ""
        for index, (body, summary) in enumerate(spec["versions"]):
            body = body if body is not None else previous_body + COPIED_ADDITION
            previous_body = body
            # Released versions a year apart, the last one in force since a year before review.
            age = (released - index) * 365 - spec["review_in_days"]
            published = now - datetime.timedelta(days=max(age, 1))
            if index < released:
                status = Status.PUBLISHED if index == released - 1 else Status.SUPERSEDED
            else:
                status = open_status
            version = DocumentVersion(
                organisation=organisation,
                document=document,
                number=index + 1,
                status=status,
                body=body,
                change_summary=summary,
                author=author if document.owner_unit_id else owner,
                updated_by=author if document.owner_unit_id else owner,
                approver=approver if index < released else None,
                approved_at=published if index < released else None,
                published_at=published if index < released else None,
                effective_date=published.date() if index < released else None,
                superseded_at=(published + datetime.timedelta(days=365))
                if status == Status.SUPERSEDED
                else None,
                created_at=published - datetime.timedelta(days=14),
                updated_at=published if index < released else now,
            )
            versions.append(version)
            if status == Status.PUBLISHED:
                current[document.pk] = version
    DocumentVersion.objects.bulk_create(versions)
    for document in documents:
        document.current_version = current.get(document.pk)
    Document.objects.bulk_update(documents, ["current_version"])

    requirements = []
    acknowledgements = []
    reviews = []
    for document, spec in zip(documents, data.DOCUMENTS, strict=True):
        for role, unit_code in spec["read"]:
            unit = units[unit_code] if unit_code else None
            requirements.append(
                ReadRequirement(organisation=organisation, document=document, role=role, unit=unit)
            )
        version = current.get(document.pk)
        if version is None:
            continue
        for email in spec["acknowledged"]:
            acknowledgements.append(
                Acknowledgement(
                    organisation=organisation,
                    version=version,
                    person=people[email],
                    acknowledged_at=version.published_at + datetime.timedelta(days=3),
                )
            )
        if spec["review_in_days"] > 200:
            reviews.append(
                Review(
                    organisation=organisation,
                    document=document,
                    version=version,
                    reviewed_by=owner,
                    reviewed_on=today - datetime.timedelta(days=365 - spec["review_in_days"]),
                    outcome=ReviewOutcome.UNCHANGED,
                    note="",
                    next_review_date=document.next_review_date,
                )
            )
    ReadRequirement.objects.bulk_create(requirements)
    Acknowledgement.objects.bulk_create(acknowledgements)
    Review.objects.bulk_create(reviews)
    search.index_versions(versions)
    _attachment(organisation, current, documents, owner)


DEMO_FILE = "Punkt;Kontrolleret\nOlie og kemikalier;\nAffald;\nEgenkontrol;\n"


def _attachment(organisation, current, documents, owner) -> None:
    """One small attachment per demo handbook (the checklist as a spreadsheet file)."""
    document = next((d for d in documents if d.kind == "checklist"), documents[-1])
    version = current.get(document.pk)
    if version is None:
        return
    name = f"documents/demo/{organisation.slug}-{document.code.lower()}.csv"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(DEMO_FILE.encode()))
    Attachment.objects.create(
        organisation=organisation,
        version=version,
        token=f"demo-{organisation.slug}",
        file=name,
        filename=f"{document.code} {document.title}.csv",
        content_type="text/csv",
        size=len(DEMO_FILE.encode()),
        uploaded_by=owner,
    )
