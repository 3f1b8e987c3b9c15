"""The follow-up report (HTML, PDF, XLSX), plan and matrix exports, and the spreadsheet imports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kvalitet import pdf, xlsx
from kvalitet.core.decorators import member_required
from kvalitet.core.errors import DomainError
from kvalitet.organisations.models import Unit
from kvalitet.plans import imports, selectors
from kvalitet.plans.forms import UploadForm
from kvalitet.plans.models import Judgement, Plan, Report, WorkStatus


def _report_context(scope, followup_round_id):
    follow_up = selectors.round_detail(scope, followup_round_id)
    return {
        "round": follow_up,
        "plan": follow_up.plan,
        "report": selectors.follow_up_report(scope, follow_up),
        "generated": timezone.now(),
    }


@member_required
def round_report(request, org_slug, followup_round_id):
    context = _report_context(request.scope, followup_round_id)
    return render(request, "plans/report.html", context)


@member_required
def round_report_pdf(request, org_slug, followup_round_id):
    context = _report_context(request.scope, followup_round_id)
    context["organisation"] = request.organisation
    body = pdf.render_pdf("plans/report_pdf.html", context, request=request)
    name = slugify(context["round"].title) or "report"
    return pdf.pdf_response(body, filename=f"{name}.pdf")


def _report_rows(report) -> list[list]:
    rows = []
    for line in report.lines:
        action = line["action"]
        for item in line["reports"] or [None]:
            rows.append(
                [
                    action["code"],
                    action["title"],
                    item.unit.code if item else "",
                    item.status_label if item and item.reported_at else _("Not reported"),
                    item.judgement_label if item else "",
                    item.narrative if item else "",
                    item.comment if item else "",
                ]
            )
    return rows


@member_required
def round_report_xlsx(request, org_slug, followup_round_id):
    context = _report_context(request.scope, followup_round_id)
    report = context["report"]
    headers = [
        _("Code"), _("Action"), _("Unit"), _("Status"), _("Assessment"), _("Narrative"),
        _("Coordinator's comment"),
    ]  # fmt: skip
    changes = [
        [
            c["action"]["code"],
            c["report"].unit.code,
            c["before"].status_label if c["before"] and c["before"].status else "",
            c["report"].status_label,
        ]
        for c in report.changes
    ]
    sheets = [
        xlsx.Sheet(_("Reports"), headers, _report_rows(report)),
        xlsx.Sheet(_("Changes"), [_("Code"), _("Unit"), _("Before"), _("Now")], changes),
    ]
    for chart in report.charts:
        sheets.append(xlsx.Sheet(chart.title, chart.table.headers, chart.table.rows))
    name = slugify(context["round"].title) or "report"
    return xlsx.workbook_response(filename=f"{name}.xlsx", sheets=sheets)


@member_required
def plan_xlsx(request, org_slug, plan_id):
    scope = request.scope
    plan = selectors.plan_detail(scope, plan_id)
    rows = [
        [
            a.code,
            a.theme.code if a.theme else "",
            a.title,
            a.description,
            " ".join(x.unit.code for x in a.assignments.all()),
            a.lead_unit.code if a.lead_unit else "",
            a.follow_up_unit.code if a.follow_up_unit else "",
            a.period_note
            or (f"{a.year_from}-{a.year_to}" if a.year_from != a.year_to else str(a.year_from)),
            a.get_status_display(),
            " ".join(o.code for o in a.see_also.all()),
        ]
        for a in selectors.plan_actions(scope, plan)
    ]
    headers = [
        "code", "theme", "title", "description", "responsible units", "lead unit",
        "follow-up unit", "period", "status", "see also",
    ]  # fmt: skip
    return xlsx.workbook_response(
        filename=f"{slugify(plan.title) or 'plan'}.xlsx",
        sheets=[xlsx.Sheet(_("Actions"), headers, rows)],
    )


@member_required
def round_matrix_xlsx(request, org_slug, followup_round_id):
    scope = request.scope
    follow_up = selectors.round_detail(scope, followup_round_id)
    grid = selectors.matrix(scope, follow_up)
    headers = [_("Code"), _("Action"), *[u.code for u in grid.units]]
    rows = [
        [
            row["action"]["code"],
            row["action"]["title"],
            *[
                (c.status_label if c.reported_at else _("Not reported")) if c else ""
                for c in row["cells"]
            ],
        ]
        for row in grid.rows
    ]
    return xlsx.workbook_response(
        filename=f"{slugify(follow_up.title) or 'matrix'}.xlsx",
        sheets=[xlsx.Sheet(_("Matrix"), headers, rows)],
    )


def _session_key(kind: str, pk: int, extra: int = 0) -> str:
    return f"plans-{kind}-{pk}-{extra}"


def _upload(request, key):
    """On a POST with a file, read it into the session; on confirm, give back what was read."""
    if request.method == "POST" and "confirm" in request.POST:
        table = request.session.get(key)
        errors = [] if table else [_("Upload the file again: the preview has expired.")]
        return UploadForm(), table, True, errors
    form = UploadForm(request.POST or None, request.FILES or None)
    table = None
    if request.method == "POST" and form.is_valid():
        try:
            table = xlsx.read_table(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[key] = table
    return form, table, False, []


@member_required
def plan_import(request, org_slug, plan_id):
    scope = request.scope
    plan = scope.get_changeable_or_404(Plan, pk=plan_id)
    key = _session_key("import", plan.pk)
    form, table, confirming, errors = _upload(request, key)
    preview = None
    status = 400 if request.method == "POST" and table is None else 200
    if table is not None and confirming:
        try:
            created = imports.apply_actions(scope=scope, plan=plan, by=request.user, table=table)
        except DomainError as error:
            errors.append(error.message)
            status = error.status
            preview = imports.preview_actions(scope, plan, table)
        else:
            request.session.pop(key, None)
            messages.success(
                request, _("%(count)s actions were imported.") % {"count": len(created)}
            )
            return redirect("plans:plan", org_slug=org_slug, plan_id=plan.pk)
    elif table is not None:
        preview = imports.preview_actions(scope, plan, table)
        status = 200 if preview.ok else 422
    return render(
        request,
        "plans/import.html",
        {"plan": plan, "form": form, "preview": preview, "errors": errors},
        status=status,
    )


def _unit_for_round(scope, follow_up, unit_id):
    # A unit without assignments in the round gets an empty sheet, not an error.
    return scope.get_or_404(Unit, pk=unit_id)


@member_required
def unit_xlsx(request, org_slug, followup_round_id, unit_id):
    scope = request.scope
    follow_up = selectors.round_detail(scope, followup_round_id)
    unit = _unit_for_round(scope, follow_up, unit_id)
    reports = Report.objects.filter(round=follow_up, unit=unit).select_related("assignment__action")
    rows = [
        [r.assignment.action.code, r.assignment.action.title, r.status, r.judgement, r.narrative]
        for r in reports
    ]
    choices = [[c.value, str(c.label)] for c in WorkStatus] + [
        [c.value, str(c.label)] for c in Judgement
    ]
    return xlsx.workbook_response(
        filename=f"{slugify(follow_up.title)}-{slugify(unit.code)}.xlsx",
        sheets=[
            xlsx.Sheet(unit.code, ["code", "action", "status", "assessment", "narrative"], rows),
            xlsx.Sheet(_("Allowed values"), [_("Value"), _("Meaning")], choices),
        ],
    )


@member_required
def unit_upload(request, org_slug, followup_round_id, unit_id):
    scope = request.scope
    follow_up = selectors.round_detail(scope, followup_round_id)
    unit = _unit_for_round(scope, follow_up, unit_id)
    if not (scope.is_coordinator or scope.can_create_in(Report, unit.path)):
        scope.require(False)
    key = _session_key("reports", follow_up.pk, unit.pk)
    form, table, confirming, errors = _upload(request, key)
    preview = None
    status = 400 if request.method == "POST" and table is None else 200
    if not follow_up.is_open:
        errors.append(_("The round is closed: its reports can no longer be changed."))
        status = 409 if request.method == "POST" else 200
        table = None
    if table is not None and confirming:
        try:
            count = imports.apply_reports(
                scope=scope, follow_up=follow_up, unit=unit, by=request.user, table=table
            )
        except DomainError as error:
            errors.append(error.message)
            status = error.status
            preview = imports.preview_reports(scope, follow_up, unit, table)
        else:
            request.session.pop(key, None)
            messages.success(request, _("%(count)s reports were saved.") % {"count": count})
            return redirect("plans:round", org_slug=org_slug, followup_round_id=follow_up.pk)
    elif table is not None:
        preview = imports.preview_reports(scope, follow_up, unit, table)
        status = 200 if preview.ok else 422
    return render(
        request,
        "plans/unit_upload.html",
        {"round": follow_up, "unit": unit, "form": form, "preview": preview, "errors": errors},
        status=status,
    )
