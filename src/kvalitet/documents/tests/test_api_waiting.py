"""The handbook API (same rules as the pages) and what waits for people (start page, digest)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kvalitet.core.navigation import waiting_for
from kvalitet.documents.models import Acknowledgement, Document, DocumentVersion, Status
from kvalitet.reminders.services import remind

API = "/api/v1/organisations/{slug}/handbook"


def _api(slug):
    return API.format(slug=slug)


def test_lists_and_details(client_for, staff, norreby):
    client = client_for(staff)
    handbooks = client.get(f"{_api('norreby')}/handbooks").json()
    assert handbooks[0]["name"] == "Kvalitetshåndbog for natur og miljø"
    assert handbooks[0]["document_count"] == 16
    documents = client.get(f"{_api('norreby')}/documents?level=core&limit=50").json()["items"]
    assert {d["code"] for d in documents} >= {"KP-01", "KP-02", "KP-03", "KP-04"}
    assert all(d["level"] == "core" for d in documents)
    kp04 = Document.objects.get(organisation=norreby, code="KP-04")
    detail = client.get(f"{_api('norreby')}/documents/{kp04.pk}").json()
    assert detail["current_version_id"] == kp04.current_version_id
    version = client.get(f"{_api('norreby')}/versions/{kp04.current_version_id}").json()
    assert version["status"] == "published"
    assert "<ol>" in version["html"]


def test_another_organisation_gets_404(client_for, outsider, norreby):
    kp04 = Document.objects.get(organisation=norreby, code="KP-04")
    client = client_for(outsider)
    assert client.get(f"{_api('norreby')}/documents/{kp04.pk}").status_code == 404
    assert client.get(f"{_api('solvik')}/documents/{kp04.pk}").status_code == 404
    assert client.get(f"{_api('solvik')}/versions/{kp04.current_version_id}").status_code == 404


def test_drafts_of_another_unit_are_404_for_staff(client_for, staff, norreby):
    kp01 = Document.objects.get(organisation=norreby, code="KP-01")
    in_review = kp01.versions.get(status=Status.IN_REVIEW)
    # KP-01 belongs to Miljøtilsyn, so the case handler there sees the version in review...
    assert client_for(staff).get(f"{_api('norreby')}/versions/{in_review.pk}").status_code == 200
    # A draft of a document Borgerservice owns is not theirs to see.
    bs_document = Document.objects.create(
        organisation=norreby,
        handbook=kp01.handbook,
        level="core",
        kind="procedure",
        code="BS-01",
        title="Borgerservice",
        language="da",
        owner_unit=norreby.units.get(code="BS"),
    )
    draft = DocumentVersion.objects.create(
        organisation=norreby, document=bs_document, number=1, body="x", author=kp01.owner
    )
    assert client_for(staff).get(f"{_api('norreby')}/versions/{draft.pk}").status_code == 404
    assert client_for(staff).get(f"{_api('norreby')}/documents/{bs_document.pk}").status_code == 200


def test_create_draft_transitions_and_acknowledge(
    client_for, network_member, manager, staff, norreby
):
    base = _api("norreby")
    member = client_for(network_member)
    created = member.post(
        f"{base}/documents",
        {
            "handbook_id": norreby.handbooks.get().pk,
            "code": "KP-99",
            "title": "Ny procedure",
            "level": "core",
            "kind": "procedure",
            "owner_unit_id": norreby.units.get(code="MT").pk,
            "body": "Trin 1.",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    document_id = created.json()["id"]
    version = member.get(f"{base}/documents/{document_id}/versions").json()[0]
    assert (
        member.post(
            f"{base}/versions/{version['id']}/approve", {}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        member.post(
            f"{base}/versions/{version['id']}/submit", {}, content_type="application/json"
        ).status_code
        == 200
    )
    illegal = client_for(manager).post(
        f"{base}/versions/{version['id']}/publish", {}, content_type="application/json"
    )
    assert illegal.status_code == 409
    assert len(illegal.json()["detail"]) > 20
    assert DocumentVersion.objects.get(pk=version["id"]).status == Status.IN_REVIEW
    assert (
        client_for(manager)
        .post(f"{base}/versions/{version['id']}/approve", {}, content_type="application/json")
        .status_code
        == 200
    )
    published = client_for(manager).post(
        f"{base}/versions/{version['id']}/publish", {}, content_type="application/json"
    )
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert (
        client_for(staff).post(f"{base}/documents/{document_id}/acknowledgements").status_code
        == 201
    )
    assert Acknowledgement.objects.filter(person=staff, version_id=version["id"]).exists()
    second = member.post(f"{base}/documents/{document_id}/versions")
    assert second.status_code == 201
    assert second.json()["number"] == 2
    assert member.post(f"{base}/documents/{document_id}/versions").status_code == 409


def test_staff_cannot_create_documents(client_for, staff, norreby):
    before = Document.objects.count()
    response = client_for(staff).post(
        f"{_api('norreby')}/documents",
        {
            "handbook_id": norreby.handbooks.get().pk,
            "code": "KP-98",
            "title": "x",
            "level": "core",
            "kind": "procedure",
            "owner_unit_id": norreby.units.get(code="MT").pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Document.objects.count() == before


def test_api_search(client_for, staff, norreby):
    response = client_for(staff).get(f"{_api('norreby')}/search", {"q": "støjklagerne"})
    hits = response.json()["hits"]
    assert "KP-04" in {hit["code"] for hit in hits}
    assert "<mark>" in hits[0]["snippet"]


def test_what_waits(norreby, staff, manager, coordinator, scope_of):
    staff_waiting = {w.url: w.count for w in waiting_for(scope_of(staff))}
    assert staff_waiting[reverse("documents:to_read", kwargs={"org_slug": "norreby"})] >= 3
    by_url = {w.url: w.count for w in waiting_for(scope_of(manager))}
    assert by_url[reverse("documents:to_approve", kwargs={"org_slug": "norreby"})] == 1
    assert by_url[reverse("documents:reviews_due", kwargs={"org_slug": "norreby"})] >= 1
    # Staff neither approve nor review.
    assert reverse("documents:to_approve", kwargs={"org_slug": "norreby"}) not in staff_waiting


@pytest.mark.django_db(transaction=False)
def test_the_digest_lists_documents_to_read(norreby, staff):
    mail.outbox.clear()
    remind(today=timezone.localdate())
    mine = [m for m in mail.outbox if staff.email in m.to]
    assert len(mine) == 1
    assert "/o/norreby/handbook/to-read/" in mine[0].body
    remind(today=timezone.localdate())
    assert len([m for m in mail.outbox if staff.email in m.to]) == 1


def test_reading_overview_for_the_owner_not_for_staff(client_for, network_member, staff, norreby):
    kp04 = Document.objects.get(organisation=norreby, code="KP-04")
    url = f"{_api('norreby')}/documents/{kp04.pk}/acknowledgements"
    rows = {row["unit"]: row for row in client_for(network_member).get(url).json()}
    assert "Jonas Dahl" in rows["Miljøtilsyn"]["unread"]
    assert client_for(staff).get(url).status_code == 403
