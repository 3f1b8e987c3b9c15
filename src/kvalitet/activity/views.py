"""The activity log: who changed what and when, for the organisation or one record."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import render

from kvalitet import access
from kvalitet.activity import selectors
from kvalitet.activity.forms import ActivityFilterForm
from kvalitet.core.decorators import roles_required
from kvalitet.core.forms import query_without_page
from kvalitet.organisations.selectors import people_to_choose

PAGE_SIZE = 50


def _content_type(label: str) -> ContentType | None:
    app_label, _dot, model = label.partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None


@roles_required(access.COORDINATOR, access.AUDITOR)
def activity_list(request, org_slug):
    scope = request.scope
    kinds = selectors.record_kinds()
    form = ActivityFilterForm(
        request.GET or None, kinds=kinds, people=people_to_choose(scope, former=True)
    )
    status = 200
    filters: dict = {}
    record_label = ""
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        if data["kind"]:
            filters["content_type"] = _content_type(data["kind"])
        if data["record"]:
            label, _colon, object_id = data["record"].partition(":")
            filters["content_type"] = _content_type(label)
            filters["object_id"] = object_id
            record_label = data["record"]
        if data["actor"]:
            filters["actor_id"] = data["actor"].pk
        filters["since"], filters["until"] = data["since"], data["until"]
    if "content_type" in filters and filters["content_type"] is None:
        entries = selectors.activity(scope).none()
    else:
        entries = (
            selectors.activity(scope, **filters)
            if status == 200
            else selectors.activity(scope).none()
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "activity/list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "record_label": record_label,
            "query": query_without_page(request),
        },
        status=status,
    )
