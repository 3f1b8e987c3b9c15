"""The handbook journey in a real browser: a manager writes a new version of a procedure and
sends it for approval; the coordinator approves and publishes it; a staff member who must read
it finds it in their list, reads it (also without JavaScript) and acknowledges it."""

import re

from django.apps import apps

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.documents import selectors
from kvalitet.organisations.models import Organisation

NEW_TEXT = "Ny procedure: tilsyn varsles altid skriftligt mindst fem arbejdsdage før besøget."


def _document(norreby, manager, staff):
    """A published procedure the manager may change and the staff member must read."""
    Document = apps.get_model("documents", "Document")
    manager_scope = access.scope_for(manager, norreby)
    staff_scope = access.scope_for(staff, norreby)
    for document in manager_scope.changeable(Document.objects.all()).order_by("pk"):
        version = document.current_version
        if (
            version is not None
            and version.status == "published"
            and not document.versions.exclude(
                status__in=("published", "superseded", "withdrawn")
            ).exists()
            and selectors.must_read(staff_scope, document)
            and staff_scope.can_view(document)
        ):
            return document
    raise AssertionError("the demo has no procedure for this journey")


def _press(page, action_suffix: str) -> None:
    page.locator(f"form[action$='{action_suffix}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_new_version_is_written_approved_published_and_acknowledged(browsing, report):
    report.journeys.add("handbook")
    norreby = Organisation.objects.get(slug="norreby")
    manager = Person.objects.get(email="leder@norreby.example")
    coordinator = Person.objects.get(email="koordinator@norreby.example")
    staff = Person.objects.get(email="sagsbehandler@norreby.example")
    document = _document(norreby, manager, staff)
    Acknowledgement = apps.get_model("documents", "Acknowledgement")
    violations = []

    # The manager writes the new version and sends it for approval.
    author = browsing.page(manager)
    author.goto(f"/o/norreby/handbook/{document.pk}/")
    _press(author, "/new-draft/")
    assert re.search(r"/handbook/versions/\d+/edit/$", author.url), author.url
    version_url = re.sub(r"edit/$", "", author.url)
    violations += browsing.axe(author, "da journey handbook draft")
    author.locator("textarea[name=body]").fill(NEW_TEXT)
    summary = author.locator("[name=change_summary]")
    if summary.count():
        summary.fill("Varsling af tilsyn")
    author.locator("form:has(textarea[name=body]) button[type=submit]").first.click()
    author.wait_for_load_state()
    author.goto(version_url)
    _press(author, "/submit/")

    # The coordinator approves and publishes it.
    approver = browsing.page(coordinator)
    approver.goto("/o/norreby/handbook/to-approve/")
    assert document.title in approver.content()
    approver.goto(version_url)
    _press(approver, "/approve/")
    violations += browsing.axe(approver, "da journey handbook approved")
    _press(approver, "/publish/")
    document.refresh_from_db()
    assert document.current_version.body == NEW_TEXT
    assert document.current_version.status == "published"

    # The staff member finds it among what they must read, reads it and acknowledges it.
    reader = browsing.page(staff)
    reader.goto("/o/norreby/handbook/to-read/")
    assert document.title in reader.content()
    violations += browsing.axe(reader, "da journey handbook to read")
    reader.goto(f"/o/norreby/handbook/{document.pk}/")
    assert NEW_TEXT in reader.content()
    without_js = browsing.page(staff, javascript=False)
    without_js.goto(f"/o/norreby/handbook/{document.pk}/")
    assert NEW_TEXT in without_js.content()
    _press(reader, "/acknowledge/")
    assert Acknowledgement.objects.filter(version=document.current_version, person=staff).exists()
    reader.goto("/o/norreby/handbook/to-read/")
    assert document.title not in reader.content()

    assert violations == [], "\n".join(violations)
