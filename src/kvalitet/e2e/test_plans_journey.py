"""The plans journey in a real browser: a network member opens the open follow-up round, picks
an action of their unit in the matrix and reports on it; the matrix shows the report; the report
reads without JavaScript too."""

from django.apps import apps

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.organisations.models import Organisation

NARRATIVE = "Naturplejen ved Nørresø er gennemført; rydningen af pil fortsætter til foråret."


def _report(norreby, person):
    Report = apps.get_model("plans", "Report")
    scope = access.scope_for(person, norreby)
    for report in scope.changeable(Report.objects.all()).select_related("round").order_by("pk"):
        if report.round.is_open and report.reported_at is None:
            return report
    raise AssertionError("the demo has no open report for the network member")


def test_a_network_member_reports_on_an_action_in_an_open_round(browsing, report):
    report.journeys.add("plans")
    norreby = Organisation.objects.get(slug="norreby")
    member = Person.objects.get(email="netvaerk@norreby.example")
    target = _report(norreby, member)
    violations = []

    page = browsing.page(member)
    page.goto(f"/o/norreby/plans/rounds/{target.round_id}/")
    violations += browsing.axe(page, "da journey plans round")
    page.locator(f"#matrix a[href$='/reports/{target.pk}/']").first.click()
    form = page.locator(f"form[action$='/reports/{target.pk}/']")
    form.wait_for()
    status = form.locator("select[name=status]")
    choice = [v for v in status.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    status.select_option(choice[-1])
    form.locator("textarea[name=narrative]").fill(NARRATIVE)
    violations += browsing.axe(page, "da journey plans report form")
    with page.expect_response(lambda r: r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    target.refresh_from_db()
    assert target.reported_at is not None
    assert target.narrative == NARRATIVE
    assert target.reported_by == member
    reading = browsing.page(member, javascript=False)
    reading.goto(f"/o/norreby/plans/reports/{target.pk}/")
    assert NARRATIVE in reading.content()

    assert violations == [], "\n".join(violations)
