"""The issue's "done when", through the pages as people would use them."""

import re

from django.urls import reverse

from kvalitet.documents.models import Acknowledgement, Document, Status


def test_from_review_due_to_the_citizen(client_for, coordinator, manager, staff, norreby, client):
    slug = {"org_slug": norreby.slug}
    document = Document.objects.get(organisation=norreby, code="KP-04")
    old = document.current_version

    # The coordinator finds the document due for review...
    as_coordinator = client_for(coordinator)
    due = as_coordinator.get(reverse("documents:reviews_due", kwargs=slug)).content.decode()
    assert "Behandling af klager over støj" in due
    # ...starts a new version and edits it.
    new = as_coordinator.post(
        reverse("documents:new_draft", kwargs={**slug, "document_id": document.pk})
    )
    assert new.status_code == 302
    version = document.versions.get(status=Status.DRAFT)
    edit_url = reverse("documents:version_edit", kwargs={**slug, "version_id": version.pk})
    form = as_coordinator.get(edit_url).content.decode()
    revision = re.search(r'name="revision" value="(\d+)"', form).group(1)
    body = (
        version.body + "\n## Natarbejde\n\nStøjende natarbejde på byggepladser kræver tilladelse.\n"
    )
    saved = as_coordinator.post(
        edit_url,
        {"revision": revision, "body": body, "change_summary": "Natarbejde på byggepladser."},
    )
    assert saved.status_code == 302
    submitted = as_coordinator.post(
        reverse("documents:version_submit", kwargs={**slug, "version_id": version.pk})
    )
    assert submitted.status_code == 302

    # The manager finds it waiting, approves and publishes it.
    as_manager = client_for(manager)
    waiting = as_manager.get(reverse("documents:to_approve", kwargs=slug)).content.decode()
    assert "Behandling af klager over støj" in waiting
    for action in ("approve", "publish"):
        response = as_manager.post(
            reverse(f"documents:version_{action}", kwargs={**slug, "version_id": version.pk})
        )
        assert response.status_code == 302, action
    version.refresh_from_db()
    old.refresh_from_db()
    assert version.status == Status.PUBLISHED
    assert old.status == Status.SUPERSEDED

    # The case handler sees it to read, and acknowledges it.
    as_staff = client_for(staff)
    to_read = as_staff.get(reverse("documents:to_read", kwargs=slug)).content.decode()
    assert "Behandling af klager over støj" in to_read
    as_staff.post(reverse("documents:acknowledge", kwargs={**slug, "document_id": document.pk}))
    assert Acknowledgement.objects.filter(version=version, person=staff).exists()
    to_read = as_staff.get(reverse("documents:to_read", kwargs=slug)).content.decode()
    assert "Behandling af klager over støj" not in to_read

    # A citizen reads it on the portal and downloads the PDF.
    portal = {"org_slug": norreby.slug, "document_id": document.pk}
    page = client.get(reverse("documents_portal:document", kwargs=portal)).content.decode()
    assert "Natarbejde" in page
    pdf = client.get(reverse("documents_portal:pdf", kwargs=portal))
    assert pdf.content.startswith(b"%PDF-")

    # The search finds it by an inflected form of a word in its body.
    found = as_staff.get(reverse("documents:search", kwargs=slug), {"q": "byggepladserne"})
    assert "KP-04" in found.content.decode()
    assert "<mark>" in found.content.decode()
    public = client.get(
        reverse("documents_portal:search", kwargs={"org_slug": norreby.slug}),
        {"q": "byggepladserne"},
    )
    assert "KP-04" in public.content.decode()
