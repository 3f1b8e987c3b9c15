"""Staff pages of plans: the list, a plan with its themes and actions, an action, an assignment."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet.core.decorators import member_required
from kvalitet.core.forms import submit
from kvalitet.core.links import link_maker
from kvalitet.documents.models import Document
from kvalitet.files import file_response
from kvalitet.organisations.models import Unit
from kvalitet.plans import selectors, services
from kvalitet.plans.forms import ActionForm, EvidenceForm, PlanForm, ThemeForm
from kvalitet.plans.models import Action, Evidence, Plan, Theme


def _units(scope):
    return scope.visible(Unit.objects.filter(is_active=True)).order_by("path")


@member_required
def plan_list(request, org_slug):
    scope = request.scope
    return render(
        request,
        "plans/plan_list.html",
        {"plans": selectors.plans(scope), "can_create": scope.is_coordinator},
    )


@member_required
def plan_create(request, org_slug):
    scope = request.scope
    scope.require(scope.is_coordinator)
    form = PlanForm(request.POST or None, units=_units(scope))
    outcome = submit(
        request, form, lambda data: services.plan_create(scope=scope, by=request.user, **data)
    )
    if outcome.done:
        messages.success(request, _("The plan was created."))
        return redirect("plans:plan", org_slug=org_slug, plan_id=outcome.result.pk)
    return render(
        request, "plans/plan_form.html", {"form": form, "plan": None}, status=outcome.status
    )


@member_required
def plan_detail(request, org_slug, plan_id):
    scope = request.scope
    plan = selectors.plan_detail(scope, plan_id)
    actions = selectors.plan_action_rows(scope, plan)
    action_link = link_maker("plans:action", "action_id", org_slug=org_slug)
    for action in actions:
        action.url = action_link(action.pk)
    themes = list(selectors.plan_themes(scope, plan))
    groups = [
        {"theme": theme, "actions": [a for a in actions if a.theme_id == theme.pk]}
        for theme in themes
    ]
    loose = [a for a in actions if a.theme_id is None]
    if loose:
        groups.append({"theme": None, "actions": loose})
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "action_count": len(actions),
            "rounds": selectors.plan_rounds(scope, plan),
            "can_change": scope.can_change(plan),
            "theme_form": ThemeForm(),
        },
    )


@member_required
def plan_edit(request, org_slug, plan_id):
    scope = request.scope
    plan = scope.get_changeable_or_404(Plan, pk=plan_id)
    fields = [
        "title", "year_from", "year_to", "status", "vision", "values", "goals",
        "adopted_by", "adopted_on", "owner_unit", "follow_up_unit",
    ]  # fmt: skip
    form = PlanForm(
        request.POST or None,
        units=_units(scope),
        initial={name: getattr(plan, name) for name in fields},
    )
    outcome = submit(
        request,
        form,
        lambda data: services.plan_update(scope=scope, plan=plan, by=request.user, **data),
    )
    if outcome.done:
        messages.success(request, _("The plan was saved."))
        return redirect("plans:plan", org_slug=org_slug, plan_id=plan.pk)
    return render(
        request, "plans/plan_form.html", {"form": form, "plan": plan}, status=outcome.status
    )


@member_required
@require_POST
def theme_create(request, org_slug, plan_id):
    scope = request.scope
    plan = scope.get_changeable_or_404(Plan, pk=plan_id)
    form = ThemeForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda data: services.theme_create(scope=scope, plan=plan, by=request.user, **data),
    )
    if outcome.done:
        messages.success(request, _("The theme was added."))
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors))
    return redirect("plans:plan", org_slug=org_slug, plan_id=plan.pk)


def _action_form(request, scope, plan, action=None):
    initial = None
    if action is not None:
        initial = {
            "code": action.code,
            "title": action.title,
            "description": action.description,
            "theme": action.theme_id,
            "units": [a.unit_id for a in action.assignments.all()],
            "lead_unit": action.lead_unit_id,
            "follow_up_unit": action.follow_up_unit_id,
            "year_from": action.year_from,
            "year_to": action.year_to,
            "period_note": action.period_note,
            "status": action.status,
            "see_also": [a.pk for a in action.see_also.all()],
        }
    else:
        initial = {"year_from": plan.year_from, "year_to": plan.year_to}
    others = scope.visible(Action.objects.filter(plan=plan))
    if action is not None:
        others = others.exclude(pk=action.pk)
    return ActionForm(
        request.POST or None,
        initial=initial,
        units=_units(scope),
        themes=scope.visible(Theme.objects.filter(plan=plan)),
        actions=others,
    )


@member_required
def action_create(request, org_slug, plan_id):
    scope = request.scope
    plan = scope.get_changeable_or_404(Plan, pk=plan_id)
    form = _action_form(request, scope, plan)
    outcome = submit(
        request,
        form,
        lambda data: services.action_create(
            scope=scope,
            plan=plan,
            by=request.user,
            **{**data, "units": list(data["units"]), "see_also": list(data["see_also"])},
        ),
    )
    if outcome.done:
        messages.success(request, _("The action was created."))
        return redirect("plans:action", org_slug=org_slug, action_id=outcome.result.pk)
    return render(
        request,
        "plans/action_form.html",
        {"form": form, "plan": plan, "action": None},
        status=outcome.status,
    )


@member_required
def action_detail(request, org_slug, action_id):
    scope = request.scope
    action = selectors.action_detail(scope, action_id)
    assignments = list(selectors.action_assignments(scope, action))
    for assignment in assignments:
        assignment.can_change = scope.can_change(assignment)
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "plan": action.plan,
            "see_also": action.see_also.order_by("code"),
            "assignments": assignments,
            "reports": selectors.action_reports(scope, action),
            "can_change": scope.can_change(action),
        },
    )


@member_required
def action_edit(request, org_slug, action_id):
    scope = request.scope
    action = scope.get_changeable_or_404(Action.objects.select_related("plan"), pk=action_id)
    form = _action_form(request, scope, action.plan, action)
    outcome = submit(
        request,
        form,
        lambda data: services.action_update(
            scope=scope,
            action=action,
            by=request.user,
            **{**data, "units": list(data["units"]), "see_also": list(data["see_also"])},
        ),
    )
    if outcome.done:
        messages.success(request, _("The action was saved."))
        return redirect("plans:action", org_slug=org_slug, action_id=action.pk)
    return render(
        request,
        "plans/action_form.html",
        {"form": form, "plan": action.plan, "action": action},
        status=outcome.status,
    )


@member_required
def assignment_detail(request, org_slug, assignment_id):
    scope = request.scope
    assignment = selectors.assignment_detail(scope, assignment_id)
    can_change = scope.can_change(assignment)
    form = None
    if can_change:
        documents = scope.visible(Document.objects.all()).order_by("code")
        form = EvidenceForm(request.POST or None, request.FILES or None, documents=documents)
        outcome = submit(
            request,
            form,
            lambda data: services.evidence_add(
                scope=scope, assignment=assignment, by=request.user, **data
            ),
        )
        if outcome.done:
            messages.success(request, _("The evidence was added."))
            return redirect("plans:assignment", org_slug=org_slug, assignment_id=assignment.pk)
        status = outcome.status
    elif request.method == "POST":
        scope.require(False)
    else:
        status = 200
    return render(
        request,
        "plans/assignment_detail.html",
        {
            "assignment": assignment,
            "action": assignment.action,
            "evidence": assignment.evidence.select_related("document"),
            "reports": assignment.reports.select_related("round", "reported_by").order_by(
                "-round__opened_at"
            ),
            "form": form,
        },
        status=status,
    )


@member_required
def evidence_file(request, org_slug, plan_evidence_id):
    scope = request.scope
    evidence = scope.get_or_404(Evidence, pk=plan_evidence_id)
    if not evidence.file:
        if evidence.url:
            return redirect(evidence.url)
        raise Http404
    return file_response(evidence.file, filename=evidence.file.name.rsplit("/", 1)[-1])
