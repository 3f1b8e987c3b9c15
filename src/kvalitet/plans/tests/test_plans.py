"""Plans: the demo plan, reporting in rounds, closed rounds, cross-references, imports, reports."""

import io
import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.plans import services
from kvalitet.plans.models import Action, Assignment, FollowUpRound, Plan, Report, RoundStatus


@pytest.fixture
def solvik_plan(solvik):
    return Plan.objects.get(organisation=solvik)


def _person(email):
    return Person.objects.get(email=email)


def _open_round(plan):
    return FollowUpRound.objects.get(plan=plan, status=RoundStatus.OPEN)


def test_demo_plan_has_the_seeds_shape(solvik_plan):
    assert solvik_plan.goal_list[0] == "Allt fler nöjda invånare och uppdragsgivare"
    assert len(solvik_plan.goal_list) == 5
    assert list(solvik_plan.themes.values_list("code", flat=True)) == ["9.1", "9.2", "9.3"]
    codes = list(solvik_plan.actions.values_list("code", flat=True))
    assert codes[0] == "9.1 A"
    assert codes[-1] == "9.3 F"
    assert len(codes) == 15
    d = solvik_plan.actions.get(code="9.1 D")
    c = solvik_plan.actions.get(code="9.3 C")
    assert list(d.see_also.all()) == [c]
    assert list(c.see_also.all()) == [d]
    assert solvik_plan.rounds.filter(status=RoundStatus.CLOSED).count() == 1
    assert solvik_plan.rounds.filter(status=RoundStatus.OPEN).count() == 1
    assert d.follow_up_unit.code == "ADM"


