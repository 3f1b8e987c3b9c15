"""axe-core at WCAG 2.1 A and AA on every public portal page and the staff pages, in Danish
(Nørreby) and Swedish (Solvik); screenshots of the portal at phone and desktop width; each page
says its language and reads without JavaScript."""

import pytest

from kvalitet.accounts.models import Person
from kvalitet.e2e.conftest import DESKTOP, PHONE
from kvalitet.e2e.pages import portal_pages, public_pages, staff_pages
from kvalitet.organisations.models import Organisation

CASES = [
    pytest.param("norreby", "koordinator@norreby.example", "da", id="norreby-da"),
    pytest.param("solvik", "samordnare@solvik.example", "sv", id="solvik-sv"),
]


def _title_and_heading(page) -> tuple[str, str]:
    headings = page.locator("h1")
    assert headings.count() == 1, (page.url, headings.count())
    return page.title(), headings.inner_text()


@pytest.mark.parametrize(("slug", "email", "language"), CASES)
def test_portal_pages_pass_axe_at_phone_and_desktop_width(browsing, slug, email, language):
    organisation = Organisation.objects.get(slug=slug)
    coordinator = Person.objects.get(email=email)
    pages = portal_pages(organisation, coordinator) + public_pages()
    assert any(label == "portal:home" for label, _path in pages)
    violations = []
    page = browsing.page(viewport=DESKTOP, language=language)
    reading = browsing.page(javascript=False, language=language)

    for label, path in pages:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        assert page.locator("html").get_attribute("lang") == language, path
        heading = _title_and_heading(page)
        violations += browsing.axe(page, f"{language} desktop {label} {path}")
        browsing.screenshot(page, f"{slug}-{language}-{label}-desktop")
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(50)  # the page's resize handlers run first
        violations += browsing.axe(page, f"{language} phone {label} {path}")
        browsing.screenshot(page, f"{slug}-{language}-{label}-phone")
        page.set_viewport_size(DESKTOP)
        # Without JavaScript the page reads the same.
        assert reading.goto(path).status == 200
        assert _title_and_heading(reading) == heading, path

    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize(("slug", "email", "language"), CASES)
def test_staff_pages_pass_axe(browsing, slug, email, language):
    organisation = Organisation.objects.get(slug=slug)
    coordinator = Person.objects.get(email=email)
    pages = staff_pages(organisation, coordinator)
    assert any(label == "organisations:start" for label, _path in pages)
    violations = []
    page = browsing.page(coordinator, viewport=DESKTOP)

    for label, path in pages:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        assert page.locator("html").get_attribute("lang") == language, path
        violations += browsing.axe(page, f"{language} staff {label} {path}")

    assert violations == [], "\n".join(violations)
