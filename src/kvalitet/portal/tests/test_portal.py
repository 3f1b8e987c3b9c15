"""The public portal: open to anyone, one organisation per address, and no personal data."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Organisation


@pytest.mark.parametrize("slug", [pytest.param("norreby"), pytest.param("solvik")])
def test_portal_is_open_and_shows_name_and_introduction(demo_data, slug):
    organisation = Organisation.objects.get(slug=slug)
    first_paragraph, second_paragraph = organisation.portal_introduction.split("\n\n")

    response = Client().get(f"/p/{slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(organisation.name) in html
    assert f"<p>{escape(first_paragraph)}</p>" in html
    assert f"<p>{escape(second_paragraph)}</p>" in html
    assert organisation.contact_email in html


def test_portal_shows_only_its_own_organisation(demo_data):
    response = Client().get("/p/norreby/")

    html = response.content.decode()
    assert "Solviks kommun" not in html
    assert "Kvalitet i Solviks kommun betyder" not in html


def test_portal_without_introduction_shows_the_general_text(norreby):
    Organisation.objects.filter(pk=norreby.pk).update(portal_introduction="")

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/p/norreby/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "certificeret" not in html
    assert "Nørreby Kommune works systematically with the quality of its services" in html


def test_portal_introduction_is_escaped(norreby):
    Organisation.objects.filter(pk=norreby.pk).update(
        portal_introduction='<script>alert("x")</script> & mere'
    )

    response = Client().get("/p/norreby/")

    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/p/unknown/", id="unknown-slug"),
        pytest.param("/p/NORREBY/", id="wrong-case"),
        pytest.param("/p/", id="no-slug"),
    ],
)
def test_unknown_portal_is_404(demo_data, path):
    response = Client().get(path)

    assert response.status_code == 404
    assert "Nørreby" not in response.content.decode()


@pytest.mark.parametrize("slug", [pytest.param("norreby"), pytest.param("solvik")])
def test_portal_shows_no_personal_data(demo_data, slug):
    response = Client().get(f"/p/{slug}/")

    html = response.content.decode()
    for person in Person.objects.all():
        assert person.email not in html
        assert person.full_name not in html


def test_portal_looks_the_same_to_a_signed_in_member(client_for, staff):
    response = client_for(staff).get("/p/norreby/")

    html = response.content.decode()
    assert response.status_code == 200
    assert staff.email not in html
    assert staff.full_name not in html
