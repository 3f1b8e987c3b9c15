"""The browser suites: a live server with the demo data, and Debian's Chromium through Playwright.

These tests run only when asked for, because they need a browser: `make test-browser` (which
installs Chromium with apt-get when it is missing), `KVALITET_E2E=1 pytest`, or naming this
folder on the command line. `make test` and CI's two database runs leave them out; CI runs them
once more on their own (see .ci/run).

The browser is Debian's `chromium`, started with `executable_path`; Playwright never downloads
one. axe-core comes from npm (node_modules) and is evaluated in the page through the DevTools
protocol, so the page's strict Content Security Policy stays as it is.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from kvalitet.accounts.models import Person

HERE = Path(__file__).resolve().parent
PROJECT_DIR = Path(settings.PROJECT_DIR)
BUILD_DIR = PROJECT_DIR / "build"
SCREENSHOTS = BUILD_DIR / "screenshots"
# One report per xdist worker (each runs its own browser).
REPORT = BUILD_DIR / f"e2e-report-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
CHROMIUM = os.environ.get("KVALITET_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _asked_for(config) -> bool:
    if os.environ.get("KVALITET_E2E") == "1":
        return True
    return any(str(HERE) in str(Path(arg.split("::")[0]).resolve()) for arg in config.args)


def pytest_ignore_collect(collection_path, config):
    if collection_path.is_relative_to(HERE) and collection_path.name.startswith("test_"):
        return not _asked_for(config)
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/ensure-browser.sh"
    # Playwright's synchronous API runs an event loop in the test thread; the ORM calls made
    # here are ordinary blocking ones, which Django would otherwise refuse inside a running loop.
    # Set only while the browser runs, so no other test (or its subprocesses) inherits it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield chromium
        finally:
            chromium.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `make setup` (npm ci)"
    return AXE_JS.read_text()


@dataclass
class Report:
    """What the suites checked, written to build/e2e-report.json for the closing note."""

    pages: set[str] = field(default_factory=set)
    axe_runs: int = 0
    screenshots: int = 0
    journeys: set[str] = field(default_factory=set)

    def save(self) -> None:
        BUILD_DIR.mkdir(exist_ok=True)
        REPORT.write_text(
            json.dumps(
                {
                    "pages_checked_by_axe": len(self.pages),
                    "axe_runs": self.axe_runs,
                    "screenshots": self.screenshots,
                    "journeys": sorted(self.journeys),
                    "pages": sorted(self.pages),
                },
                indent=2,
            )
        )


@pytest.fixture(scope="session")
def report() -> Iterator[Report]:
    collected = Report()
    yield collected
    collected.save()


@pytest.fixture
def site(live_server, demo_data):
    """The live server's base address, with every app's demo data loaded."""
    return live_server.url


class Browsing:
    """Opens pages as a person (or a citizen), in a language, with or without JavaScript, and
    fails the test on a Content Security Policy violation or a script error."""

    def __init__(self, browser, base_url: str, axe_source: str, report: Report):
        self.browser = browser
        self.base_url = base_url
        self.axe_source = axe_source
        self.report = report
        self.contexts = []
        self.problems: list[str] = []

    def page(
        self,
        person: Person | None = None,
        *,
        language: str | None = None,
        javascript: bool = True,
        viewport: dict | None = None,
    ):
        context = self.browser.new_context(
            base_url=self.base_url,
            java_script_enabled=javascript,
            viewport=viewport or DESKTOP,
            locale={"da": "da-DK", "sv": "sv-SE"}.get(language or "", "en-GB"),
        )
        self.contexts.append(context)
        cookies = []
        if person is not None:
            client = Client()
            client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append(self._cookie(settings.SESSION_COOKIE_NAME, session))
        if language:
            cookies.append(self._cookie(settings.LANGUAGE_COOKIE_NAME, language))
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        return page

    def _cookie(self, name: str, value: str) -> dict:
        return {"name": name, "value": value, "url": self.base_url, "sameSite": "Lax"}

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def axe(self, page, label: str) -> list[str]:
        """Run axe-core at WCAG 2.1 A and AA; return the violations as readable lines."""
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)
        result = page.evaluate(
            "async (tags) => await window.axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        self.report.axe_runs += 1
        self.report.pages.add(label)
        lines = []
        for violation in result["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            lines.append(f"{label}: {violation['id']} ({violation['impact']}) at {targets}")
        return lines

    def screenshot(self, page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=str(path), full_page=True)
        self.report.screenshots += 1
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser, site, axe_source, report) -> Iterator[Browsing]:
    session = Browsing(browser, site, axe_source, report)
    yield session
    session.close()
    assert session.problems == [], "\n".join(session.problems)
