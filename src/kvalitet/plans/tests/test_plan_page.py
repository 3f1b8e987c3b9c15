"""The plan list counts each plan's actions and open rounds; the plan's page lists every action
with its link, responsible units, follow-up unit, period and see-also codes (read as values)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.plans import services
from kvalitet.plans.models import Plan, RoundStatus


def test_plan_page_lists_every_action_as_before(solvik, client_for):
    plan = Plan.objects.get(organisation=solvik)
    action = plan.actions.order_by("code").first()
    action.period_note = "2026 och 2028"
    action.save(update_fields=["period_note"])
    coordinator = Person.objects.get(email="samordnare@solvik.example")
    url = reverse("plans:plan", kwargs={"org_slug": "solvik", "plan_id": plan.pk})
    html = client_for(coordinator).get(url).content.decode()

    actions = plan.actions.select_related("follow_up_unit").order_by("code")
    assert actions.filter(see_also__isnull=False).exists()
    assert actions.filter(follow_up_unit__isnull=False).exists()
    for action in actions:
        link = reverse("plans:action", kwargs={"org_slug": "solvik", "action_id": action.pk})
        units = ", ".join(
            a.unit.code for a in action.assignments.select_related("unit").order_by("unit__path")
        )
        see_also = ", ".join(o.code for o in action.see_also.order_by("code"))
        follow_up = action.follow_up_unit.code if action.follow_up_unit else "–"
        row = (
            f'<tr><td><span class="kv-code">{action.code}</span></td><td><a href="{link}">'
            f"{action.title}</a></td>\n    <td>{units or '–'}</td>\n"
            f"    <td>{follow_up}</td><td>{action.period}</td>\n    <td>{see_also}</td></tr>"
        )
        assert row in html, action.code
    assert "<td>2026 och 2028</td>" in html


def test_plan_list_counts_each_plans_actions_and_open_rounds(solvik, client_for):
    coordinator = Person.objects.get(email="samordnare@solvik.example")
    plan = Plan.objects.get(organisation=solvik)
    empty = services.plan_create(
        scope=access.scope_for(coordinator, solvik),
        by=coordinator,
        title="Tom plan",
        year_from=2026,
        year_to=2027,
    )
    html = client_for(coordinator).get(reverse("plans:list", kwargs={"org_slug": "solvik"}))
    html = html.content.decode()

    open_rounds = plan.rounds.filter(status=RoundStatus.OPEN).count()
    assert (plan.actions.count(), open_rounds) == (15, 1)
    for item, actions, rounds in [(plan, 15, open_rounds), (empty, 0, 0)]:
        link = reverse("plans:plan", kwargs={"org_slug": "solvik", "plan_id": item.pk})
        row = html.split(f'<a href="{link}">')[1].split("</tr>")[0]
        assert row.endswith(f"<td>{actions}</td><td>{rounds}</td>")


def test_plan_list_query_count_is_fixed(norreby, coordinator, client_for):
    scope = access.scope_for(coordinator, norreby)
    client = client_for(coordinator)
    url = reverse("plans:list", kwargs={"org_slug": "norreby"})
    counts = []
    for total in (3, 30):
        while Plan.objects.filter(organisation=norreby).count() < total:
            services.plan_create(
                scope=scope, by=coordinator, title="P", year_from=2026, year_to=2027
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
