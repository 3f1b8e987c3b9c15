"""The inbox and the case page make the same number of queries at 3 and at 30 cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitet import access
from kvalitet.feedback import services
from kvalitet.feedback.models import FeedbackCase
from kvalitet.feedback.tests.factories import make_case


def _fill(norreby, coordinator, count):
    FeedbackCase.objects.filter(organisation=norreby).delete()
    scope = access.scope_for(coordinator, norreby)
    cases = [make_case(norreby, subject=f"Sag {i}")[0] for i in range(count)]
    for case in cases:
        services.case_note_add(scope=scope, case=case, text="note", by=coordinator)
    return cases


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("person", ["coordinator", "staff"])
def test_inbox_queries_do_not_grow_with_the_cases(
    request, client_for, norreby, coordinator, person
):
    client = client_for(request.getfixturevalue(person))
    url = reverse("feedback:inbox", kwargs={"org_slug": "norreby"})
    _fill(norreby, coordinator, 3)
    few = _queries(client, url)
    _fill(norreby, coordinator, 30)
    many = _queries(client, url)
    assert few == many
    assert many <= 12


def test_case_page_queries_do_not_grow_with_notes_or_history(client_for, norreby, coordinator):
    client = client_for(coordinator)
    scope = access.scope_for(coordinator, norreby)
    case = _fill(norreby, coordinator, 1)[0]
    url = reverse("feedback:case", kwargs={"org_slug": "norreby", "case_id": case.pk})
    for _ in range(2):
        services.case_note_add(scope=scope, case=case, text="n", by=coordinator)
    few = _queries(client, url)
    for _ in range(27):
        services.case_note_add(scope=scope, case=case, text="n", by=coordinator)
    many = _queries(client, url)
    assert few == many
    assert many <= 22
