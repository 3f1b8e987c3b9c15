"""Attachments (checked in, permission-checked out) and read acknowledgements."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kvalitet import access
from kvalitet.core.errors import Invalid
from kvalitet.documents import selectors, services, services_versions
from kvalitet.documents.models import Acknowledgement, Attachment, Document, ReadRequirement
from kvalitet.organisations.models import Unit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload_url(norreby, version):
    return reverse(
        "documents:attachment_upload", kwargs={"org_slug": norreby.slug, "version_id": version.pk}
    )


def test_a_pdf_is_attached_and_downloaded(make_document, network_member, client_for, norreby):
    version = make_document().versions.get()
    client = client_for(network_member)
    response = client.post(
        _upload_url(norreby, version),
        {"file": SimpleUploadedFile("skema.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(version=version)
    assert attachment.filename == "skema.pdf"
    assert attachment.size == len(PDF)
    assert "skema" not in attachment.file.name  # stored under a random name
    download = client.get(
        reverse(
            "documents:attachment",
            kwargs={"org_slug": norreby.slug, "attachment_id": attachment.pk},
        )
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_forbidden_type_is_refused(make_document, network_member, client_for, norreby):
    version = make_document().versions.get()
    before = Attachment.objects.count()
    html = SimpleUploadedFile(
        "side.pdf", b"<html><script>alert(1)</script></html>\x00\x01", "application/pdf"
    )
    response = client_for(network_member).post(_upload_url(norreby, version), {"file": html})
    assert response.status_code == 400
    assert (
        "This type of file is not accepted" in response.content.decode()
        or response.context["form"].errors["file"]
    )
    assert Attachment.objects.count() == before


def test_a_file_over_the_limit_is_refused(
    make_document, network_member, client_for, norreby, monkeypatch
):
    monkeypatch.setattr(services_versions, "ATTACHMENT_MAX_BYTES", 100)
    version = make_document().versions.get()
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * 200, "application/pdf")
    before = Attachment.objects.count()
    with translation.override("en"), pytest.raises(Invalid) as error:
        services_versions.attachment_add(
            scope=access.scope_for(network_member, norreby),
            by=network_member,
            version=version,
            uploaded=big,
        )
    assert "at most" in error.value.message
    assert Attachment.objects.count() == before


def test_attachment_of_another_units_draft_is_404(
    norreby, coordinator, client_for, staff, outsider, make_document
):
    document = make_document(unit_code="BS", by=coordinator)
    version = document.versions.get()
    services_versions.attachment_add(
        scope=access.scope_for(coordinator, norreby),
        by=coordinator,
        version=version,
        uploaded=SimpleUploadedFile("intern.pdf", PDF, "application/pdf"),
    )
    attachment = Attachment.objects.get(version=version)
    url = reverse(
        "documents:attachment", kwargs={"org_slug": norreby.slug, "attachment_id": attachment.pk}
    )
    assert client_for(staff).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(coordinator).get(url).status_code == 200


def test_staff_must_read_and_acknowledge(norreby, staff, client_for, scope_of):
    scope = scope_of(staff)
    codes = set(selectors.to_read(scope).values_list("code", flat=True))
    assert {"LP-01", "KP-01", "KP-04"} <= codes  # whole organisation, own unit
    assert "KP-05" not in codes  # already read
    assert "SP-01" not in codes  # for managers and network members only
    document = Document.objects.get(organisation=norreby, code="KP-04")
    page = client_for(staff).get(reverse("documents:to_read", kwargs={"org_slug": norreby.slug}))
    assert "KP-04" in page.content.decode()
    response = client_for(staff).post(
        reverse(
            "documents:acknowledge", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
        ),
        {"next": "to_read"},
    )
    assert response.status_code == 302
    assert Acknowledgement.objects.filter(version=document.current_version, person=staff).exists()
    assert "KP-04" not in set(selectors.to_read(scope).values_list("code", flat=True))
    # Twice is once.
    services.acknowledge(scope=scope, by=staff, version=document.current_version)
    assert (
        Acknowledgement.objects.filter(version=document.current_version, person=staff).count() == 1
    )


def test_a_new_version_asks_again(norreby, staff, scope_of, network_member, manager, coordinator):
    document = Document.objects.get(organisation=norreby, code="KP-05")
    assert "KP-05" not in set(selectors.to_read(scope_of(staff)).values_list("code", flat=True))
    draft = services_versions.draft_create(
        scope=scope_of(coordinator), by=coordinator, document=document
    )
    services_versions.draft_save(
        scope=scope_of(coordinator),
        by=coordinator,
        version=draft,
        revision=draft.revision,
        body=draft.body + "\nNyt trin.",
        change_summary="",
    )
    services_versions.submit_for_review(scope=scope_of(coordinator), by=coordinator, version=draft)
    services_versions.approve(scope=scope_of(manager), by=manager, version=draft)
    services_versions.publish(scope=scope_of(manager), by=manager, version=draft)
    assert "KP-05" in set(selectors.to_read(scope_of(staff)).values_list("code", flat=True))


def test_owner_sees_who_has_read_per_unit(norreby, client_for, network_member, staff):
    document = Document.objects.get(organisation=norreby, code="KP-04")
    overview = selectors.reading_overview(document)
    rows = {row.unit.code: row for row in overview}
    assert staff in rows["MT"].unread
    page = client_for(network_member).get(
        reverse("documents:document", kwargs={"org_slug": norreby.slug, "document_id": document.pk})
    )
    content = page.content.decode()
    assert 'id="reading"' in content
    assert "Miljøtilsyn" in content
    assert "Jonas Dahl" in content
    # Staff do not get the overview.
    staff_page = client_for(staff).get(
        reverse("documents:document", kwargs={"org_slug": norreby.slug, "document_id": document.pk})
    )
    assert 'id="reading"' not in staff_page.content.decode()


def test_read_requirements_are_set_from_the_edit_page(norreby, coordinator, client_for):
    document = Document.objects.get(organisation=norreby, code="KP-06")
    unit = Unit.objects.get(organisation=norreby, code="MT")
    url = reverse(
        "documents:document_edit", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
    )
    response = client_for(coordinator).post(
        url,
        {
            "handbook": document.handbook_id,
            "title": document.title,
            "level": document.level,
            "kind": document.kind,
            "owner_unit": document.owner_unit_id,
            "visibility": "public",
            "language": "da",
            "review_interval_months": 24,
            "tags": "jord, anmeldelse",
            "read-roles": ["staff"],
            "read-units": [unit.pk],
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.review_interval_months == 24
    assert document.tags == ["jord", "anmeldelse"]
    rules = set(ReadRequirement.objects.filter(document=document).values_list("role", "unit_id"))
    assert rules == {("staff", None), ("", unit.pk)}
