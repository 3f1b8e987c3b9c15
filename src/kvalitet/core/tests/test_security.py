"""Security headers, a nonce-based Content Security Policy without inline script, and the
production settings: `check --deploy` clean, and no start without a real SECRET_KEY."""

import os
import re
import secrets
import string
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

SRC_DIR = Path(__file__).resolve().parents[3]


class _Tags(HTMLParser):
    """Collects <script> tags with their bodies, and every attribute of every tag."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if tag == "script":
            self._in_script = {"attrs": dict(attrs), "body": ""}
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script["body"] += data


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _nonce(response) -> str:
    [nonce_source] = [s for s in csp_directives(response)["script-src"] if s.startswith("'nonce-")]
    return nonce_source.removeprefix("'nonce-").removesuffix("'")


@pytest.fixture
def page(client_for, staff):
    """GET a page anonymously or as a Nørreby staff member."""

    def get(path: str, *, signed_in: bool):
        client = client_for(staff) if signed_in else Client()
        return client.get(path)

    return get


PAGES = [
    pytest.param("/p/norreby/", False, 200, id="portal"),
    pytest.param("/accounts/login/", False, 200, id="login"),
    pytest.param("/accounts/password-reset/", False, 200, id="password-reset"),
    pytest.param("/p/unknown/", False, 404, id="not-found"),
    pytest.param("/o/norreby/", True, 200, id="staff-start"),
    pytest.param("/o/norreby/units/", True, 200, id="staff-units"),
    pytest.param("/accounts/me/tokens/", True, 200, id="staff-tokens"),
]


@pytest.mark.parametrize(("path", "signed_in", "status"), PAGES)
def test_page_has_security_headers_and_a_nonce_policy_that_its_scripts_follow(
    page, path, signed_in, status
):
    response = page(path, signed_in=signed_in)

    assert response.status_code == status
    # Headers
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # The policy: scripts from us with this response's nonce, nothing inline.
    policy = response["Content-Security-Policy"]
    directives = csp_directives(response)
    nonce = _nonce(response)
    assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    # The page keeps to it.
    html = response.content.decode()
    tags = parse(html)
    assert tags.scripts, "the layout loads its scripts on every page"
    for script in tags.scripts:
        assert script["attrs"].get("nonce") == nonce
        assert script["attrs"].get("src", "").startswith("/static/")
        assert script["body"].strip() == ""
    # No inline event handlers, javascript: links or inline styles (style-src is 'self' only).
    for tag, name, value in tags.attributes:
        assert not name.startswith("on"), f"<{tag} {name}=…>"
        assert name != "style", f"<{tag} style=…>"
        assert not (value or "").strip().lower().startswith("javascript:"), f"<{tag} {name}=…>"
    assert "<style" not in html


def test_the_nonce_is_new_on_every_request(demo_data):
    first = Client().get("/p/norreby/")
    second = Client().get("/p/norreby/")

    assert _nonce(first) != _nonce(second)


def test_api_answers_carry_the_security_headers(db):
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


# --- Production settings ---


def _run_production(secret_key: str | None, *arguments: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith("SECURE_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kvalitet.settings_production",
        ALLOWED_HOSTS="kvalitet.example.org",
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC_DIR), env.get("PYTHONPATH")])),
    )
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    return subprocess.run(
        [sys.executable, "-m", "kvalitet", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _random_key(length: int) -> str:
    alphabet = string.ascii_letters + string.digits + "!#%&()*+,-./:;<=>?@[]^_{|}~"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def test_deploy_check_is_clean_with_production_settings():
    result = _run_production(_random_key(64), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param(_random_key(20), id="too-short"),
        pytest.param("dev-only-insecure-key-never-use-in-production-kvalitet-0000", id="dev-key"),
    ],
)
def test_production_settings_refuse_to_start_without_a_real_secret_key(secret_key):
    result = _run_production(secret_key, "check")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert re.search(r"ImproperlyConfigured", result.stderr)
