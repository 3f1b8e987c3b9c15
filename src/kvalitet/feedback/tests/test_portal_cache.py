"""The public form and summary are cached fragments (kvalitet.portal.cache): the coordinator's
topics show at once, the summary is at most SUMMARY_SECONDS old, and the tokens that must be
new in every response (CSRF, the form's time token) are."""

import re
import time
from types import SimpleNamespace

import pytest
from django.core.cache.backends import locmem
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitet import access
from kvalitet.feedback import services_setup, views_public
from kvalitet.feedback.models import Topic
from kvalitet.feedback.tests.factories import make_case

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TIME = re.compile(r'name="form_time" value="([^"]+)"')
COUNT = re.compile(r"(\d+) (?:henvendelse|henvendelser)\b")


def form_url(slug="norreby"):
    return reverse("feedback_portal:form", kwargs={"org_slug": slug})


def summary_url(slug="norreby"):
    return reverse("feedback_portal:summary", kwargs={"org_slug": slug})


def html_of(url: str, client: Client | None = None) -> str:
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_topic_and_a_hidden_topic_show_on_the_next_request(norreby, coordinator):
    scope = access.scope_for(coordinator, norreby)
    shown = Topic.objects.filter(organisation=norreby, is_active=True).first()
    assert shown.name in html_of(form_url())

    services_setup.topic_save(scope=scope, topic=None, by=coordinator, name="Vejbump og skilte")
    services_setup.topic_save(scope=scope, topic=shown, by=coordinator, is_active=False)

    html = html_of(form_url())
    assert "Vejbump og skilte" in html
    assert f">{shown.name}<" not in html


def test_the_cached_form_has_new_tokens_and_its_csrf_token_is_accepted(norreby, submission):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    html_of(form_url(), first)  # renders and stores the fragments
    cached = html_of(form_url(), second)
    again = html_of(form_url(), second)

    assert CSRF.findall(cached)
    assert CSRF.findall(cached) != CSRF.findall(again)
    assert FORM_TIME.search(cached)
    # The token in the cached page is this client's: a post with it passes the CSRF check.
    response = second.post(
        form_url(), {**submission(subject=""), "csrfmiddlewaretoken": CSRF.findall(again)[-1]}
    )
    assert response.status_code == 400


def test_a_form_with_errors_is_not_the_cached_empty_form(client, norreby, submission):
    client.get(form_url())

    response = client.post(form_url(), submission(subject="", text="Min tekst bliver her."))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Min tekst bliver her." in html
    assert "<altcha-widget" in html
    assert html.count('name="form_time"') == 1


def test_the_summary_is_cached_for_a_few_minutes(norreby, monkeypatch):
    count = int(COUNT.search(html_of(summary_url())).group(1))

    make_case(norreby)

    assert int(COUNT.search(html_of(summary_url())).group(1)) == count
    later = time.time() + views_public.SUMMARY_SECONDS + 1
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))
    assert int(COUNT.search(html_of(summary_url())).group(1)) == count + 1


@pytest.mark.parametrize("rows", [3, 30])
def test_summary_queries_do_not_grow_with_the_cases(norreby, rows):
    for _ in range(rows):
        make_case(norreby)

    for expected in (2, 1):  # the organisation and the statistics; then the organisation only
        with CaptureQueriesContext(connection) as captured:
            html_of(summary_url())
        assert len(captured.captured_queries) == expected
