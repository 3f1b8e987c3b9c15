"""The feedback journey in a real browser: a citizen writes a complaint with the keyboard only
(every stop showing its focus), passes the proof-of-work check, keeps the status link; a case
handler answers; the citizen reads the answer by the link, also without JavaScript."""

import re

from django.apps import apps

from kvalitet.accounts.models import Person
from kvalitet.e2e.conftest import PHONE

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return outline || shadow;
}"""


def _tab_to(page, selector: str, focus_problems: list, limit: int = 60) -> None:
    """Press Tab until `selector` has the focus, checking each stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            if not page.evaluate(FOCUS_VISIBLE):
                focus_problems.append(selector)
            return
        if not page.evaluate(FOCUS_VISIBLE):
            focus_problems.append(page.evaluate("() => document.activeElement.outerHTML")[:120])
    raise AssertionError(f"Tab never reached {selector}")


def test_citizen_complains_and_follows_it_and_a_case_handler_answers(browsing, report):
    report.journeys.add("feedback")
    coordinator = Person.objects.get(email="koordinator@norreby.example")
    focus_problems: list = []
    citizen = browsing.page(viewport=PHONE, language="da")

    # The citizen writes, with the keyboard only.
    citizen.goto("/p/norreby/feedback/")
    assert citizen.locator("html").get_attribute("lang") == "da"
    violations = browsing.axe(citizen, "da journey feedback form")
    _tab_to(citizen, "input[name=kind]", focus_problems)
    citizen.keyboard.press("Space")
    _tab_to(citizen, "input[name=subject]", focus_problems)
    citizen.keyboard.type("Hullet på stien ved søen")
    _tab_to(citizen, "textarea[name=text]", focus_problems)
    citizen.keyboard.type("Stien langs Nørresø har et stort hul. Det er farligt for cyklister.")
    _tab_to(citizen, "input[name=contact_email]", focus_problems)
    citizen.keyboard.type("borger@example.org")
    # The check against robots: ticked with the space bar, solved by the browser.
    _tab_to(citizen, "altcha-widget input[type=checkbox]", focus_problems)
    citizen.keyboard.press("Space")
    citizen.wait_for_function(
        "() => { const i = document.querySelector('input[name=altcha]');"
        " return i && i.value.length > 10; }",
        timeout=60_000,
    )
    citizen.wait_for_timeout(3_000)  # the form refuses what is sent within 3 seconds
    _tab_to(citizen, "form button[type=submit]", focus_problems)
    citizen.keyboard.press("Enter")
    citizen.wait_for_url(re.compile(r"/feedback/received/"))

    assert focus_problems == [], focus_problems
    reference = citizen.locator(".kv-reference").inner_text().strip()
    assert reference
    violations += browsing.axe(citizen, "da journey feedback receipt")
    browsing.screenshot(citizen, "journey-feedback-receipt-phone")
    citizen.get_by_role("link", name=re.compile("status", re.I)).click()
    citizen.wait_for_url(re.compile(r"/feedback/status/"))
    status_url = citizen.url
    assert "Hullet på stien ved søen" in citizen.content()
    violations += browsing.axe(citizen, "da journey feedback status")

    # A case handler answers it.
    case = apps.get_model("feedback", "FeedbackCase").objects.get(reference=reference)
    handler = browsing.page(coordinator)
    handler.goto("/o/norreby/feedback/")
    assert reference in handler.content()
    handler.goto(f"/o/norreby/feedback/cases/{case.pk}/")
    violations += browsing.axe(handler, "da journey feedback case")
    handler.locator("textarea[name=answer]").fill("Tak. Vi reparerer stien i næste uge.")
    handler.get_by_role("button", name=re.compile("svar", re.I)).last.click()
    handler.wait_for_load_state()
    assert "Tak. Vi reparerer stien i næste uge." in handler.content()

    # The citizen reads the answer by the link, without JavaScript too.
    citizen.goto(status_url)
    assert "Tak. Vi reparerer stien i næste uge." in citizen.content()
    reading = browsing.page(javascript=False, language="da")
    reading.goto(status_url)
    assert "Tak. Vi reparerer stien i næste uge." in reading.content()
    assert reference in reading.content()
    browsing.screenshot(reading, "journey-feedback-status-nojs-desktop")

    assert violations == [], "\n".join(violations)
