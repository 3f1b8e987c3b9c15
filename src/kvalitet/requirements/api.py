"""API endpoints of requirement sets: sets, requirements, rounds and assessments."""

import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kvalitet.api import Pagination, scope_for_request
from kvalitet.requirements import selectors, services
from kvalitet.requirements.models import Assessment, Verdict

router = Router(tags=["requirements"])


class Error(Schema):
    detail: str


class SetOut(Schema):
    id: int
    title: str
    source: str
    version: int
    is_current: bool


class RequirementOut(Schema):
    id: int
    number: str
    title: str
    text: str


class AssessmentOut(Schema):
    id: int
    round_id: int
    requirement_id: int
    unit_id: int
    verdict: str
    comment: str
    assessed_at: datetime.datetime | None


class AssessmentIn(Schema):
    verdict: Verdict | None = None
    comment: str = Field(default="", max_length=20000)


PREFIX = "/organisations/{org_slug}/requirement-sets"


@router.get(PREFIX, response={200: list[SetOut], 404: Error})
@paginate(Pagination)
def set_list(request, org_slug: str):
    return selectors.requirement_sets(scope_for_request(request, org_slug))


@router.get(PREFIX + "/{set_id}/requirements", response={200: list[RequirementOut], 404: Error})
def requirement_list(request, org_slug: str, set_id: int):
    scope = scope_for_request(request, org_slug)
    return list(selectors.set_requirements(scope, selectors.set_detail(scope, set_id)))


@router.get(
    PREFIX + "/rounds/{round_id}/assessments", response={200: list[AssessmentOut], 404: Error}
)
@paginate(Pagination)
def assessment_list(request, org_slug: str, round_id: int):
    scope = scope_for_request(request, org_slug)
    item = selectors.round_detail(scope, round_id)
    return scope.visible(Assessment.objects.filter(round=item)).order_by("pk")


@router.put(
    PREFIX + "/assessments/{assessment_id}",
    response={200: AssessmentOut, 403: Error, 404: Error, 409: Error, 422: Error},
)
def assessment_save(request, org_slug: str, assessment_id: int, payload: AssessmentIn):
    scope = scope_for_request(request, org_slug)
    assessment = scope.get_or_404(
        Assessment.objects.select_related("round", "unit"), pk=assessment_id
    )
    services.assessments_save(
        scope=scope,
        assessment_round=assessment.round,
        unit=assessment.unit,
        by=request.auth,
        answers={assessment.pk: (payload.verdict or "", payload.comment)},
    )
    assessment.refresh_from_db()
    return assessment
