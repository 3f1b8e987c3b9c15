"""API endpoints of plans: plans, actions, assignments, follow-up rounds and reports."""

import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kvalitet.api import Pagination, scope_for_request
from kvalitet.plans import selectors, services
from kvalitet.plans.models import Action, Assignment, Judgement, Report, WorkStatus

router = Router(tags=["plans"])


class Error(Schema):
    detail: str


class PlanOut(Schema):
    id: int
    title: str
    year_from: int
    year_to: int
    status: str
    vision: str
    values: str
    goals: list[str] = Field(alias="goal_list")


class ActionOut(Schema):
    id: int
    plan_id: int
    code: str
    title: str
    description: str
    theme_id: int | None
    lead_unit_id: int | None
    follow_up_unit_id: int | None
    year_from: int
    year_to: int
    period: str
    status: str


class AssignmentOut(Schema):
    id: int
    action_id: int
    unit_id: int
    status: str
    judgement: str
    narrative: str


class RoundOut(Schema):
    id: int
    plan_id: int
    kind: str
    title: str
    deadline: datetime.date
    status: str


class ReportOut(Schema):
    id: int
    round_id: int
    assignment_id: int
    unit_id: int
    status: str
    judgement: str
    narrative: str
    comment: str
    reported_at: datetime.datetime | None


class ReportIn(Schema):
    status: WorkStatus
    judgement: Judgement | None = None
    narrative: str = Field(default="", max_length=20000)


PREFIX = "/organisations/{org_slug}/plans"


@router.get(PREFIX, response={200: list[PlanOut], 404: Error})
@paginate(Pagination)
def plan_list(request, org_slug: str):
    return selectors.plans(scope_for_request(request, org_slug))


@router.get(PREFIX + "/{plan_id}", response={200: PlanOut, 404: Error})
def plan_detail(request, org_slug: str, plan_id: int):
    return selectors.plan_detail(scope_for_request(request, org_slug), plan_id)


@router.get(PREFIX + "/{plan_id}/actions", response={200: list[ActionOut], 404: Error})
@paginate(Pagination)
def action_list(request, org_slug: str, plan_id: int):
    scope = scope_for_request(request, org_slug)
    return selectors.plan_actions(scope, selectors.plan_detail(scope, plan_id))


@router.get(PREFIX + "/actions/{action_id}", response={200: ActionOut, 404: Error})
def action_detail(request, org_slug: str, action_id: int):
    return scope_for_request(request, org_slug).get_or_404(Action, pk=action_id)


@router.get(
    PREFIX + "/actions/{action_id}/assignments", response={200: list[AssignmentOut], 404: Error}
)
def assignment_list(request, org_slug: str, action_id: int):
    scope = scope_for_request(request, org_slug)
    return list(scope.visible(Assignment.objects.filter(action_id=action_id)))


@router.get(PREFIX + "/{plan_id}/rounds", response={200: list[RoundOut], 404: Error})
def round_list(request, org_slug: str, plan_id: int):
    scope = scope_for_request(request, org_slug)
    return list(selectors.plan_rounds(scope, selectors.plan_detail(scope, plan_id)))


@router.get(PREFIX + "/rounds/{round_id}/reports", response={200: list[ReportOut], 404: Error})
@paginate(Pagination)
def report_list(request, org_slug: str, round_id: int):
    scope = scope_for_request(request, org_slug)
    follow_up = selectors.round_detail(scope, round_id)
    return scope.visible(Report.objects.filter(round=follow_up)).order_by("pk")


@router.put(
    PREFIX + "/reports/{report_id}",
    response={200: ReportOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def report_submit(request, org_slug: str, report_id: int, payload: ReportIn):
    """A unit reports on its own assignment in an open round (409 once the round is closed)."""
    scope = scope_for_request(request, org_slug)
    report = scope.get_or_404(Report, pk=report_id)
    return services.report_submit(
        scope=scope,
        report=report,
        by=request.auth,
        status=payload.status,
        judgement=payload.judgement or "",
        narrative=payload.narrative,
    )
