"""Signing in, the lockout after failed attempts, resetting a password and one's own settings."""

import re

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.core import mail
from django.test import Client

from kvalitet.accounts.models import Person

LOGIN = "/accounts/login/"
PROFILE = "/accounts/me/"
RESET = "/accounts/password-reset/"
RESET_SENT = "/accounts/password-reset/sent/"


@pytest.fixture(autouse=True)
def no_failed_attempts(db):
    """Each test starts without lockouts (the database rolls back too; this makes it explicit)."""
    axes_reset()
    yield
    axes_reset()


def sign_in(client: Client, email: str, password: str, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- Signing in ---


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("koordinator@norreby.example", id="as-stored"),
        pytest.param("Koordinator@Norreby.Example", id="mixed-case"),
        pytest.param("  KOORDINATOR@NORREBY.EXAMPLE ", id="upper-case-with-spaces"),
    ],
)
def test_sign_in_with_email_and_password_leads_to_own_organisation(coordinator, email):
    client = Client()

    response = sign_in(client, email, "demo", follow=True)

    assert response.redirect_chain[-1] == ("/o/norreby/", 302)
    assert response.status_code == 200
    assert int(client.session["_auth_user_id"]) == coordinator.pk


def test_wrong_password_is_400_with_a_message(coordinator):
    client = Client()

    response = sign_in(client, "koordinator@norreby.example", "wrong")

    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert errors
    assert errors[0] in response.content.decode()
    assert not is_signed_in(client)


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(coordinator):
    wrong_password = sign_in(Client(), "koordinator@norreby.example", "wrong")
    unknown = sign_in(Client(), "nobody@norreby.example", "wrong")

    assert unknown.status_code == wrong_password.status_code == 400
    assert (
        unknown.context["form"].non_field_errors()
        == wrong_password.context["form"].non_field_errors()
    )


def test_deactivated_person_cannot_sign_in(staff):
    Person.objects.filter(pk=staff.pk).update(is_active=False)
    client = Client()

    response = sign_in(client, staff.email, "demo")

    assert response.status_code == 400
    assert not is_signed_in(client)


def test_sign_in_does_not_follow_a_next_address_to_another_site(coordinator):
    response = Client().post(
        LOGIN,
        {
            "username": "koordinator@norreby.example",
            "password": "demo",
            "next": "https://evil.example/",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_in_follows_a_local_next_address(coordinator):
    response = Client().post(
        LOGIN,
        {"username": "koordinator@norreby.example", "password": "demo", "next": "/accounts/me/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"


# --- Lockout (django-axes) ---

LOCKOUT_TEXT = "Too many failed sign-in attempts"


def test_lockout_after_the_failure_limit_refuses_even_the_right_password(coordinator):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    email = "koordinator@norreby.example"

    statuses = [sign_in(client, email, f"wrong-{n}").status_code for n in range(4)]
    assert statuses == [400, 400, 400, 400]
    fifth = sign_in(client, email, "wrong-5")
    sixth = sign_in(client, email, "demo")

    assert fifth.status_code == 429
    assert sixth.status_code == 429
    assert LOCKOUT_TEXT in sixth.content.decode()
    assert "accounts/locked_out.html" in [t.name for t in sixth.templates]
    assert not is_signed_in(client)


def test_four_failures_then_the_right_password_signs_in_and_clears_the_count(coordinator):
    client = Client()
    email = "koordinator@norreby.example"
    for n in range(4):
        sign_in(client, email, f"wrong-{n}")

    response = sign_in(client, email, "demo")

    assert response.status_code == 302
    assert is_signed_in(client)
    # AXES_RESET_ON_SUCCESS: the count starts again after a good sign-in.
    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()


def test_lockout_cannot_be_dodged_by_changing_the_case_of_the_email(coordinator):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "koordinator@norreby.example", f"wrong-{n}")

    response = sign_in(client, "KOORDINATOR@norreby.example", "demo")

    assert response.status_code == 429
    assert not is_signed_in(client)


def test_lockout_of_one_person_does_not_lock_out_another(coordinator, manager):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "koordinator@norreby.example", f"wrong-{n}")
    client = Client()

    response = sign_in(client, "leder@norreby.example", "demo")

    assert response.status_code == 302
    assert is_signed_in(client)


# --- Password reset ---


def _reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password-reset/[^\s\"<]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_sends_one_mail_with_a_working_link(staff):
    response = Client().post(RESET, {"email": "Sagsbehandler@Norreby.example"})

    assert response.status_code == 302
    assert response["Location"] == RESET_SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sagsbehandler@norreby.example"]
    link = _reset_link(message)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert link in html

    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "Nyt-kodeord-til-jonas-2026"
    done = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )

    assert done.status_code == 302
    assert done["Location"] == "/accounts/password-reset/done/"
    staff.refresh_from_db()
    assert staff.check_password(new_password)
    assert not staff.check_password("demo")
    assert sign_in(Client(), staff.email, new_password).status_code == 302
    # The link is used up.
    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_with_a_weak_password_is_refused(staff):
    Client().post(RESET, {"email": staff.email})
    client = Client()
    set_password_url = client.get(_reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})

    assert response.status_code == 200
    assert response.context["form"].errors
    staff.refresh_from_db()
    assert staff.check_password("demo")


def test_password_reset_for_an_unknown_email_sends_nothing_and_looks_the_same(staff):
    known = Client().post(RESET, {"email": staff.email}, follow=True)
    mail.outbox.clear()

    unknown = Client().post(RESET, {"email": "nobody@norreby.example"}, follow=True)

    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain == [(RESET_SENT, 302)]
    assert unknown.status_code == known.status_code == 200
    assert [t.name for t in unknown.templates] == [t.name for t in known.templates]


def test_password_reset_link_with_a_forged_token_does_not_work(staff):
    Client().post(RESET, {"email": staff.email})
    link = _reset_link(mail.outbox[0])
    uid = link.split("/")[3]

    response = Client().get(f"/accounts/password-reset/{uid}/abc-forged/", follow=True)

    assert response.context["validlink"] is False


# --- Own settings ---


def test_profile_change_of_name_and_language_applies_to_later_pages(client_for, staff):
    client = client_for(staff)

    response = client.post(PROFILE, {"full_name": "Jonas B. Dahl", "language": "sv"})

    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.full_name, staff.language) == ("Jonas B. Dahl", "sv")
    page = client.get("/o/norreby/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="sv">' in html
    assert "Mina inställningar" in html  # "My settings" in Swedish
    assert "Jonas B. Dahl" in html


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"full_name": "Jonas Dahl", "language": "xx"}, id="unknown-language"),
        pytest.param({"full_name": "Jonas Dahl", "language": "de"}, id="unsupported-language"),
        pytest.param({"full_name": "", "language": "sv"}, id="empty-name"),
        pytest.param({"full_name": "x" * 201, "language": "sv"}, id="name-too-long"),
    ],
)
def test_invalid_profile_change_is_400_and_changes_nothing(client_for, staff, data):
    response = client_for(staff).post(PROFILE, data)

    assert response.status_code == 400
    assert response.context["form"].errors
    staff.refresh_from_db()
    assert (staff.full_name, staff.language) == ("Jonas Dahl", "")


def test_profile_requires_sign_in(db):
    response = Client().post(PROFILE, {"full_name": "Hacker", "language": "sv"})

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
