"""Follow-up rounds: open, the live matrix, a unit's report, comments, reminders, closing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet.core.decorators import member_required
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import submit
from kvalitet.core.links import link_maker
from kvalitet.plans import selectors, services
from kvalitet.plans.forms import CloseRoundForm, CommentForm, ReportForm, RoundForm
from kvalitet.plans.models import FollowUpRound, Plan, Report


@member_required
def round_create(request, org_slug, plan_id):
    scope = request.scope
    plan = scope.get_changeable_or_404(Plan, pk=plan_id)
    form = RoundForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda data: services.round_open(scope=scope, plan=plan, by=request.user, **data),
    )
    if outcome.done:
        messages.success(request, _("The round was opened; the units can report now."))
        return redirect("plans:round", org_slug=org_slug, followup_round_id=outcome.result.pk)
    return render(
        request, "plans/round_form.html", {"form": form, "plan": plan}, status=outcome.status
    )


@member_required
def round_detail(request, org_slug, followup_round_id):
    scope = request.scope
    follow_up = selectors.round_detail(scope, followup_round_id)
    grid = selectors.matrix(scope, follow_up)
    # Whether a person may report depends only on the unit: asked per unit, not per cell.
    may_report = {
        unit.pk: follow_up.is_open and scope.can_create_in(Report, unit.path) for unit in grid.units
    }
    report_link = link_maker("plans:report", "followup_report_id", org_slug=org_slug)
    for cell in grid.cells.values():
        cell.can_report = may_report[cell.unit_id]
        cell.url = report_link(cell.pk)
    action_link = link_maker("plans:action", "action_id", org_slug=org_slug)
    for row in grid.rows:
        row["action_url"] = action_link(row["action"]["pk"])
    context = {
        "round": follow_up,
        "plan": follow_up.plan,
        "matrix": grid,
        "can_change": scope.can_change(follow_up),
        "close_form": CloseRoundForm(),
    }
    template = "plans/round_detail.html"
    if request.htmx:
        template += "#matrix"
    return render(request, template, context)


def _report_for(scope, report_id):
    return scope.get_or_404(
        Report.objects.select_related("round__plan", "assignment__action", "unit"),
        pk=report_id,
    )


@member_required
def report_edit(request, org_slug, followup_report_id):
    """A unit's report on one assignment (a panel under the matrix with htmx, or a page)."""
    scope = request.scope
    report = _report_for(scope, followup_report_id)
    can_report = report.round.is_open and scope.can_change(report)
    initial = {
        "status": report.status,
        "judgement": report.judgement,
        "narrative": report.narrative,
    }
    form = ReportForm(request.POST or None, initial=initial) if can_report else None
    if request.method == "POST":
        if not scope.can_change(report):
            scope.require(False)
        if not report.round.is_open:
            return render(
                request,
                "plans/report_form.html",
                {"report": report, "form": None, "closed_message": True},
                status=409,
            )
        outcome = submit(
            request,
            form,
            lambda data: services.report_submit(
                scope=scope, report=report, by=request.user, **data
            ),
        )
        if outcome.done:
            messages.success(request, _("Your report was saved."))
            return redirect("plans:round", org_slug=org_slug, followup_round_id=report.round_id)
        status = outcome.status
    else:
        status = 200
    comment_form = None
    if scope.is_coordinator and report.round.is_open:
        comment_form = CommentForm(initial={"comment": report.comment})
    template = "plans/report_form.html"
    if request.htmx:
        template += "#panel"
    return render(
        request,
        template,
        {"report": report, "form": form, "comment_form": comment_form},
        status=status,
    )


@member_required
@require_POST
def report_comment(request, org_slug, followup_report_id):
    scope = request.scope
    report = _report_for(scope, followup_report_id)
    scope.require(scope.is_coordinator)
    form = CommentForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda data: services.report_comment(
            scope=scope, report=report, by=request.user, comment=data["comment"]
        ),
    )
    if outcome.done:
        messages.success(request, _("The comment was saved."))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
        if outcome.status == 409:
            return redirect("plans:round", org_slug=org_slug, followup_round_id=report.round_id)
    return redirect("plans:round", org_slug=org_slug, followup_round_id=report.round_id)


@member_required
@require_POST
def round_close(request, org_slug, followup_round_id):
    scope = request.scope
    follow_up = scope.get_changeable_or_404(FollowUpRound, pk=followup_round_id)
    form = CloseRoundForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda data: services.round_close(
            scope=scope, follow_up=follow_up, by=request.user, summary=data["summary"]
        ),
    )
    if outcome.done:
        messages.success(request, _("The round was closed; its report is ready."))
        return redirect("plans:round_report", org_slug=org_slug, followup_round_id=follow_up.pk)
    messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    response = redirect("plans:round", org_slug=org_slug, followup_round_id=follow_up.pk)
    if outcome.status == 409:
        response.status_code = 303
    return response


@member_required
@require_POST
def round_remind(request, org_slug, followup_round_id):
    scope = request.scope
    follow_up = scope.get_changeable_or_404(FollowUpRound, pk=followup_round_id)
    try:
        count = services.round_remind(scope=scope, follow_up=follow_up, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A reminder was queued to %(count)s people in the late units.") % {"count": count},
        )
    return redirect("plans:round", org_slug=org_slug, followup_round_id=follow_up.pk)
