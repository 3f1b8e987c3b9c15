"""Open311 GeoReport v2: feedback kinds (and kind × topic) as services, cases as requests.

Requests are public in Open311, so what is listed carries no content and no personal data: the
reference, the service, the status and the dates.
"""

import json

from axes.helpers import get_client_ip_address
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt

from kvalitet import ratelimit
from kvalitet.core.errors import DomainError
from kvalitet.feedback import mail, services
from kvalitet.feedback.forms import CaseFieldsMixin
from kvalitet.feedback.models import OPEN_STATUSES, Channel, FeedbackCase, Kind, Topic
from kvalitet.feedback.views_public import RATE_CAPACITY, RATE_SECONDS
from kvalitet.organisations.models import Organisation


def _organisation(request, org_slug):
    return request.organisation or get_object_or_404(Organisation, slug=org_slug)


def _services(organisation):
    topics = list(Topic.objects.filter(organisation=organisation, is_active=True))
    rows = []
    for kind, label in Kind.choices:
        rows.append((kind, None, str(label)))
        rows.extend((kind, topic, f"{label}: {topic.name}") for topic in topics)
    return rows


def _code(kind, topic) -> str:
    return f"{kind}-{topic.pk}" if topic else kind


def services_list(request, org_slug):
    organisation = _organisation(request, org_slug)
    return JsonResponse(
        [
            {
                "service_code": _code(kind, topic),
                "service_name": name,
                "description": name,
                "metadata": False,
                "type": "realtime",
                "keywords": kind,
                "group": str(Kind(kind).label),
            }
            for kind, topic, name in _services(organisation)
        ],
        safe=False,
    )


def _request_json(case: FeedbackCase) -> dict:
    return {
        "service_request_id": case.reference,
        "status": "open" if case.status in OPEN_STATUSES else "closed",
        "service_code": _code(case.kind, case.topic),
        "requested_datetime": case.received_at.isoformat(),
        "updated_datetime": (case.answered_at or case.received_at).isoformat(),
        "expected_datetime": case.answer_due.isoformat(),
        "agency_responsible": case.organisation.name,
    }


def _error(status: int, code: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": code, "description": description}], status=status, safe=False)


@csrf_exempt
def requests_list(request, org_slug):
    organisation = _organisation(request, org_slug)
    if request.method == "POST":
        return _create(request, organisation)
    cases = FeedbackCase.objects.filter(organisation=organisation).select_related(
        "organisation", "topic"
    )
    wanted = request.GET.get("status")
    if wanted == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif wanted == "closed":
        cases = cases.exclude(status__in=OPEN_STATUSES)
    return JsonResponse([_request_json(case) for case in cases[:1000]], safe=False)


def _create(request, organisation):
    client = get_client_ip_address(request) or "unknown"
    if not ratelimit.allow("feedback", client, capacity=RATE_CAPACITY, per_seconds=RATE_SECONDS):
        return _error(429, 429, "Too many requests from this address; try again later.")
    data = request.POST
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return _error(400, 400, "The body is not valid JSON.")
    codes = {_code(kind, topic): (kind, topic) for kind, topic, _name in _services(organisation)}
    service = codes.get(str(data.get("service_code", "")))
    if service is None:
        return _error(400, 404, "service_code is missing or unknown.")
    description = str(data.get("description", "")).strip()
    name = " ".join(
        part for part in (str(data.get("first_name", "")), str(data.get("last_name", ""))) if part
    )
    form = CaseFieldsMixin(
        {
            "kind": service[0],
            "topic": service[1].pk if service[1] else "",
            "subject": description[:80] or str(Kind(service[0]).label),
            "text": description,
            "contact_name": name,
            "contact_email": str(data.get("email", "")),
            "contact_phone": str(data.get("phone", "")),
        },
        organisation=organisation,
    )
    if not form.is_valid():
        message = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
        return _error(400, 400, message)
    try:
        case, token = services.case_receive(
            organisation=organisation,
            channel=Channel.OPEN311,
            language=organisation.language,
            **form.cleaned_data,
        )
    except DomainError as error:
        return _error(error.status, error.status, error.message)
    return JsonResponse(
        # The notice carries the private status link: only the sender ever sees this answer.
        [
            {
                "service_request_id": case.reference,
                "service_notice": mail.status_url(case, token),
                "account_id": None,
            }
        ],
        status=201,
        safe=False,
    )


def request_detail(request, org_slug, reference):
    organisation = _organisation(request, org_slug)
    case = (
        FeedbackCase.objects.filter(organisation=organisation, reference=reference)
        .select_related("organisation", "topic")
        .first()
    )
    if case is None:
        raise Http404
    return JsonResponse([_request_json(case)], safe=False)
