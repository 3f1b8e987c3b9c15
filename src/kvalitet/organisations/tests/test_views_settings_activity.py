"""The organisation's staff pages: the organisation settings and the activity log."""

import pytest
from django.urls import reverse

from kvalitet import access
from kvalitet.organisations import services
from kvalitet.organisations.models import Organisation, Unit
from kvalitet.organisations.tests.view_helpers import (
    HTMX,
    NON_COORDINATORS,
    entries_for,
    unit_form,
    url,
)

# --- organisation settings --------------------------------------------------------------------


SETTINGS = {
    "name": "Nørreby Kommune",
    "language": "da",
    "time_zone": "Europe/Copenhagen",
    "contact_email": "kvalitet@norreby.example",
    "portal_introduction": "Om kvalitet.",
}


def organisation_row(slug: str = "norreby") -> dict:
    return Organisation.objects.values().get(slug=slug)


def test_coordinator_saves_name_and_language(as_coordinator, coordinator, norreby):
    response = as_coordinator.post(
        url("settings"), {**SETTINGS, "name": "Nørreby Kommune (ny)", "language": "en"}
    )

    assert response.status_code == 302
    norreby.refresh_from_db()
    assert (norreby.name, norreby.language) == ("Nørreby Kommune (ny)", "en")
    entry = entries_for(norreby)[-1]
    assert entry.actor == coordinator
    assert {c["field"] for c in entry.changes} >= {"name", "language"}


def test_settings_are_404_for_a_non_coordinator(subtests, client_for, request, norreby):
    for who in NON_COORDINATORS:
        with subtests.test(who):
            client = client_for(request.getfixturevalue(who))
            before = organisation_row()

            get = client.get(url("settings"))
            post = client.post(url("settings"), {**SETTINGS, "name": "Hijacked"})

            assert (get.status_code, post.status_code) == (404, 404)
            assert organisation_row() == before


BAD_SETTINGS = {
    "invalid-email": ({"contact_email": "not-an-email"}, "Enter a valid email address."),
    "unknown-language": ({"language": "tlh"}, "Select a valid choice."),
    "unknown-time-zone": ({"time_zone": "Mars/Olympus"}, "Select a valid choice."),
    "empty-name": ({"name": ""}, "This field is required."),
    "huge-name": ({"name": "N" * 201}, "at most 200 characters"),
    "huge-introduction": ({"portal_introduction": "x" * 5001}, "at most 5000"),
}


def test_settings_with_bad_input_are_400_and_change_nothing(subtests, as_coordinator, norreby):
    for case, (changes, message) in BAD_SETTINGS.items():
        with subtests.test(case):
            before = organisation_row()

            response = as_coordinator.post(
                url("settings"), {**SETTINGS, "name": "Changed", **changes}
            )

            assert response.status_code == 400
            assert message in response.content.decode()
            assert organisation_row() == before


# --- activity log page ------------------------------------------------------------------------


def activity_url() -> str:
    return reverse("activity:list", kwargs={"org_slug": "norreby"})


@pytest.fixture
def renamed(as_coordinator, unit):
    """NM renamed through the page, so the log holds one change by the coordinator."""
    response = as_coordinator.post(
        url("unit_edit", unit_id=unit.pk), unit_form(unit, name="Natur og Klima")
    )
    assert response.status_code == 302
    return unit


def test_activity_log_shows_changes_to_the_coordinator(as_coordinator, renamed):
    response = as_coordinator.get(activity_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Natur og Miljø → Natur og Klima" in page
    assert "Mette Kvist" in page


def test_activity_log_is_shown_to_the_auditor(client_for, auditor, renamed):
    response = client_for(auditor).get(activity_url())

    assert response.status_code == 200
    assert "Natur og Klima" in response.content.decode()


def test_activity_log_is_404_for_everybody_else(subtests, client_for, request, renamed):
    for who in ["staff", "manager", "network_member", "viewer"]:
        with subtests.test(who):
            response = client_for(request.getfixturevalue(who)).get(activity_url())

            assert response.status_code == 404
            assert "Natur og Klima" not in response.content.decode()


def test_activity_log_of_norreby_shows_nothing_of_solvik(as_coordinator, solvik, outsider):
    services.unit_insert(
        organisation=solvik,
        parent=Unit.objects.get(organisation=solvik, parent=None),
        name="Hemlig enhet",
        code="HEM",
        kind="team",
        by=outsider,
    )

    assert "Hemlig enhet" not in as_coordinator.get(activity_url()).content.decode()


def test_activity_log_kind_filter(as_coordinator, renamed, coordinator, norreby):
    services.organisation_update(
        scope=access.scope_for(coordinator, norreby), by=coordinator, name="Nørreby Kommune X"
    )

    units_only = as_coordinator.get(activity_url(), {"kind": "organisations.unit"}).content.decode()
    organisations_only = as_coordinator.get(
        activity_url(), {"kind": "organisations.organisation"}
    ).content.decode()

    assert "Natur og Klima" in units_only
    assert "→ Nørreby Kommune X" not in units_only
    assert "→ Nørreby Kommune X" in organisations_only
    assert "Natur og Klima" not in organisations_only


def test_activity_log_record_filter(as_coordinator, renamed, units):
    other = units["BP"]
    as_coordinator.post(url("unit_edit", unit_id=other.pk), unit_form(other, name="Byg"))

    page = as_coordinator.get(
        activity_url(), {"record": f"organisations.unit:{renamed.pk}"}
    ).content.decode()

    assert "Natur og Klima" in page
    assert "Byg og Plan → Byg" not in page
    assert "Showing the history of one record." in page


BAD_ACTIVITY_FILTERS = {
    "bad-date": {"since": "yesterday"},
    "reversed-period": {"since": "2030-01-02", "until": "2030-01-01"},
    "unknown-kind": {"kind": "auth.permission"},
    "malformed-record": {"record": "organisations.unit:1; DROP"},
    "unknown-actor": {"actor": "999999"},
}


def test_activity_log_with_a_bad_filter_is_400_and_lists_nothing(subtests, as_coordinator, renamed):
    for case, params in BAD_ACTIVITY_FILTERS.items():
        with subtests.test(case):
            response = as_coordinator.get(activity_url(), params)

            assert response.status_code == 400
            assert "Natur og Klima" not in response.content.decode()


def test_activity_log_htmx_returns_only_the_results(as_coordinator, renamed):
    response = as_coordinator.get(activity_url(), {"kind": "organisations.unit"}, **HTMX)

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="activity-results"' in body
    assert "Natur og Klima" in body
