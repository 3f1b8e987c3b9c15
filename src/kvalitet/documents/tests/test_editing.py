"""No lost update (409 with the other's change), and script never survives: body, title, PDF."""

import re

import pytest
from django.urls import reverse

from kvalitet.documents import services_versions
from kvalitet.documents.models import Document
from kvalitet.documents.rendering import render_markdown

XSS_BODY = (
    "# Overskrift\n\n<script>alert('body')</script>\n\n"
    "[klik](javascript:alert('link')) <img src=x onerror=alert('img')>\n\n"
    '<a href="#" onclick="alert(1)">a</a> <iframe src="https://evil.example"></iframe>\n'
)
XSS_TITLE = "<script>alert('title')</script> Procedure"


def test_the_second_save_is_refused_with_the_others_change(
    make_document, scope_of, network_member, coordinator
):
    version = make_document().versions.get()
    opened_at = version.revision
    services_versions.draft_save(
        scope=scope_of(coordinator),
        by=coordinator,
        version=version,
        revision=opened_at,
        body="Koordinatorens tekst.",
        change_summary="",
    )
    with pytest.raises(services_versions.EditConflict) as error:
        services_versions.draft_save(
            scope=scope_of(network_member),
            by=network_member,
            version=version,
            revision=opened_at,
            body="Netværkets tekst.",
            change_summary="",
        )
    assert error.value.status == 409
    assert error.value.current.body == "Koordinatorens tekst."
    assert "Mette Kvist" in error.value.message
    version.refresh_from_db()
    assert version.body == "Koordinatorens tekst."


def test_the_edit_page_shows_409_and_both_texts(
    make_document, network_member, coordinator, client_for, norreby
):
    version = make_document().versions.get()
    url = reverse(
        "documents:version_edit", kwargs={"org_slug": norreby.slug, "version_id": version.pk}
    )
    first = client_for(coordinator).post(
        url, {"revision": version.revision, "body": "Koordinatorens tekst.", "change_summary": ""}
    )
    assert first.status_code == 302
    second = client_for(network_member).post(
        url, {"revision": version.revision, "body": "Netværkets tekst.", "change_summary": ""}
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Koordinatorens tekst." in page
    assert "Netværkets tekst." in page
    version.refresh_from_db()
    assert version.body == "Koordinatorens tekst."
    # Saving again, knowingly, from the conflict page (its revision is the current one) works.
    third = client_for(network_member).post(
        url, {"revision": version.revision, "body": "Netværkets tekst.", "change_summary": ""}
    )
    assert third.status_code == 302
    version.refresh_from_db()
    assert version.body == "Netværkets tekst."


def test_the_api_refuses_a_stale_save(
    make_document, coordinator, network_member, client_for, norreby
):
    version = make_document().versions.get()
    url = f"/api/v1/organisations/{norreby.slug}/handbook/versions/{version.pk}"
    ok = client_for(coordinator).put(
        url, {"revision": 1, "body": "Ny"}, content_type="application/json"
    )
    assert ok.status_code == 200
    assert ok.json()["revision"] == 2
    stale = client_for(network_member).put(
        url, {"revision": 1, "body": "Gammel"}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert "Mette Kvist" in stale.json()["detail"]
    version.refresh_from_db()
    assert version.body == "Ny"


def test_markdown_keeps_no_script():
    html = str(render_markdown(XSS_BODY))
    _inert_markup(html)
    assert "<h1>Overskrift</h1>" in html
    # Even HTML that reached the sanitiser directly (were raw HTML ever turned on) is cleaned.
    link = str(render_markdown("[a](javascript:alert(1)) <b onclick=x>b</b>"))
    assert 'href="javascript' not in link


def _inert_markup(content: str) -> None:
    assert "<script" not in content
    assert not re.search(r"(href|src)=[\"']?javascript:", content, re.IGNORECASE)
    assert not re.search(r"<(img|iframe)\b", content, re.IGNORECASE)
    assert not re.search(r"<[a-z][^>]*\son(error|click)=", content, re.IGNORECASE)


@pytest.fixture
def hostile(make_document, publish, norreby):
    document = make_document(
        code="X-01", title=XSS_TITLE, body=XSS_BODY, visibility="public", unit_code="MT"
    )
    version = publish(document)
    return Document.objects.get(pk=document.pk), version


def _inert(content: str) -> None:
    # The payloads may show as text; none of them is markup.
    assert "<script>alert" not in content
    assert not re.search(r"(href|src)=[\"']?javascript:", content, re.IGNORECASE)
    assert not re.search(r"<(img|iframe)\b", content, re.IGNORECASE)
    assert not re.search(r"<[a-z][^>]*\son(error|click)=", content, re.IGNORECASE)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in content


def test_script_in_body_and_title_is_inert_on_every_page(
    hostile, client_for, coordinator, norreby, client
):
    document, version = hostile
    staff_pages = [
        reverse("documents:handbook", kwargs={"org_slug": norreby.slug}),
        reverse(
            "documents:document", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
        ),
        reverse("documents:version", kwargs={"org_slug": norreby.slug, "version_id": version.pk}),
        reverse("documents:compare", kwargs={"org_slug": norreby.slug, "document_id": document.pk}),
        reverse("documents:search", kwargs={"org_slug": norreby.slug}) + "?q=Overskrift",
    ]
    signed_in = client_for(coordinator)
    for url in staff_pages:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        _inert(response.content.decode())
    portal_pages = [
        reverse("documents_portal:handbook", kwargs={"org_slug": norreby.slug}),
        reverse(
            "documents_portal:document",
            kwargs={"org_slug": norreby.slug, "document_id": document.pk},
        ),
        reverse(
            "documents_portal:print", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
        ),
        reverse("documents_portal:search", kwargs={"org_slug": norreby.slug}) + "?q=Overskrift",
    ]
    for url in portal_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _inert(response.content.decode())


def test_script_is_inert_in_the_pdf(hostile, client, norreby, monkeypatch):
    document, _version = hostile
    rendered = {}
    from kvalitet import pdf

    original = pdf.render_to_string

    def spy(*args, **kwargs):
        rendered["html"] = original(*args, **kwargs)
        return rendered["html"]

    monkeypatch.setattr(pdf, "render_to_string", spy)
    response = client.get(
        reverse(
            "documents_portal:pdf", kwargs={"org_slug": norreby.slug, "document_id": document.pk}
        )
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    _inert(rendered["html"])
