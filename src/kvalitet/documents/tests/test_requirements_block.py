"""A document's page names the requirements it meets (the link is kept on the requirement)."""

from django.urls import reverse

from kvalitet.requirements.models import Requirement


def test_document_page_lists_the_requirements_it_meets(norreby, coordinator, client_for):
    requirement = Requirement.objects.filter(
        requirement_set__organisation=norreby, documents__isnull=False
    ).first()
    assert requirement is not None, "the demo links requirements to handbook documents"
    document = requirement.documents.first()
    url = reverse("documents:document", kwargs={"org_slug": "norreby", "document_id": document.pk})

    body = client_for(coordinator).get(url).content.decode()

    link = reverse(
        "requirements:requirement", kwargs={"org_slug": "norreby", "requirement_id": requirement.pk}
    )
    assert f'href="{link}"' in body
    assert requirement.title in body


def test_no_requirements_no_heading(norreby, coordinator, client_for):
    requirement = Requirement.objects.filter(
        requirement_set__organisation=norreby, documents__isnull=False
    ).first()
    document = requirement.documents.first()
    document.requirements.clear()
    url = reverse("documents:document", kwargs={"org_slug": "norreby", "document_id": document.pk})

    body = client_for(coordinator).get(url).content.decode()

    assert "Krav, som dokumentet opfylder" not in body
