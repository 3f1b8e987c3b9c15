"""The security headers and cookies, asserted on a public portal page and a staff page.

Development and test settings send everything except what only makes sense over HTTPS; the
production settings (loaded here as they are) add HSTS and secure cookies.
"""

import importlib
import sys

import pytest
from django.conf import settings
from django.test import Client

from kvalitet.core.middleware import PERMISSIONS_POLICY
from kvalitet.core.tests.test_security import csp_directives, parse

PORTAL = "/p/norreby/"
STAFF = "/o/norreby/units/"
PRODUCTION_NAMES = (
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_AGE",
)


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings of kvalitet.settings_production, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    sys.modules.pop("kvalitet.settings_production", None)
    module = importlib.import_module("kvalitet.settings_production")
    try:
        for name in PRODUCTION_NAMES:
            setattr(settings, name, getattr(module, name))
    finally:
        sys.modules.pop("kvalitet.settings_production", None)
    return module


def _get(client: Client, path: str, **extra):
    return client.get(path, **extra)


def _pages(client_for, coordinator):
    staff_client = client_for(coordinator)
    return {"portal": (Client(), PORTAL), "staff": (staff_client, STAFF)}


@pytest.mark.parametrize("kind", ["portal", "staff"])
def test_page_headers(kind, client_for, coordinator):
    client, path = _pages(client_for, coordinator)[kind]

    response = _get(client, path)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in response["Permissions-Policy"]
    directives = csp_directives(response)
    assert directives["script-src"][0] == "'self'"
    assert [s for s in directives["script-src"][1:] if not s.startswith("'nonce-")] == []
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert all(not s["body"].strip() for s in parse(response.content.decode()).scripts)
    # Not over HTTPS in development: no HSTS (a browser would remember it for the host).
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("kind", ["portal", "staff"])
def test_production_headers_over_https(kind, production, client_for, coordinator):
    client, path = _pages(client_for, coordinator)[kind]

    plain = _get(client, path)
    response = _get(client, path, headers={"X-Forwarded-Proto": "https"})

    # Plain HTTP is sent to HTTPS; over HTTPS the browser is told to stay there for a year.
    assert plain.status_code == 301
    assert plain["Location"] == f"https://testserver{path}"
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")
    assert "includeSubDomains" in hsts
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_production_cookies_are_secure_httponly_and_samesite(production, coordinator, norreby):
    """Signing in, the CSRF token and the language choice: every cookie is locked down."""
    client = Client()
    https = {"headers": {"X-Forwarded-Proto": "https"}}
    login_page = client.get("/accounts/login/", **https)
    assert login_page.status_code == 200
    response = client.post(
        "/accounts/login/",
        {"username": coordinator.email, "password": "demo"},
        **https,
    )
    assert response.status_code == 302, response.content[:500]
    language = client.post("/i18n/setlang/", {"language": "sv", "next": STAFF}, **https)
    assert language.status_code == 302

    cookies = client.cookies
    names = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    names.add(settings.LANGUAGE_COOKIE_NAME)
    assert names <= set(cookies), set(cookies)
    for name in names:
        morsel = cookies[name]
        assert morsel["secure"], name
        assert morsel["httponly"], name
        assert morsel["samesite"] == "Lax", name
    # The session lasts a working day, not Django's default two weeks.
    assert int(cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == 10 * 60 * 60


def test_development_cookies_are_httponly_and_samesite(coordinator, norreby):
    client = Client()
    client.get("/accounts/login/")
    client.post("/accounts/login/", {"username": coordinator.email, "password": "demo"})
    client.post("/i18n/setlang/", {"language": "sv", "next": STAFF})

    for name in (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    ):
        assert client.cookies[name]["httponly"], name
        assert client.cookies[name]["samesite"] == "Lax", name


def test_api_answers_carry_permissions_policy(db):
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
