"""The follow-up report: the PDF as blocks per action (WeasyPrint is slow on page-spanning tables),
the HTML page as tables, both with the same reports and changes."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.plans.models import FollowUpRound, Plan, RoundStatus
from kvalitet.plans.views_io import _report_context


@pytest.fixture
def open_round(solvik):
    plan = Plan.objects.get(organisation=solvik)
    return FollowUpRound.objects.get(plan=plan, status=RoundStatus.OPEN)


@pytest.fixture
def context(solvik, open_round):
    coordinator = Person.objects.get(email="samordnare@solvik.example")
    context = _report_context(access.scope_for(coordinator, solvik), open_round.pk)
    context["organisation"] = solvik
    return context


def test_pdf_lays_out_one_block_per_action_and_tables_only_beside_the_charts(context):
    report = context["report"]
    html = render_to_string("plans/report_pdf.html", context)

    assert html.count('<section class="kv-action">') == len(report.lines) == 15
    assert html.count("<table") == len(report.charts) == 2
    assert html.count("<dt>") == sum(len(line["reports"]) for line in report.lines) > 0
    for line in report.lines:
        assert f"<h3>{line['action']['code']} {line['action']['title']}</h3>" in html
    assert report.previous is not None
    changes = html.split('<div class="kv-changes">')[1].split("</div>")[0]
    assert changes.count("<p>") == len(report.changes) > 0


def test_html_page_keeps_its_tables(context, open_round, client_for):
    coordinator = Person.objects.get(email="samordnare@solvik.example")
    url = reverse(
        "plans:round_report", kwargs={"org_slug": "solvik", "followup_round_id": open_round.pk}
    )
    html = client_for(coordinator).get(url).content.decode()

    report = context["report"]
    assert html.count('<th scope="row" rowspan=') == sum(1 for ln in report.lines if ln["reports"])
    assert '<section class="kv-action">' not in html
    # The changes table: the first table after the two charts' figures.
    changes = html.split("</figure>")[-1].split("</table>")[0]
    assert changes.count("<tr>") == len(report.changes) + 1  # and the header row
