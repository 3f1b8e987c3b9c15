"""Switching the interface language in a real browser: with JavaScript the menu changes the
language by itself; without it, the button does. The page says its new language."""

import pytest


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_citizen_switches_the_portal_from_danish_to_swedish_and_english(
    browsing, report, javascript
):
    report.journeys.add("language")
    page = browsing.page(javascript=javascript)
    page.goto("/p/norreby/")
    assert page.locator("html").get_attribute("lang") == "da"
    button = page.locator("form.kv-language button[type=submit]")
    danish = button.inner_text()

    for language in ("sv", "en", "da"):
        select = page.locator("select.kv-language-select")
        if javascript:
            with page.expect_navigation():
                select.select_option(language)
        else:
            select.select_option(language)
            with page.expect_navigation():
                page.locator("form.kv-language button[type=submit]").click()
        assert page.url.endswith("/p/norreby/"), page.url
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("select.kv-language-select").input_value() == language
        if language != "da":
            assert button.inner_text() != danish
    assert button.inner_text() == danish
