"""Personal API tokens: authenticating with them, and making and revoking them on the tokens page.

The issue asks for: no token, a wrong token, a revoked token and a token of another organisation.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kvalitet.accounts import services
from kvalitet.accounts.models import ApiToken, Person, hash_token
from kvalitet.organisations.models import Unit


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def token_and_secret(staff: Person) -> tuple[ApiToken, str]:
    return services.api_token_create(person=staff, name="Integration")


@pytest.fixture
def secret(token_and_secret) -> str:
    return token_and_secret[1]


# --- Authenticating with a token ---


def test_token_authenticates_the_person_with_their_memberships(staff, secret):
    response = Client().get("/api/v1/me", **bearer(secret))

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "sagsbehandler@norreby.example"
    assert body["id"] == staff.pk
    assert [(m["organisation"], m["unit_code"], m["role"]) for m in body["memberships"]] == [
        ("norreby", "MT", "staff")
    ]


def test_no_token_is_401_with_a_json_detail(db):
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("Bearer kv_00000000_" + "x" * 43, id="unknown-token"),
        pytest.param("Bearer not-a-kvalitet-token", id="malformed-token"),
        pytest.param("Bearer ", id="empty-token"),
        pytest.param("Bearer kv_" + "a" * 5000, id="oversized-token"),
        pytest.param("Basic a3Y6ZGVtbw==", id="wrong-scheme"),
        pytest.param("Token kv_abc", id="unknown-scheme"),
    ],
)
def test_wrong_or_malformed_token_is_401(db, header):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_token_with_one_character_changed_is_401(secret):
    last = secret[-1]
    tampered = secret[:-1] + ("A" if last != "A" else "B")

    response = Client().get("/api/v1/me", **bearer(tampered))

    assert response.status_code == 401


def test_revoked_token_is_401(staff, token_and_secret):
    token, secret = token_and_secret
    services.api_token_revoke(token=token, by=staff)

    response = Client().get("/api/v1/me", **bearer(secret))

    assert response.status_code == 401
    assert response.json()["detail"]


def test_token_of_a_deactivated_person_is_401(staff, secret):
    Person.objects.filter(pk=staff.pk).update(is_active=False)

    response = Client().get("/api/v1/me", **bearer(secret))

    assert response.status_code == 401


def test_revoked_token_cannot_write(norreby, coordinator):
    token, secret = services.api_token_create(person=coordinator, name="Old")
    services.api_token_revoke(token=token, by=coordinator)
    root = Unit.objects.get(organisation=norreby, code="NK")
    units_before = Unit.objects.count()

    response = Client().post(
        "/api/v1/organisations/norreby/units",
        {"name": "Ny", "code": "NY", "kind": "team", "parent_id": root.pk},
        content_type="application/json",
        **bearer(secret),
    )

    assert response.status_code == 401
    assert Unit.objects.count() == units_before


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/api/v1/organisations/norreby", id="organisation"),
        pytest.param("/api/v1/organisations/norreby/units", id="unit-list"),
        pytest.param("/api/v1/organisations/norreby/units/{unit_id}", id="unit-detail"),
        pytest.param("/api/v1/organisations/norreby/memberships", id="membership-list"),
    ],
)
def test_token_of_another_organisation_gets_404(outsider, unit, path):
    _token, secret = services.api_token_create(person=outsider, name="Solvik")

    response = Client().get(path.format(unit_id=unit.pk), **bearer(secret))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_token_of_another_organisation_cannot_create_units(outsider, unit):
    _token, secret = services.api_token_create(person=outsider, name="Solvik")
    units_before = Unit.objects.count()

    response = Client().post(
        "/api/v1/organisations/norreby/units",
        {"name": "Indbrud", "code": "XX", "kind": "team", "parent_id": unit.pk},
        content_type="application/json",
        **bearer(secret),
    )

    assert response.status_code == 404
    assert Unit.objects.count() == units_before


def test_token_of_another_organisation_still_works_in_its_own(outsider, solvik):
    _token, secret = services.api_token_create(person=outsider, name="Solvik")

    response = Client().get("/api/v1/organisations/solvik/units", **bearer(secret))

    assert response.status_code == 200
    assert {item["code"] for item in response.json()["items"]} >= {"SK", "KLK", "OSF"}


# --- What is stored ---


def _all_text_in_database() -> str:
    """Every value of every table, as one string (the demo database is small)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(chunks)


