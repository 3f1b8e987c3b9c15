"""The organisation's staff pages: the people list, a person's page and their memberships."""

import datetime
import re

from django.utils import timezone

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Membership, Role, Unit
from kvalitet.organisations.tests.view_helpers import entries_for, url

# --- people -----------------------------------------------------------------------------------


def test_people_list_shows_norrebys_people_and_none_of_solviks(client_for, viewer, norreby, solvik):
    response = client_for(viewer).get(url("people"))

    assert response.status_code == 200
    page = response.content.decode()
    for name in Person.objects.filter(memberships__organisation=norreby).values_list(
        "full_name", flat=True
    ):
        assert name in page
    for email in Person.objects.filter(memberships__organisation=solvik).values_list(
        "email", flat=True
    ):
        assert email not in page
    assert "6 people" in page


def _listed(response) -> set[str]:
    return set(re.findall(r"<td>([^<@]+@[^<]+)</td>", response.content.decode()))


NM_PEOPLE = {
    "netvaerk@norreby.example",
    "leder@norreby.example",
    "sagsbehandler@norreby.example",
    "auditor@norreby.example",
}
PEOPLE_FILTERS = {
    "none": ({}, NM_PEOPLE | {"koordinator@norreby.example", "politiker@norreby.example"}),
    "q-name": ({"q": "Lund"}, {"leder@norreby.example"}),  # Solvik's Eva Lund stays out
    "q-email": ({"q": "SAGSBEHANDLER@"}, {"sagsbehandler@norreby.example"}),
    "role": ({"role": "staff"}, {"sagsbehandler@norreby.example"}),
    "role-auditor": ({"role": "auditor"}, {"auditor@norreby.example"}),
    "unit-leaf": ({"unit": "MT"}, {"sagsbehandler@norreby.example"}),
    "unit-subtree": ({"unit": "NM"}, NM_PEOPLE),
    "unit+role": ({"unit": "NM", "role": "manager"}, {"leder@norreby.example"}),
    "q-no-match": ({"q": "nobody-by-that-name"}, set()),
}


def test_people_filters_narrow_the_list(subtests, as_coordinator, units):
    for case, (params, emails) in PEOPLE_FILTERS.items():
        with subtests.test(case):
            if "unit" in params:
                params = {**params, "unit": units[params["unit"]].pk}

            response = as_coordinator.get(url("people"), params)

            assert response.status_code == 200
            assert _listed(response) == emails


def test_people_with_a_bad_filter_is_400_and_lists_nobody_of_solvik(
    subtests, as_coordinator, solvik
):
    solvik_unit = Unit.objects.filter(organisation=solvik).first().pk
    cases = {
        "unknown-role": {"role": "emperor"},
        "malformed-unit": {"unit": "abc"},
        "unit-of-solvik": {"unit": solvik_unit},
        "huge-q": {"q": "x" * 101},
    }
    for case, params in cases.items():
        with subtests.test(case):
            response = as_coordinator.get(url("people"), params)

            assert response.status_code == 400
            assert not {e for e in _listed(response) if e.endswith("solvik.example")}


def test_the_next_page_link_keeps_every_filter(as_coordinator, norreby, unit):
    for i in range(51):
        person = Person.objects.create_user(email=f"p{i}@norreby.example", full_name=f"P {i}")
        Membership.objects.create(organisation=norreby, person=person, unit=unit, role="staff")

    page = as_coordinator.get(url("people"), {"role": "staff", "unit": unit.pk}).content.decode()

    [next_link] = re.findall(r'href="(\?[^"]*page=2[^"]*)"', page)
    assert "role=staff" in next_link
    assert f"unit={unit.pk}" in next_link


def test_person_detail_shows_their_roles(client_for, staff, manager):
    response = client_for(staff).get(url("person", person_id=manager.pk))

    assert response.status_code == 200
    assert "Birgitte Lund" in response.content.decode()
    assert "Manager" in response.content.decode()
    assert "Add a role" not in response.content.decode()


