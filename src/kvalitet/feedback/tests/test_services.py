"""Arrival of a case (reference, routing), the status flow, the answer and closing."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from kvalitet import access, ratelimit
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.feedback import services
from kvalitet.feedback.models import FeedbackCase, RoutingRule, Status, Topic
from kvalitet.feedback.tests.factories import make_case
from kvalitet.organisations.models import Unit


def test_references_count_up_per_organisation_and_year(norreby, solvik):
    first, _ = make_case(norreby, unit_code=None)
    second, _ = make_case(norreby, unit_code=None)
    year, number = first.reference.split("-")[1:]
    assert second.reference == f"S-{year}-{int(number) + 1:06d}"
    other, _ = make_case(solvik, unit_code=None)
    assert other.reference.startswith(f"S-{year}-")
    assert FeedbackCase.objects.filter(reference=second.reference).count() == 1


def test_routing_by_kind_topic_and_words_first_match_wins(norreby):
    RoutingRule.objects.filter(organisation=norreby).delete()
    units = {u.code: u for u in Unit.objects.filter(organisation=norreby)}
    topic = Topic.objects.create(organisation=norreby, name="Veje", unit=units["BP"])
    RoutingRule.objects.create(organisation=norreby, position=1, kind="praise", unit=units["BS"])
    RoutingRule.objects.create(
        organisation=norreby, position=2, words="hund, kat", unit=units["NV"]
    )
    route = services.route
    assert route(norreby, kind="praise", topic=None, subject="Tak")[0] == units["BS"]
    assert route(norreby, kind="complaint", topic=None, subject="Løs HUND")[0] == units["NV"]
    assert route(norreby, kind="complaint", topic=topic, subject="Hul i vejen")[0] == units["BP"]
    assert route(norreby, kind="complaint", topic=None, subject="Andet") == (None, None)


def test_the_status_flow_and_illegal_transitions(norreby, staff):
    case, _ = make_case(norreby)
    scope = access.scope_for(staff, norreby)
    services.case_transition(scope=scope, case=case, status=Status.ACKNOWLEDGED, by=staff)
    assert case.acknowledged_at is not None
    with pytest.raises(Conflict):
        services.case_transition(scope=scope, case=case, status=Status.RECEIVED, by=staff)
    with pytest.raises(Invalid):
        services.case_transition(scope=scope, case=case, status=Status.ANSWERED, by=staff)
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED


def test_the_answer_is_mailed_and_shown_and_closing_records_the_improvement(norreby, staff):
    case, _ = make_case(norreby)
    scope = access.scope_for(staff, norreby)
    mail.outbox.clear()
    services.case_answer(scope=scope, case=case, answer="Vi har talt med værkstedet.", by=staff)
    assert case.status == Status.ANSWERED
    assert mail.outbox[0].to == ["hemmelig@privat.example"]
    assert "Vi har talt med værkstedet." in mail.outbox[0].body
    with pytest.raises(Invalid):
        services.case_close(
            scope=scope,
            case=case,
            outcome="resolved",
            leads_to_improvement=True,
            improvement_description=" ",
            by=staff,
        )
    services.case_close(
        scope=scope,
        case=case,
        outcome="resolved",
        leads_to_improvement=True,
        improvement_description="Nye tider for støjende arbejde",
        by=staff,
    )
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.leads_to_improvement
    history = list(case.history.values_list("status", "history_user_id"))
    assert (Status.CLOSED, staff.pk) in history


def test_a_viewer_cannot_register_or_answer(norreby, viewer):
    scope = access.scope_for(viewer, norreby)
    before = FeedbackCase.objects.count()
    with pytest.raises(PermissionDenied):
        services.case_register(
            scope=scope, by=viewer, kind="complaint", channel="phone", subject="x", text="y"
        )
    assert FeedbackCase.objects.count() == before


def test_the_rate_limit_refills_over_time(db):
    ratelimit.reset("t", "1.2.3.4")
    now = 1_000_000.0
    assert all(
        ratelimit.allow("t", "1.2.3.4", capacity=3, per_seconds=30, now=now) for _ in range(3)
    )
    assert not ratelimit.allow("t", "1.2.3.4", capacity=3, per_seconds=30, now=now)
    assert ratelimit.allow("t", "5.6.7.8", capacity=3, per_seconds=30, now=now)
    assert ratelimit.allow("t", "1.2.3.4", capacity=3, per_seconds=30, now=now + 10)
    assert not ratelimit.allow("t", "1.2.3.4", capacity=3, per_seconds=30, now=now + 10)
