"""Plan, action, matrix and report pages cost the same number of queries at 3 and at 30 actions."""

import pytest
from django.urls import reverse

from kvalitet import access
from kvalitet.organisations.models import Unit
from kvalitet.plans import services
from kvalitet.plans.models import FollowUpRound, Plan


@pytest.fixture
def sized_plan(norreby, coordinator):
    def make(n: int):
        scope = access.scope_for(coordinator, norreby)
        plan = services.plan_create(
            scope=scope, by=coordinator, title=f"Plan {n}", year_from=2026, year_to=2027
        )
        units = list(Unit.objects.filter(organisation=norreby).order_by("pk"))
        first = None
        for i in range(n):
            action = services.action_create(
                scope=scope, plan=plan, by=coordinator, units=units[: 1 + i % len(units)],
                code=f"A{i:02d}", title=f"Action {i}", year_from=2026, year_to=2027,
                see_also=[first] if first else [],
            )  # fmt: skip
            first = first or action
        follow_up = services.round_open(
            scope=scope, plan=plan, by=coordinator, kind="yearly", title="R", deadline="2026-12-31"
        )
        return plan, follow_up, first

    return make


@pytest.mark.parametrize("page", ["plan", "action", "round", "round_report"])
def test_fixed_query_counts(page, sized_plan, client_for, coordinator, django_assert_num_queries):
    client = client_for(coordinator)
    counts = []
    for n in (3, 30):
        plan, follow_up, action = sized_plan(n)
        kwargs = {
            "plan": {"plan_id": plan.pk},
            "action": {"action_id": action.pk},
            "round": {"followup_round_id": follow_up.pk},
            "round_report": {"followup_round_id": follow_up.pk},
        }[page]
        url = reverse(f"plans:{page}", kwargs={"org_slug": "norreby", **kwargs})
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert Plan.objects.count() >= 2
    assert FollowUpRound.objects.count() >= 2
