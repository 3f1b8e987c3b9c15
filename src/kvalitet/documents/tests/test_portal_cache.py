"""Every change of the handbook that the portal shows is on the next portal request, although
the portal's pages are cached (kvalitet.portal.cache); changes it does not show keep the cache."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from kvalitet.documents import services, services_versions
from kvalitet.organisations.models import Organisation


def urls(document) -> dict[str, str]:
    slug = document.organisation.slug
    record = {"org_slug": slug, "document_id": document.pk}
    return {
        "handbook": reverse("documents_portal:handbook", kwargs={"org_slug": slug}),
        "document": reverse("documents_portal:document", kwargs=record),
        "print": reverse("documents_portal:print", kwargs=record),
    }


def page(url: str, status: int = 200) -> str:
    response = Client().get(url)
    assert response.status_code == status, url
    return response.content.decode()


def portal_version(organisation) -> int:
    return Organisation.objects.get(pk=organisation.pk).portal_version


@pytest.fixture
def public(make_document, publish):
    """A public document with a published version 1, its portal pages already cached."""
    document = make_document(
        code="P-01", title="Offentlig procedure", visibility="public", body="Første udgave."
    )
    publish(document)
    for url in urls(document).values():
        page(url)
    return document


@pytest.fixture
def new_draft(scope_of, network_member):
    """Version n + 1 of a document, with this text, not yet published."""

    def make(document, body: str):
        scope = scope_of(network_member)
        draft = services_versions.draft_create(scope=scope, by=network_member, document=document)
        return services_versions.draft_save(
            scope=scope,
            by=network_member,
            version=draft,
            revision=draft.revision,
            body=body,
            change_summary="",
        )

    return make


def test_a_published_public_document_shows_at_once(norreby, make_document, publish):
    handbook_url = reverse("documents_portal:handbook", kwargs={"org_slug": norreby.slug})
    assert "Ny offentlig" not in page(handbook_url)
    document = make_document(code="P-02", title="Ny offentlig", visibility="public")
    assert "Ny offentlig" not in page(handbook_url)  # a draft is not on the portal

    publish(document)

    assert "Ny offentlig" in page(handbook_url)
    assert "Ny offentlig" in page(urls(document)["document"])


def test_a_new_version_supersedes_the_cached_one(public, publish, new_draft):
    new_draft(public, "Anden udgave.")
    assert "Første udgave." in page(urls(public)["document"])  # not published yet

    publish(public)

    for name in ("document", "print"):
        html = page(urls(public)[name])
        assert "Anden udgave." in html, name
        assert "Første udgave." not in html, name


def test_a_version_published_by_the_daily_job_shows(
    public, new_draft, scope_of, network_member, manager
):
    draft = new_draft(public, "Fra i morgen.")
    services_versions.submit_for_review(
        scope=scope_of(network_member), by=network_member, version=draft
    )
    services_versions.approve(scope=scope_of(manager), by=manager, version=draft)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services_versions.publish(
        scope=scope_of(manager), by=manager, version=draft, effective_date=tomorrow
    )
    assert "Fra i morgen." not in page(urls(public)["document"])

    services_versions.publish_due(tomorrow)

    assert "Fra i morgen." in page(urls(public)["document"])


def test_a_withdrawn_document_leaves_the_portal(public, scope_of, manager):
    services_versions.withdraw(
        scope=scope_of(manager), by=manager, version=public.versions.get(number=1)
    )

    assert "Offentlig procedure" not in page(urls(public)["handbook"])
    page(urls(public)["document"], status=404)
    page(urls(public)["print"], status=404)


def test_a_changed_title_shows_and_an_internal_document_leaves(public, scope_of, coordinator):
    services.document_update(
        scope=scope_of(coordinator), by=coordinator, document=public, title="Omdøbt procedure"
    )

    for name, url in urls(public).items():
        assert "Omdøbt procedure" in page(url), name

    services.document_update(
        scope=scope_of(coordinator), by=coordinator, document=public, visibility="internal"
    )

    assert "Omdøbt procedure" not in page(urls(public)["handbook"])
    page(urls(public)["document"], status=404)


def test_a_renamed_handbook_shows_on_the_print_page(public, handbook, scope_of, coordinator):
    services.handbook_update(
        scope=scope_of(coordinator), by=coordinator, handbook=handbook, name="Ny håndbog"
    )

    assert "Ny håndbog" in page(urls(public)["print"])


def test_a_review_moves_the_next_review_date_on_the_print_page(public, scope_of, manager):
    public.refresh_from_db()
    before = public.next_review_date

    services.document_update(
        scope=scope_of(manager), by=manager, document=public, review_interval_months=36
    )
    page(urls(public)["print"])  # cached again, with the old date

    services.review_unchanged(scope=scope_of(manager), by=manager, document=public)

    public.refresh_from_db()
    assert public.next_review_date != before
    with translation.override("da"):
        shown = formats.date_format(public.next_review_date, "DATE_FORMAT")
    assert shown in page(urls(public)["print"])


def test_internal_documents_keep_the_portals_cache(
    norreby, make_document, publish, scope_of, coordinator
):
    before = portal_version(norreby)

    document = make_document(code="I-01", title="Intern", visibility="internal")
    publish(document)
    services.document_update(
        scope=scope_of(coordinator), by=coordinator, document=document, title="Intern 2"
    )

    assert portal_version(norreby) == before
