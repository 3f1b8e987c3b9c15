"""API endpoints for feedback cases: the same access rules as the pages (kvalitet.access)."""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from kvalitet.api import Pagination, scope_for_request
from kvalitet.feedback import selectors, services
from kvalitet.feedback.models import Channel, Kind, Status

router = Router(tags=["feedback"])


class CaseOut(Schema):
    id: int
    reference: str
    kind: Kind
    channel: Channel
    status: Status
    subject: str
    text: str
    contact_name: str
    contact_email: str
    contact_phone: str
    received_at: datetime.datetime
    acknowledge_due: datetime.date
    answer_due: datetime.date
    answered_at: datetime.datetime | None
    unit_id: int | None
    assignee_id: int | None
    answer: str
    outcome: str


class TransitionIn(Schema):
    status: Status


class AnswerIn(Schema):
    answer: str = Field(min_length=1, max_length=10000)


class Error(Schema):
    detail: str


@router.get("/organisations/{org_slug}/feedback/cases", response={200: list[CaseOut], 404: Error})
@paginate(Pagination)
def case_list(
    request,
    org_slug: str,
    status: str = "",
    kind: str = "",
    overdue: bool = False,
    mine: bool = False,
):
    scope = scope_for_request(request, org_slug)
    return selectors.inbox(
        scope, selectors.InboxFilter(status=status, kind=kind, overdue=overdue, mine=mine)
    )


@router.get(
    "/organisations/{org_slug}/feedback/cases/{case_id}", response={200: CaseOut, 404: Error}
)
def case_detail(request, org_slug: str, case_id: int):
    return selectors.case_for(scope_for_request(request, org_slug), case_id)


@router.post(
    "/organisations/{org_slug}/feedback/cases/{case_id}/transition",
    response={200: CaseOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def case_transition(request, org_slug: str, case_id: int, payload: TransitionIn):
    scope = scope_for_request(request, org_slug)
    case = selectors.case_for(scope, case_id)
    return services.case_transition(scope=scope, case=case, status=payload.status, by=request.auth)


@router.post(
    "/organisations/{org_slug}/feedback/cases/{case_id}/answer",
    response={200: CaseOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def case_answer(request, org_slug: str, case_id: int, payload: AnswerIn):
    scope = scope_for_request(request, org_slug)
    case = selectors.case_for(scope, case_id)
    return services.case_answer(scope=scope, case=case, answer=payload.answer, by=request.auth)
