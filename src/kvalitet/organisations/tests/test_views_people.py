"""The organisation's staff pages: unit tree, people, memberships, settings, invitations."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kvalitet import access
from kvalitet.accounts.models import Person, hash_token
from kvalitet.activity.models import ActivityEntry
from kvalitet.organisations import services
from kvalitet.organisations.models import Invitation, Membership, Organisation, Role, Unit

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": "norreby", **kwargs})


@pytest.fixture
def client_for(client_for):
    """The shared signed-in client, reading English so the tests can match the messages."""

    def make(person: Person):
        signed_in = client_for(person)
        signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return signed_in

    return make


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def units(norreby) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.filter(organisation=norreby)}


@pytest.fixture
def as_coordinator(client_for, coordinator):
    return client_for(coordinator)


def unit_rows(organisation) -> list[tuple]:
    return list(
        Unit.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", "name", "code", "kind", "parent_id", "path", "is_active")
    )


def unit_form(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "code": unit.code,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def entries_for(obj) -> list[ActivityEntry]:
    return list(
        ActivityEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).order_by("pk")
    )


# --- unit tree --------------------------------------------------------------------------------


NON_COORDINATORS = ["staff", "manager", "network_member", "auditor", "viewer"]


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


# --- invitations ------------------------------------------------------------------------------


INVITE = {"full_name": "Ida Nygaard", "email": "Ida.Nygaard@Example.org", "role": "staff"}


@pytest.fixture
def invitation_link(as_coordinator, units) -> str:
    """The path of the link in the invitation mail the coordinator sent to Ida (staff, MT)."""
    mail.outbox.clear()
    response = as_coordinator.post(url("invitations"), {**INVITE, "unit": units["MT"].pk})
    assert response.status_code == 302
    [message] = mail.outbox
    match = re.search(r"https?://[^/\s]+(/invitation/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_coordinator_sends_an_invitation_by_mail(as_coordinator, coordinator, norreby, units):
    mail.outbox.clear()

    response = as_coordinator.post(url("invitations"), {**INVITE, "unit": units["MT"].pk})

    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=norreby)
    assert (invitation.email, invitation.role, invitation.unit) == (
        "ida.nygaard@example.org",
        "staff",
        units["MT"],
    )
    [message] = mail.outbox
    assert message.to == ["ida.nygaard@example.org"]
    assert message.reply_to == [coordinator.email]
    assert "/invitation/" in message.body
    assert "Nørreby Kommune" in message.body
    # The secret travels only in the mail: the database keeps its hash.
    secret = re.search(r"/invitation/([^/\s]+)/", message.body).group(1)
    assert invitation.token_hash == hash_token(secret)
    assert secret not in invitation.token_hash


BAD_INVITATIONS = {
    "invalid-email": ({"email": "not-an-email"}, "Enter a valid email address."),
    "auditor-without-end": ({"role": "auditor"}, "An auditor&#x27;s access needs an end date."),
    "no-name": ({"full_name": ""}, "This field is required."),
    "huge-name": ({"full_name": "x" * 201}, "at most 200 characters"),
}


def test_invitation_with_bad_input_is_400_and_sends_nothing(subtests, as_coordinator, units):
    for case, (changes, message) in BAD_INVITATIONS.items():
        with subtests.test(case):
            mail.outbox.clear()

            response = as_coordinator.post(
                url("invitations"), {**INVITE, "unit": units["MT"].pk, **changes}
            )

            assert response.status_code == 400
            assert message in response.content.decode()
            assert not Invitation.objects.exists()
            assert mail.outbox == []


def test_inviting_someone_who_already_has_the_role_is_409(as_coordinator, units):
    mail.outbox.clear()

    response = as_coordinator.post(
        url("invitations"),
        {**INVITE, "email": "sagsbehandler@norreby.example", "unit": units["MT"].pk},
    )

    assert response.status_code == 409
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_invitation_page_shows_the_organisation(client, invitation_link):
    response = client.get(invitation_link)

    assert response.status_code == 200
    assert "Join Nørreby Kommune" in response.content.decode()
    assert "ida.nygaard@example.org" in response.content.decode()


def test_accepting_as_a_new_person_creates_person_and_membership_and_signs_in(
    client, invitation_link, norreby, units
):
    response = client.post(invitation_link, {"full_name": "Ida N.", "password": "long enough 1"})

    assert response.status_code == 302
    assert response["Location"] == url("start")
    person = Person.objects.get(email="ida.nygaard@example.org")
    assert person.full_name == "Ida N."
    assert person.check_password("long enough 1")
    membership = Membership.objects.get(person=person)
    assert (membership.organisation, membership.unit, membership.role) == (
        norreby,
        units["MT"],
        "staff",
    )
    assert Invitation.objects.get().accepted_by == person
    # Signed in: the start page answers without a detour to the login page.
    assert client.get(url("start")).status_code == 200


def test_a_used_invitation_link_is_404(client, client_for, invitation_link):
    client.post(invitation_link, {"full_name": "Ida", "password": "long enough 1"})
    people = Person.objects.count()

    again = client_for(Person.objects.get(email="ida.nygaard@example.org"))
    assert again.get(invitation_link).status_code == 404
    assert again.post(invitation_link).status_code == 404
    assert Person.objects.count() == people


def test_an_expired_invitation_link_is_404(client, invitation_link):
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    get = client.get(invitation_link)
    post = client.post(invitation_link, {"full_name": "Ida", "password": "long enough 1"})

    assert (get.status_code, post.status_code) == (404, 404)
    assert not Person.objects.filter(email="ida.nygaard@example.org").exists()


def test_an_unknown_invitation_link_is_404(subtests, client, demo_data):
    for case, token in {"unknown": "unknown-token", "huge": "x" * 300, "nul": "%00"}.items():
        with subtests.test(case):
            assert client.get(f"/invitation/{token}/").status_code == 404
            assert client.post(f"/invitation/{token}/").status_code == 404


BAD_ACCEPTANCES = {
    "too-short-password": {"full_name": "Ida", "password": "short"},
    "common-password": {"full_name": "Ida", "password": "password123"},
    "password-like-the-email": {"full_name": "Ida", "password": "ida.nygaard"},
    "no-name": {"full_name": "", "password": "long enough 1"},
    "huge-password": {"full_name": "Ida", "password": "p" * 201},
}


def test_accepting_with_bad_input_is_400_and_creates_nobody(subtests, client, invitation_link):
    for case, data in BAD_ACCEPTANCES.items():
        with subtests.test(case):
            people, memberships = Person.objects.count(), Membership.objects.count()

            response = client.post(invitation_link, data)

            assert response.status_code == 400
            assert Person.objects.count() == people
            assert Membership.objects.count() == memberships
            assert Invitation.objects.get().accepted_at is None
            assert "_auth_user_id" not in client.session


def test_invitations_page_is_404_for_a_non_coordinator(client_for, manager, units):
    mail.outbox.clear()
    response = client_for(manager).post(url("invitations"), {**INVITE, "unit": units["NM"].pk})

    assert response.status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


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