def test_only_the_hash_of_the_secret_is_stored(token_and_secret):
    token, secret = token_and_secret
    token.refresh_from_db()
    # kv_<hex prefix>_<random>; the random part may itself contain "_".
    random_part = secret.split("_", 2)[2]
    assert len(random_part) >= 40

    assert token.token_hash == hash_token(secret)
    assert secret.startswith(f"kv_{token.prefix}_")
    stored = _all_text_in_database()
    assert token.token_hash in stored
    assert secret not in stored
    assert random_part not in stored


def test_using_a_token_records_when_it_was_last_used(token_and_secret):
    token, secret = token_and_secret
    assert token.last_used_at is None
    before = timezone.now()

    Client().get("/api/v1/me", **bearer(secret))

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_at >= before


def test_last_used_is_written_at_most_once_a_minute(token_and_secret):
    token, secret = token_and_secret
    recent = timezone.now() - timezone.timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)

    Client().get("/api/v1/me", **bearer(secret))

    token.refresh_from_db()
    assert token.last_used_at == recent


# --- The tokens page ---

TOKENS_URL = "/accounts/me/tokens/"


def test_tokens_page_requires_sign_in(db):
    response = Client().get(TOKENS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_creating_a_token_shows_the_secret_once(client_for, staff):
    client = client_for(staff)

    response = client.post(TOKENS_URL, {"name": "Rapportering"})

    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("kv_")
    assert f'<code id="new-token">{secret}</code>' in response.text
    token = ApiToken.objects.get(person=staff)
    assert token.name == "Rapportering"
    assert token.token_hash == hash_token(secret)
    # The secret works, and the page never shows it again.
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 200
    again = client.get(TOKENS_URL)
    assert secret not in again.text
    assert "Rapportering" in again.text


def test_the_tokens_page_lists_only_own_tokens(client_for, staff, coordinator):
    services.api_token_create(person=coordinator, name="Koordinatorens integration")
    services.api_token_create(person=staff, name="Min integration")

    response = client_for(staff).get(TOKENS_URL)

    assert response.status_code == 200
    assert "Min integration" in response.text
    assert "Koordinatorens integration" not in response.text


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="only-spaces"),
        pytest.param("x" * 101, id="101-characters"),
    ],
)
def test_bad_token_name_is_400_and_creates_nothing(client_for, staff, name):
    response = client_for(staff).post(TOKENS_URL, {"name": name})

    assert response.status_code == 400
    assert response.context["secret"] is None
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.filter(person=staff).exists()


def test_token_name_of_100_characters_is_accepted(client_for, staff):
    response = client_for(staff).post(TOKENS_URL, {"name": "x" * 100})

    assert response.status_code == 200
    assert ApiToken.objects.get(person=staff).name == "x" * 100


def test_too_many_active_tokens_is_409(client_for, staff):
    for number in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_create(person=staff, name=f"Token {number}")

    response = client_for(staff).post(TOKENS_URL, {"name": "One too many"})

    assert response.status_code == 409
    assert response.context["secret"] is None
    assert ApiToken.objects.filter(person=staff).count() == services.MAX_ACTIVE_TOKENS


def revoke_url(token: ApiToken) -> str:
    return reverse("accounts:token_revoke", kwargs={"token_id": token.pk})


def test_revoking_a_token_stops_it_working(client_for, staff, token_and_secret):
    token, secret = token_and_secret

    response = client_for(staff).post(revoke_url(token))

    assert response.status_code == 302
    assert response["Location"] == TOKENS_URL
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 401


def test_revoking_twice_is_409_and_keeps_the_first_revocation(client_for, staff, token_and_secret):
    token, _secret = token_and_secret
    client = client_for(staff)
    client.post(revoke_url(token))
    token.refresh_from_db()
    first_revocation = token.revoked_at

    response = client.post(revoke_url(token))

    assert response.status_code == 409
    token.refresh_from_db()
    assert token.revoked_at == first_revocation


def test_revoking_someone_elses_token_is_404_and_leaves_it_working(
    client_for, coordinator, token_and_secret
):
    token, secret = token_and_secret  # the staff member's

    response = client_for(coordinator).post(revoke_url(token))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 200


def test_revoking_needs_post(client_for, staff, token_and_secret):
    token, _secret = token_and_secret

    response = client_for(staff).get(revoke_url(token))

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("path", ["units/{huge}", "units?limit={huge}", "units?offset={huge}"])
def test_numbers_beyond_64_bits_are_refused_not_a_500(coordinator, client_for, path):
    client = client_for(coordinator)
    huge = 2**70
    response = client.get("/api/v1/organisations/norreby/" + path.format(huge=huge))
    assert response.status_code in (404, 422)
    assert "detail" in response.json()
