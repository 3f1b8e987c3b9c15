"""The round's matrix as the page shows it: every report's cell, link, status and comment, the
'report' link only where the person may report (the cells are read as values, not models)."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.links import link_maker
from kvalitet.plans.models import Action, FollowUpRound, Plan, Report, RoundStatus, WorkStatus

CELL = re.compile(
    r'<td><a href="([^"]+)" hx-get="([^"]+)" hx-target="#report-panel">(.*?)</a>(.*?)</td>'
)


@pytest.fixture
def open_round(solvik):
    plan = Plan.objects.get(organisation=solvik)
    return FollowUpRound.objects.get(plan=plan, status=RoundStatus.OPEN)


def test_link_maker_gives_what_reverse_gives():
    link = link_maker("plans:report", "followup_report_id", org_slug="bench-001-dk")
    for pk in (1, 70, 987654321, 2**40):
        assert link(pk) == reverse(
            "plans:report", kwargs={"org_slug": "bench-001-dk", "followup_report_id": pk}
        )


def test_matrix_shows_every_report_with_its_status_link_and_comment(open_round, client_for):
    reports = list(Report.objects.filter(round=open_round).select_related("unit").order_by("pk"))
    reported, commented = reports[0], reports[1]
    Report.objects.filter(pk=reported.pk).update(
        status="delayed", judgement="at_risk", reported_at="2026-05-01T10:00Z"
    )
    Report.objects.filter(pk=commented.pk).update(comment="Se över tidsplanen")
    member = Person.objects.get(email="natverk@solvik.example")  # reports for OSF only
    url = reverse("plans:round", kwargs={"org_slug": "solvik", "followup_round_id": open_round.pk})
    html = client_for(member).get(url, headers={"HX-Request": "true"}).content.decode()

    cells = {}
    for href, hx_get, text, after in CELL.findall(html):
        assert href == hx_get
        cells[int(href.rstrip("/").rsplit("/", 1)[1])] = (text, after)
    assert set(cells) == {r.pk for r in reports}
    reported.refresh_from_db()
    text, _ = cells[reported.pk]
    with translation.override("sv"):  # Solvik's language
        assert text == f"{reported.get_status_display()} · {reported.get_judgement_display()}"
    assert 'title="Se över tidsplanen"' in cells[commented.pk][1]
    assert sum('class="badge' in after for _, after in cells.values()) == 1
    # Asked per unit now; the answer must stay what asking each report gave.
    scope = access.scope_for(member, open_round.organisation)
    unreported = [r for r in reports if r.reported_at is None and r.pk != reported.pk]
    assert {scope.can_change(r) for r in unreported} == {True, False}
    for report in unreported:
        muted = "kv-muted" in cells[report.pk][0]
        assert muted == (not scope.can_change(report)), report.unit.code
    for action in Action.objects.filter(plan=open_round.plan):
        link = reverse("plans:action", kwargs={"org_slug": "solvik", "action_id": action.pk})
        assert f'<a href="{link}">{action.code}</a>' in html


def test_matrix_xlsx_has_a_row_per_action_and_a_status_per_report(open_round, client_for):
    reported = Report.objects.filter(round=open_round).select_related("unit").first()
    Report.objects.filter(pk=reported.pk).update(status="done", reported_at="2026-05-01T10:00Z")
    coordinator = Person.objects.get(email="samordnare@solvik.example")
    url = reverse(
        "plans:round_matrix_xlsx", kwargs={"org_slug": "solvik", "followup_round_id": open_round.pk}
    )
    sheet = load_workbook(io.BytesIO(client_for(coordinator).get(url).content)).active
    rows = list(sheet.iter_rows(values_only=True))

    actions = list(Action.objects.filter(plan=open_round.plan).order_by("code", "pk"))
    assert [r[0] for r in rows[1:]] == [a.code for a in actions]
    assert [r[1] for r in rows[1:]] == [a.title for a in actions]
    column = rows[0].index(reported.unit.code)
    row = next(r for r in rows[1:] if r[0] == reported.assignment.action.code)
    with translation.override("sv"):
        assert row[column] == str(WorkStatus.DONE.label)
    filled = sum(1 for r in rows[1:] for value in r[2:] if value)
    assert filled == Report.objects.filter(round=open_round).count()
