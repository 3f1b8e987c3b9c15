"""Which language and time zone a page is shown in.

Language: the person's own setting > the language cookie > the organisation's language > the
browser's Accept-Language > Danish. Time zone: the organisation's, else the site's.
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone

from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Invitation, Organisation, Role

# One string of each page, in each language (from the .po files).
PORTAL_MARKER = {
    "da": "Aktindsigt",
    "sv": "Begäran om allmän handling",
    "en": "Access to documents",
}
LOGIN_MARKER = {"da": "Log ind", "sv": "Logga in", "en": "Sign in"}
STAFF_MARKER = {"da": "Mine indstillinger", "sv": "Mina inställningar", "en": "My settings"}


def assert_language(response, language: str, markers: dict[str, str]) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert response["Content-Language"] == language
    assert markers[language] in html
    for other, marker in markers.items():
        if other != language:
            assert marker not in html, f"{other} text on a {language} page"


# --- Anonymous visitors ---


@pytest.mark.parametrize(
    ("slug", "language"),
    [
        pytest.param("solvik", "sv", id="solvik-swedish"),
        pytest.param("norreby", "da", id="norreby"),
    ],
)
def test_portal_is_in_the_organisations_language(demo_data, slug, language):
    response = Client().get(f"/p/{slug}/")

    assert_language(response, language, PORTAL_MARKER)


def test_organisation_language_beats_the_browser(demo_data):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/p/solvik/")

    assert_language(response, "sv", PORTAL_MARKER)


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        pytest.param("sv", "sv", id="swedish"),
        pytest.param("en", "en", id="english"),
        pytest.param("en-GB,en;q=0.9", "en", id="english-with-region"),
        pytest.param("sv-SE,sv;q=0.9,en;q=0.5", "sv", id="swedish-with-region"),
        pytest.param("de", "da", id="unsupported-falls-back-to-danish"),
        pytest.param("", "da", id="none-falls-back-to-danish"),
    ],
)
def test_pages_without_organisation_follow_the_browser(db, accept_language, language):
    response = Client(HTTP_ACCEPT_LANGUAGE=accept_language).get("/accounts/login/")

    assert_language(response, language, LOGIN_MARKER)


def test_language_cookie_beats_the_organisation(demo_data):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"

    response = client.get("/p/solvik/")

    assert_language(response, "da", PORTAL_MARKER)


def test_unsupported_language_cookie_is_ignored(demo_data):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    response = client.get("/p/solvik/")

    assert_language(response, "sv", PORTAL_MARKER)


def test_choosing_a_language_sets_the_cookie_that_later_pages_follow(demo_data):
    client = Client()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/p/solvik/"})

    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert_language(client.get("/p/solvik/"), "en", PORTAL_MARKER)


@pytest.mark.parametrize(
    "path",
    [pytest.param("/no-such-page/", id="unknown-address"), pytest.param("/p/", id="no-slug")],
)
def test_not_found_page_for_an_unknown_address_follows_the_browser(db, path):
    response = Client(HTTP_ACCEPT_LANGUAGE="sv").get(path)

    assert response.status_code == 404
    assert '<html lang="sv">' in response.content.decode()
    assert response["Content-Language"] == "sv"


# --- Signed-in people ---


def _with_language(person: Person, language: str) -> Person:
    Person.objects.filter(pk=person.pk).update(language=language)
    person.refresh_from_db()
    return person


@pytest.mark.parametrize(
    ("own_language", "cookie", "language"),
    [
        pytest.param("", None, "da", id="no-choice-organisation-language"),
        pytest.param("en", None, "en", id="own-setting"),
        pytest.param("", "sv", "sv", id="cookie-beats-organisation"),
        pytest.param("en", "sv", "en", id="own-setting-beats-cookie"),
    ],
)
def test_staff_page_language(client_for, staff, own_language, cookie, language):
    client = client_for(_with_language(staff, own_language))
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie

    response = client.get("/o/norreby/", HTTP_ACCEPT_LANGUAGE="sv")

    assert_language(response, language, STAFF_MARKER)


def test_own_language_also_applies_to_pages_without_organisation(client_for, staff):
    client = client_for(_with_language(staff, "sv"))

    response = client.get("/accounts/me/", HTTP_ACCEPT_LANGUAGE="en")

    assert_language(response, "sv", STAFF_MARKER)


def test_own_language_applies_to_the_not_found_page(client_for, staff):
    client = client_for(_with_language(staff, "en"))

    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()


def test_language_does_not_leak_into_the_next_request(client_for, staff):
    client_for(_with_language(staff, "en")).get("/o/norreby/")

    response = Client().get("/p/norreby/")

    assert_language(response, "da", PORTAL_MARKER)


# --- Time zone ---


@pytest.fixture
def zones_while_rendering():
    """The active time zone each time a template is rendered during the test."""
    zones: list[str] = []

    def record(sender, **kwargs):
        zones.append(timezone.get_current_timezone_name())

    template_rendered.connect(record)
    yield zones
    template_rendered.disconnect(record)


@pytest.mark.parametrize(
    ("path", "zone"),
    [
        pytest.param("/p/solvik/", "Europe/Stockholm", id="solvik"),
        pytest.param("/p/norreby/", "America/Nuuk", id="norreby-moved-to-nuuk"),
        pytest.param("/accounts/login/", "Europe/Copenhagen", id="no-organisation"),
    ],
)
def test_pages_render_in_the_organisations_time_zone(demo_data, zones_while_rendering, path, zone):
    Organisation.objects.filter(slug="norreby").update(time_zone="America/Nuuk")

    response = Client().get(path)

    assert response.status_code == 200
    assert zones_while_rendering
    assert set(zones_while_rendering) == {zone}
    # Nothing stays active after the request.
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_dates_on_staff_pages_are_shown_in_the_organisations_time_zone(
    client_for, coordinator, norreby
):
    Organisation.objects.filter(pk=norreby.pk).update(time_zone="America/Nuuk")
    # 01:30 UTC on New Year's Day is still New Year's Eve in Nuuk (UTC-2 or UTC-3).
    expires = datetime.datetime(2099, 1, 1, 1, 30, tzinfo=datetime.UTC)
    Invitation.objects.create(
        organisation=norreby,
        email="ny@norreby.example",
        full_name="Ny Medarbejder",
        unit=norreby.units.get(code="NM"),
        role=Role.STAFF,
        token_hash="0" * 64,
        invited_by=coordinator,
        expires_at=expires,
    )

    response = client_for(coordinator).get("/o/norreby/invitations/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ny Medarbejder" in html
    assert "31.12.2098" in html
    assert "01.01.2099" not in html
