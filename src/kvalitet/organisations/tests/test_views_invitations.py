"""The organisation's staff pages: invitations, sent by mail and accepted through their link."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from kvalitet.accounts.models import Person, hash_token
from kvalitet.organisations.models import Invitation, Membership
from kvalitet.organisations.tests.view_helpers import url

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