# --- memberships ------------------------------------------------------------------------------


def membership_rows() -> list[tuple]:
    return list(
        Membership.objects.order_by("pk").values_list(
            "pk", "person_id", "unit_id", "role", "valid_from", "valid_until"
        )
    )


def test_coordinator_adds_a_membership(as_coordinator, coordinator, norreby, staff, units):
    response = as_coordinator.post(
        url("membership_add", person_id=staff.pk), {"unit": units["NV"].pk, "role": "staff"}
    )

    assert response.status_code == 302
    added = Membership.objects.get(person=staff, unit=units["NV"], role=Role.STAFF)
    assert added.organisation == norreby
    assert entries_for(added)[0].actor == coordinator


BAD_MEMBERSHIP_INPUT = {
    "auditor-without-end": (
        {"role": "auditor"},
        400,
        "An auditor&#x27;s access needs an end date.",
    ),
    "unknown-role": ({"role": "king"}, 400, "Select a valid choice."),
    "period-reversed": (
        {"role": "staff", "valid_from": "2030-01-02", "valid_until": "2030-01-01"},
        400,
        "The end of the period must not be before its start.",
    ),
    "bad-date": ({"role": "staff", "valid_until": "soon"}, 400, "Enter a valid date."),
    "duplicate": ({"role": "staff", "unit": "MT"}, 409, "already has this role in this unit"),
    "unit-of-solvik": ({"role": "staff", "unit": "solvik"}, 400, "Select a valid choice."),
    "no-unit": ({"role": "staff", "unit": ""}, 400, "This field is required."),
}


def test_membership_add_with_bad_input_is_refused_and_adds_nothing(
    subtests, as_coordinator, staff, solvik, units
):
    unit_pks = {code: u.pk for code, u in units.items()}
    unit_pks.update({"solvik": Unit.objects.filter(organisation=solvik).first().pk, "": ""})
    for case, (data, status, message) in BAD_MEMBERSHIP_INPUT.items():
        with subtests.test(case):
            before = membership_rows()

            response = as_coordinator.post(
                url("membership_add", person_id=staff.pk),
                {**data, "unit": unit_pks[data.get("unit", "NV")]},
            )

            assert response.status_code == status
            assert message in response.content.decode()
            assert membership_rows() == before


def test_membership_add_by_a_manager_is_403_and_adds_nothing(client_for, manager, staff, units):
    before = membership_rows()

    response = client_for(manager).post(
        url("membership_add", person_id=staff.pk), {"unit": units["MT"].pk, "role": "manager"}
    )

    assert response.status_code == 403
    assert membership_rows() == before


def test_membership_end_then_end_again(as_coordinator, staff, norreby):
    membership = Membership.objects.get(person=staff, organisation=norreby)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    first = as_coordinator.post(url("membership_end", membership_id=membership.pk))

    assert first.status_code == 302
    assert first["Location"] == url("person", person_id=staff.pk)
    membership.refresh_from_db()
    assert membership.valid_until == yesterday
    assert not access.scope_for(staff, norreby).is_member
    ended = membership_rows()

    second = as_coordinator.post(url("membership_end", membership_id=membership.pk))

    assert second.status_code == 409
    assert "This membership has already ended." in second.content.decode()
    assert membership_rows() == ended


def test_the_only_coordinator_cannot_end_their_own_role(as_coordinator, coordinator, norreby):
    membership = Membership.objects.get(person=coordinator, organisation=norreby)
    before = membership_rows()

    response = as_coordinator.post(url("membership_end", membership_id=membership.pk))

    assert response.status_code == 409
    assert "You are the only coordinator" in response.content.decode()
    assert membership_rows() == before


def test_membership_end_by_a_manager_is_403_and_changes_nothing(client_for, manager, staff):
    membership = Membership.objects.get(person=staff)
    before = membership_rows()

    response = client_for(manager).post(url("membership_end", membership_id=membership.pk))

    assert response.status_code == 403
    assert membership_rows() == before
