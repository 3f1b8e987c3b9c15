"""The version page decides on the one version (selectors.version_of), with the same answers as
versions_visible: drafts follow the owner unit, released versions their document, 404 otherwise."""

import pytest
from django.urls import reverse

from kvalitet.documents import selectors
from kvalitet.documents.models import DocumentVersion, ReadRequirement, Status
from kvalitet.organisations.models import Unit


def _page(client, version_id):
    url = reverse("documents:version", kwargs={"org_slug": "norreby", "version_id": version_id})
    return client.get(url)


@pytest.fixture
def byg_og_plan(make_document, coordinator):
    """A document of Byg og Plan (outside the caseworker's Miljøtilsyn): version 1 published,
    version 2 a draft."""
    document = make_document(code="BP-07", unit_code="BP", by=coordinator, body="Udgivet tekst")
    published = document.versions.get()
    published.status = Status.PUBLISHED
    published.save(update_fields=["status"])
    document.current_version = published
    document.save(update_fields=["current_version"])
    draft = DocumentVersion.objects.create(
        organisation=document.organisation,
        document=document,
        number=2,
        status=Status.DRAFT,
        body="Kladdetekst",
        author=coordinator,
    )
    return published, draft


def test_staff_read_another_units_published_version_but_not_its_draft(
    client_for, staff, byg_og_plan, scope_of
):
    published, draft = byg_og_plan
    client = client_for(staff)
    assert _page(client, published.pk).status_code == 200
    assert "Udgivet tekst" in _page(client, published.pk).content.decode()
    response = _page(client, draft.pk)
    assert response.status_code == 404
    assert "Kladdetekst" not in response.content.decode()
    # The same answers as the list of everything visible.
    visible = set(selectors.versions_visible(scope_of(staff)).values_list("pk", flat=True))
    assert published.pk in visible
    assert draft.pk not in visible
    listed = [v.pk for v in selectors.document_versions(scope_of(staff), published.document)]
    assert listed == [published.pk]


def test_the_coordinator_sees_the_draft(client_for, coordinator, byg_og_plan, scope_of):
    published, draft = byg_og_plan
    assert "Kladdetekst" in _page(client_for(coordinator), draft.pk).content.decode()
    listed = [v.pk for v in selectors.document_versions(scope_of(coordinator), draft.document)]
    assert listed == [draft.pk, published.pk]


@pytest.mark.parametrize("version_id", ["999999999", "99999999999999999999"])
def test_a_missing_version_is_404(client_for, coordinator, version_id):
    url = f"/o/norreby/handbook/versions/{version_id}/"
    assert client_for(coordinator).get(url).status_code == 404


def test_another_organisations_person_gets_404(client_for, outsider, byg_og_plan):
    published, draft = byg_og_plan
    for version in (published, draft):
        assert _page(client_for(outsider), version.pk).status_code == 404


def test_the_reading_overview_takes_each_requirement_as_role_and_unit(
    norreby, make_document, coordinator, manager, staff, network_member
):
    document = make_document(code="RD-01", unit_code="NM", by=coordinator)
    version = document.versions.get()
    version.status = Status.PUBLISHED
    version.save(update_fields=["status"])
    document.current_version = version
    document.save(update_fields=["current_version"])
    miljotilsyn = Unit.objects.get(organisation=norreby, code="MT")
    ReadRequirement.objects.create(organisation=norreby, document=document, role="manager")
    ReadRequirement.objects.create(organisation=norreby, document=document, unit=miljotilsyn)
    people = {
        person
        for row in selectors.reading_overview(document)
        for person in [*row.read, *row.unread]
    }
    # Every manager, and everyone in Miljøtilsyn (the caseworker); not the network member.
    assert manager in people
    assert staff in people
    assert network_member not in people
    assert coordinator not in people
