"""The plan's page lists every action with its link, responsible units, follow-up unit, period and
see-also codes (read as values, not models)."""

from django.urls import reverse

from kvalitet.accounts.models import Person
from kvalitet.plans.models import Plan


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
