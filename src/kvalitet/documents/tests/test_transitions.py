"""Every transition of a version, the illegal ones (409 with a message), and who may do what."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from kvalitet import access
from kvalitet.core.errors import Conflict
from kvalitet.documents import services_versions
from kvalitet.documents.models import Document, DocumentVersion, Review, Status
from kvalitet.reminders.jobs import daily_jobs


def test_the_whole_life_of_a_document(make_document, scope_of, network_member, manager, publish):
    document = make_document(body="Første tekst.")
    first = publish(document)
    document.refresh_from_db()
    assert first.status == Status.PUBLISHED
    assert first.approver == manager
    assert document.current_version == first
    assert document.next_review_date == timezone.localdate() + relativedelta(months=12)

    second = services_versions.draft_create(
        scope=scope_of(network_member), by=network_member, document=document
    )
    assert second.number == 2
    assert second.body == "Første tekst."
    services_versions.draft_save(
        scope=scope_of(network_member),
        by=network_member,
        version=second,
        revision=second.revision,
        body="Anden tekst.",
        change_summary="Ny",
    )
    second = publish(document)
    first.refresh_from_db()
    document.refresh_from_db()
    assert first.status == Status.SUPERSEDED
    assert first.superseded_at is not None
    assert second.status == Status.PUBLISHED
    assert document.current_version == second

    services_versions.withdraw(scope=scope_of(manager), by=manager, version=second)
    document.refresh_from_db()
    second.refresh_from_db()
    assert second.status == Status.WITHDRAWN
    assert document.current_version is None


ILLEGAL = [
    # (status the version is in, transition that is not allowed from there)
    ("draft", "approve"),
    ("draft", "publish"),
    ("draft", "withdraw"),
    ("draft", "return"),
    ("in_review", "submit"),
    ("in_review", "publish"),
    ("in_review", "withdraw"),
    ("approved", "submit"),
    ("approved", "approve"),
    ("approved", "withdraw"),
    ("published", "submit"),
    ("published", "approve"),
    ("published", "publish"),
    ("published", "return"),
    ("superseded", "publish"),
    ("superseded", "withdraw"),
    ("withdrawn", "publish"),
    ("withdrawn", "submit"),
]


def _bring_to(status, make_document, scope_of, network_member, manager, publish):
    document = make_document()
    version = document.versions.get()
    steps = {
        "draft": [],
        "in_review": ["submit"],
        "approved": ["submit", "approve"],
        "published": ["submit", "approve", "publish"],
        "withdrawn": ["submit", "approve", "publish", "withdraw"],
    }
    if status == "superseded":
        publish(document)
        services_versions.draft_create(
            scope=scope_of(network_member), by=network_member, document=document
        )
        publish(document)
        return document.versions.get(number=1)
    for step in steps[status]:
        _do(step, version, network_member if step == "submit" else manager, scope_of)
    version.refresh_from_db()
    return version


def _do(action, version, person, scope_of):
    functions = {
        "submit": services_versions.submit_for_review,
        "return": services_versions.return_to_draft,
        "approve": services_versions.approve,
        "publish": services_versions.publish,
        "withdraw": services_versions.withdraw,
    }
    return functions[action](scope=scope_of(person), by=person, version=version)


@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_illegal_transition_is_a_conflict_with_a_message(
    status, action, make_document, scope_of, network_member, manager, publish
):
    version = _bring_to(status, make_document, scope_of, network_member, manager, publish)
    assert version.status == status
    before = DocumentVersion.history.count()
    person = network_member if action == "submit" else manager
    with translation.override("en"), pytest.raises(Conflict) as error:
        _do(action, version, person, scope_of)
    assert "cannot be" in error.value.message
    version.refresh_from_db()
    assert version.status == status
    assert DocumentVersion.history.count() == before


def test_illegal_transition_on_the_page_is_409_with_the_message(
    make_document, client_for, manager, norreby
):
    version = make_document().versions.get()
    url = reverse(
        "documents:version_publish", kwargs={"org_slug": norreby.slug, "version_id": version.pk}
    )
    response = client_for(manager).post(url)
    assert response.status_code == 409
    with translation.override("da"), pytest.raises(Conflict) as error:
        services_versions.publish(
            scope=access.scope_for(manager, norreby), by=manager, version=version
        )
    assert escape(error.value.message) in response.content.decode()


def test_nobody_approves_their_own_draft(make_document, scope_of, manager, client_for, norreby):
    document = make_document(by=manager)
    version = document.versions.get()
    services_versions.submit_for_review(scope=scope_of(manager), by=manager, version=version)
    with translation.override("en"), pytest.raises(Conflict) as error:
        services_versions.approve(scope=scope_of(manager), by=manager, version=version)
    assert "another manager" in error.value.message
    url = reverse(
        "documents:version_approve", kwargs={"org_slug": norreby.slug, "version_id": version.pk}
    )
    response = client_for(manager).post(url)
    assert response.status_code == 409
    version.refresh_from_db()
    assert version.status == Status.IN_REVIEW
    assert version.approver is None


def test_coordinator_approves_a_managers_draft(make_document, scope_of, manager, coordinator):
    version = make_document(by=manager).versions.get()
    services_versions.submit_for_review(scope=scope_of(manager), by=manager, version=version)
    services_versions.approve(scope=scope_of(coordinator), by=coordinator, version=version)
    version.refresh_from_db()
    assert version.status == Status.APPROVED
    assert version.approver == coordinator


def test_network_member_and_staff_cannot_approve(make_document, scope_of, network_member, staff):
    version = make_document().versions.get()
    services_versions.submit_for_review(
        scope=scope_of(network_member), by=network_member, version=version
    )
    for person in (network_member, staff):
        with pytest.raises(PermissionDenied):
            services_versions.approve(scope=scope_of(person), by=person, version=version)


def test_staff_cannot_edit_a_draft(make_document, staff, client_for, norreby):
    version = make_document(unit_code="MT").versions.get()
    url = reverse(
        "documents:version_edit", kwargs={"org_slug": norreby.slug, "version_id": version.pk}
    )
    response = client_for(staff).post(url, {"revision": 1, "body": "Ændret", "change_summary": ""})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.body == "Tekst."


def test_sending_back_records_the_comment(make_document, scope_of, network_member, manager):
    version = make_document().versions.get()
    services_versions.submit_for_review(
        scope=scope_of(network_member), by=network_member, version=version
    )
    services_versions.return_to_draft(
        scope=scope_of(manager), by=manager, version=version, comment="Mangler frister."
    )
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    assert version.comments.get().body == "Mangler frister."


def test_publishing_on_a_later_date_waits_for_the_daily_job(
    make_document, scope_of, network_member, manager, publish
):
    document = make_document()
    first = publish(document)
    second = services_versions.draft_create(
        scope=scope_of(network_member), by=network_member, document=document
    )
    services_versions.submit_for_review(
        scope=scope_of(network_member), by=network_member, version=second
    )
    services_versions.approve(scope=scope_of(manager), by=manager, version=second)
    later = timezone.localdate() + datetime.timedelta(days=7)
    services_versions.publish(
        scope=scope_of(manager), by=manager, version=second, effective_date=later
    )
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == Status.APPROVED
    assert second.effective_date == later
    assert first.status == Status.PUBLISHED

    assert "0 document" in daily_jobs()["documents.publish_due"](timezone.localdate())
    assert "1 document" in daily_jobs()["documents.publish_due"](later)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == Status.PUBLISHED
    assert first.status == Status.SUPERSEDED
    assert Document.objects.get(pk=document.pk).current_version == second


def test_reviewed_without_change_moves_the_date(norreby, coordinator, scope_of, client_for):
    document = Document.objects.get(organisation=norreby, code="LP-02")
    assert document.next_review_date < timezone.localdate()
    url = reverse(
        "documents:document_review", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
    )
    response = client_for(coordinator).post(url, {"note": "Målene gælder stadig."})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.next_review_date == timezone.localdate() + relativedelta(months=12)
    review = Review.objects.filter(document=document).first()
    assert review.outcome == "unchanged"
    assert review.note == "Målene gælder stadig."


def test_staff_cannot_record_a_review(norreby, staff, client_for):
    document = Document.objects.get(organisation=norreby, code="KP-04")
    url = reverse(
        "documents:document_review", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
    )
    assert client_for(staff).post(url).status_code == 403
