"""The settings a new case is routed and timed by, kept in the process: read once, read again in
every process once a set-up service raised the organisation's version, changed behind the
services' back only after `arrival.SECONDS`; and what a public submission costs with them kept."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kvalitet import access
from kvalitet.feedback import arrival, services_setup
from kvalitet.feedback.models import FeedbackCase, RoutingRule, Topic
from kvalitet.feedback.tests.test_public_form import form_url
from kvalitet.organisations.models import Organisation, Unit


def test_read_once_for_the_organisation_then_kept(norreby, solvik, django_assert_num_queries):
    with django_assert_num_queries(4):  # routing rules, topics, deadline rules, closing days
        settings = arrival.for_organisation(norreby)
    with django_assert_num_queries(0):
        assert arrival.for_organisation(norreby) is settings
    assert {topic.organisation_id for topic in settings.topics.values()} == {norreby.pk}
    assert arrival.for_organisation(solvik) is not settings


def test_a_coordinators_change_applies_to_the_next_case_at_once(norreby, coordinator):
    scope = access.scope_for(coordinator, norreby)
    before = arrival.for_organisation(norreby)
    unit = Unit.objects.get(organisation=norreby, code="BP")
    services_setup.routing_rule_save(
        scope=scope, rule=None, by=coordinator, position=0, words="cykel", unit=unit
    )
    services_setup.closing_day_add(
        scope=scope, day=datetime.date(2030, 5, 31), reason="Fridag", by=coordinator
    )
    topic = services_setup.topic_save(scope=scope, topic=None, by=coordinator, name="Cykelstier")
    after = arrival.for_organisation(norreby)
    assert after is not before
    assert "cykel" in {rule.words for rule in after.routing}
    assert datetime.date(2030, 5, 31) in after.closing_days
    assert topic.pk in after.topics


def test_another_process_reads_again_once_the_version_is_raised(norreby, coordinator):
    scope = access.scope_for(coordinator, norreby)
    stale = arrival.for_organisation(norreby)
    other_process_copy = arrival._copies[norreby.pk]
    services_setup.closing_day_add(
        scope=scope, day=datetime.date(2030, 5, 31), reason="Fridag", by=coordinator
    )
    arrival._copies[norreby.pk] = other_process_copy  # `forget` reaches this process only
    next_request = Organisation.objects.get(pk=norreby.pk)  # as the middleware loads it
    assert next_request.portal_version > norreby.portal_version
    fresh = arrival.for_organisation(next_request)
    assert fresh is not stale
    assert datetime.date(2030, 5, 31) in fresh.closing_days


def test_a_change_behind_the_services_back_shows_when_the_copy_expires(norreby):
    now = time.monotonic()
    kept = arrival.for_organisation(norreby, now=now)
    RoutingRule.objects.filter(organisation=norreby).delete()
    assert arrival.for_organisation(norreby, now=now + arrival.SECONDS - 1) is kept
    assert arrival.for_organisation(norreby, now=now + arrival.SECONDS + 1).routing == ()


def test_an_inactive_or_unknown_topic_is_refused_by_the_form(client, norreby, submission):
    topic = Topic.objects.filter(organisation=norreby, is_active=True).first()
    Topic.objects.filter(pk=topic.pk).update(is_active=False)
    arrival.forget_all()
    for value in (str(topic.pk), "999999", "x"):
        response = client.post(form_url(), submission(topic=value))
        assert response.status_code == 400
    assert not FeedbackCase.objects.filter(subject="Støj om natten").exists()


def test_a_submission_writes_and_reads_only_what_it_must(client, norreby, submission):
    """With the organisation's settings kept, a submission is one read and seven writes (the
    receipt is rendered by the worker, not in the request)."""
    topic = Topic.objects.filter(organisation=norreby, is_active=True).first()
    client.get(form_url())  # the form is read before it is sent
    client.post(form_url(), submission(subject="Første"))  # content types are cached after one
    with CaptureQueriesContext(connection) as queries:
        response = client.post(form_url(), submission(topic=str(topic.pk)))
    assert response.status_code == 302
    statements = [
        q["sql"].split()[0] + " " + _table(q["sql"])
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    assert statements == [
        "SELECT organisations_organisation",  # the organisation of the address (middleware)
        "INSERT core_ratelimitbucket",  # one token from the client's bucket
        "INSERT feedback_referencecounter",  # the next reference number
        "INSERT feedback_feedbackcase",
        "INSERT feedback_historicalfeedbackcase",  # the case's history
        "INSERT activity_activityentry",  # the activity log
        # The receipt's task (the test settings run it at once: in production its row is
        # inserted here and the worker reads the case and renders the mail afterwards).
        "SELECT feedback_feedbackcase",
        "INSERT feedback_casemail",  # the receipt, queued in the same transaction
    ]
    assert FeedbackCase.objects.get(subject="Støj om natten").topic == topic


def _table(sql: str) -> str:
    words = sql.replace('"', "").split()
    keyword = "FROM" if words[0] == "SELECT" else "INTO"
    return words[words.index(keyword) + 1]


def test_a_refused_case_leaves_a_gap_and_no_number_is_given_twice(norreby):
    from kvalitet.core.errors import Conflict
    from kvalitet.feedback import services

    def receive(nonce):
        return services.case_receive(
            organisation=norreby,
            kind="complaint",
            channel="web",
            subject="Nummer",
            text="Tekst",
            challenge_nonce=nonce,
        )[0].reference

    first = receive("samme-løsning")
    with pytest.raises(Conflict):
        receive("samme-løsning")  # the same proof of work twice: refused, its number spent
    third = receive("en-anden-løsning")
    number = int(first.rsplit("-", 1)[1])
    assert third == f"{first.rsplit('-', 1)[0]}-{number + 2:06d}"
    assert FeedbackCase.objects.filter(organisation=norreby, subject="Nummer").count() == 2