def test_network_member_reports_for_own_unit_and_sees_it_in_the_matrix(
    solvik, solvik_plan, client_for
):
    member = _person("natverk@solvik.example")  # OSF
    follow_up = _open_round(solvik_plan)
    report = Report.objects.filter(round=follow_up, unit__code="OSF").order_by("pk").last()
    url = reverse("plans:report", kwargs={"org_slug": "solvik", "followup_report_id": report.pk})
    response = client_for(member).post(
        url, {"status": "delayed", "judgement": "at_risk", "narrative": "Väntar på nytt system"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "delayed"
    assert report.reported_at is not None
    assert report.assignment.status == "delayed"
    page = client_for(member).get(
        reverse("plans:round", kwargs={"org_slug": "solvik", "followup_round_id": follow_up.pk}),
        headers={"HX-Request": "true"},
    )
    assert "Försenad" in page.content.decode() or "Delayed" in page.content.decode()


def test_a_unit_cannot_report_for_another_unit(solvik, solvik_plan, client_for):
    member = _person("natverk@solvik.example")  # OSF only
    report = Report.objects.filter(round=_open_round(solvik_plan), unit__code="ADM").first()
    url = reverse("plans:report", kwargs={"org_slug": "solvik", "followup_report_id": report.pk})
    response = client_for(member).post(url, {"status": "done", "narrative": "x"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.narrative != "x"
    scope = access.scope_for(member, solvik)
    with pytest.raises(access.PermissionDenied):
        services.report_submit(
            scope=scope, report=report, by=member, status="done", judgement="", narrative="y"
        )


def test_a_closed_round_cannot_be_changed(solvik, solvik_plan, client_for):
    closed = solvik_plan.rounds.get(status=RoundStatus.CLOSED)
    report = Report.objects.filter(round=closed, unit__code="OSF").first()
    before = (report.status, report.narrative)
    member = _person("natverk@solvik.example")
    url = reverse("plans:report", kwargs={"org_slug": "solvik", "followup_report_id": report.pk})
    response = client_for(member).post(url, {"status": "cancelled", "narrative": "sent"})
    assert response.status_code == 409
    report.refresh_from_db()
    assert (report.status, report.narrative) == before
    scope = access.scope_for(member, solvik)
    with pytest.raises(Conflict):
        services.report_submit(
            scope=scope, report=report, by=member, status="done", judgement="", narrative=""
        )
    coordinator = _person("samordnare@solvik.example")
    with pytest.raises(Conflict):
        services.round_close(
            scope=access.scope_for(coordinator, solvik), follow_up=closed, by=coordinator
        )


def test_cross_reference_to_another_plan_is_refused(solvik, norreby, solvik_plan):
    coordinator = _person("samordnare@solvik.example")
    scope = access.scope_for(coordinator, solvik)
    other_plan = services.plan_create(
        scope=scope, by=coordinator, title="Annan plan", year_from=2026, year_to=2027
    )
    foreign = Action.objects.create(
        organisation=solvik, plan=other_plan, code="1", title="x", year_from=2026, year_to=2026
    )
    norreby_action = Action.objects.filter(organisation=norreby).first()
    action = solvik_plan.actions.get(code="9.1 A")
    for other in (foreign, norreby_action):
        with translation.override("en"), pytest.raises(Invalid, match="another plan"):
            services.see_also_add(scope=scope, action=action, other=other, by=coordinator)
    assert action.see_also.count() == 0


def test_coordinator_closes_round_and_downloads_report(solvik, solvik_plan, client_for):
    coordinator = _person("samordnare@solvik.example")
    client = client_for(coordinator)
    follow_up = _open_round(solvik_plan)
    kwargs = {"org_slug": "solvik", "followup_round_id": follow_up.pk}
    response = client.post(reverse("plans:round_close", kwargs=kwargs), {"summary": "Klart."})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == RoundStatus.CLOSED
    html = client.get(reverse("plans:round_report", kwargs=kwargs)).content.decode()
    assert "9.3 F" in html
    assert "<svg" in html
    assert "Årlig uppföljning 2025" in html
    started = time.perf_counter()
    pdf = client.get(reverse("plans:round_report_pdf", kwargs=kwargs))
    elapsed = time.perf_counter() - started
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    print(f"follow-up report PDF on the demo data: {elapsed:.2f} s")
    book = load_workbook(
        io.BytesIO(client.get(reverse("plans:round_report_xlsx", kwargs=kwargs)).content)
    )
    sheet = book.worksheets[0]
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"9.1 A", "9.3 F"} <= codes


def test_reminder_queues_mail_to_late_units(
    solvik, solvik_plan, client_for, django_capture_on_commit_callbacks
):
    coordinator = _person("samordnare@solvik.example")
    follow_up = _open_round(solvik_plan)
    url = reverse(
        "plans:round_remind", kwargs={"org_slug": "solvik", "followup_round_id": follow_up.pk}
    )
    response = client_for(coordinator).post(url)
    assert response.status_code == 302
    late = {r.unit.code for r in Report.objects.filter(round=follow_up, reported_at__isnull=True)}
    assert late
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients, "no reminder was sent"
    assert all("solvik.example" in r for r in recipients)


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("plan.xlsx", buffer.getvalue())


def test_import_is_dry_run_then_all_or_nothing(solvik, solvik_plan, client_for):
    coordinator = _person("samordnare@solvik.example")
    client = client_for(coordinator)
    url = reverse("plans:plan_import", kwargs={"org_slug": "solvik", "plan_id": solvik_plan.pk})
    header = ["code", "theme", "title", "responsible units", "follow-up unit", "period"]
    bad = _xlsx([header, ["10.1", "9.1", "Ny åtgärd", "OSF ADM", "KLK", "2026-2027"],
                 ["10.2", "9.9", "Fel", "XYZ", "KLK", "snart"]])  # fmt: skip
    before = Action.objects.count()
    response = client.post(url, {"file": bad})
    assert response.status_code == 422
    text = response.content.decode()
    assert "XYZ" in text
    assert "9.9" in text
    assert ">3<" in text
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 422
    assert Action.objects.count() == before
    good = _xlsx([header, ["10.1", "9.1", "Ny åtgärd", "OSF, ADM", "KLK", "2026-2027"]])
    response = client.post(url, {"file": good})
    assert response.status_code == 200
    assert "Ny åtgärd" in response.content.decode()
    assert Action.objects.count() == before
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    action = Action.objects.get(plan=solvik_plan, code="10.1")
    assert sorted(a.unit.code for a in action.assignments.all()) == ["ADM", "OSF"]
    assert (action.year_from, action.year_to) == (2026, 2027)
    # The open round gets the new assignments' reports.
    assert Report.objects.filter(assignment__action=action, round__status="open").count() == 2


def test_unit_reports_all_at_once_by_spreadsheet(solvik, solvik_plan, client_for):
    member = _person("natverk@solvik.example")
    client = client_for(member)
    follow_up = _open_round(solvik_plan)
    osf = follow_up.reports.filter(unit__code="OSF").first().unit
    kwargs = {"org_slug": "solvik", "followup_round_id": follow_up.pk, "unit_id": osf.pk}
    book = load_workbook(io.BytesIO(client.get(reverse("plans:unit_xlsx", kwargs=kwargs)).content))
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    for row in rows[1:]:
        row[2], row[3], row[4] = "done", "on_track", "Klart"
    upload = reverse("plans:unit_upload", kwargs=kwargs)
    bad_rows = [*rows, ["9.2 C", "x", "klar", "", ""]]
    assert client.post(upload, {"file": _xlsx(bad_rows)}).status_code == 422
    assert client.post(upload, {"confirm": "1"}).status_code == 422
    assert not Report.objects.filter(round=follow_up, unit=osf, narrative="Klart").exists()
    assert client.post(upload, {"file": _xlsx(rows)}).status_code == 200
    assert client.post(upload, {"confirm": "1"}).status_code == 302
    assert Report.objects.filter(round=follow_up, unit=osf).exclude(narrative="Klart").count() == 0
    # Another unit's sheet cannot be uploaded by OSF's network member.
    adm = follow_up.reports.filter(unit__code="ADM").first().unit
    other = reverse("plans:unit_upload", kwargs={**kwargs, "unit_id": adm.pk})
    assert client.post(other, {"file": _xlsx(rows)}).status_code == 403


def test_waiting_for_a_network_member(solvik, solvik_plan):
    from kvalitet.plans.waiting import reports_to_give

    member = _person("natverk@solvik.example")
    items = reports_to_give(access.scope_for(member, solvik))
    soon = next(i for i in items if i.count)
    expected = Report.objects.filter(
        round=_open_round(solvik_plan), unit__code="OSF", reported_at__isnull=True
    ).count()
    assert soon.count == expected > 0


def test_another_organisation_gets_404_on_api_and_pages(
    norreby, solvik_plan, client_for, coordinator
):
    client = client_for(coordinator)
    own = client.get("/api/v1/organisations/norreby/plans")
    assert own.status_code == 200
    assert "Natur og Miljø" in own.json()["items"][0]["title"]
    api = f"/api/v1/organisations/norreby/plans/{solvik_plan.pk}"
    assert client.get(api).status_code == 404
    assert client.get(f"/api/v1/organisations/solvik/plans/{solvik_plan.pk}").status_code == 404
    url = reverse("plans:plan", kwargs={"org_slug": "norreby", "plan_id": solvik_plan.pk})
    assert client.get(url).status_code == 404


def test_assignment_visible_and_evidence_only_by_unit(solvik, solvik_plan, client_for):
    member = _person("natverk@solvik.example")
    adm = Assignment.objects.filter(action__plan=solvik_plan, unit__code="ADM").first()
    url = reverse("plans:assignment", kwargs={"org_slug": "solvik", "assignment_id": adm.pk})
    client = client_for(member)
    assert client.get(url).status_code == 200
    count = adm.evidence.count()
    assert client.post(url, {"title": "x", "url": "https://example.org"}).status_code == 403
    assert adm.evidence.count() == count


def test_api_report_put_own_unit_other_unit_and_closed(solvik, solvik_plan, client_for):
    member = _person("natverk@solvik.example")
    client = client_for(member)
    follow_up = _open_round(solvik_plan)
    own = Report.objects.filter(round=follow_up, unit__code="OSF").first()
    other = Report.objects.filter(round=follow_up, unit__code="ADM").first()
    closed = Report.objects.filter(round__status="closed", unit__code="OSF").first()
    base = "/api/v1/organisations/solvik/plans/reports/"
    body = {"status": "done", "judgement": "on_track", "narrative": "Via API"}
    ok = client.put(base + str(own.pk), body, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["narrative"] == "Via API"
    assert (
        client.put(base + str(other.pk), body, content_type="application/json").status_code == 403
    )
    assert (
        client.put(base + str(closed.pk), body, content_type="application/json").status_code == 409
    )
    assert Report.objects.filter(narrative="Via API").count() == 1
