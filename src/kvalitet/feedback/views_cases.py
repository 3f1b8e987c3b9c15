"""Staff pages for cases: the inbox, one case, and what can be done to it."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet import access, workdays
from kvalitet.core.decorators import member_required
from kvalitet.core.forms import query_without_page, submit
from kvalitet.feedback import deadlines, selectors, services
from kvalitet.feedback.forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    FilterForm,
    NoteForm,
    ShareForm,
)
from kvalitet.feedback.models import Attachment, FeedbackCase, Status
from kvalitet.files import file_response
from kvalitet.organisations.models import Unit
from kvalitet.organisations.selectors import people_to_choose

PAGE_SIZE = 50


def _people(scope):
    return people_to_choose(scope)


def _units(scope):
    return Unit.objects.filter(organisation=scope.organisation, is_active=True).order_by("path")


@member_required
def inbox(request, org_slug):
    scope = request.scope
    filters = FilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    cases = selectors.inbox(
        scope,
        selectors.InboxFilter(
            status=data.get("status", ""),
            kind=data.get("kind", ""),
            overdue=bool(data.get("overdue")),
            mine=bool(data.get("mine")),
            query=data.get("q", ""),
        ),
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "feedback/inbox.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "query": query_without_page(request),
            "today": timezone.localdate(),
            "can_register": scope.has_role(*access.EDITOR_ROLES, access.STAFF),
            "is_coordinator": scope.is_coordinator,
        },
    )


def _deadline_explanations(case: FeedbackCase) -> list[dict]:
    """How each deadline was counted: the working days and every day skipped, with the reason."""
    organisation = case.organisation
    closed = deadlines.closing_days(organisation)
    received = timezone.localtime(case.received_at).date()
    rows = []
    for label, due in ((_("Acknowledge"), case.acknowledge_due), (_("Answer"), case.answer_due)):
        working, day, skipped = 0, received, []
        while day < due:
            day += datetime.timedelta(days=1)
            reason = workdays.non_working_reason(
                day,
                country=organisation.country,
                closing_days=closed,
                language=deadlines.holiday_language(),
            )
            if reason:
                skipped.append({"day": day, "reason": _reason_label(reason)})
            else:
                working += 1
        rows.append({"label": label, "due": due, "working_days": working, "skipped": skipped})
    return rows


def _reason_label(reason: str) -> str:
    return {"weekend": _("weekend"), "closing day": _("closing day")}.get(reason, reason)


@member_required
def case_detail(request, org_slug, case_id):
    scope = request.scope
    case = selectors.case_for(scope, case_id)
    can_change = scope.can_change(case) or case.assignee_id == request.user.pk
    history = case.history.select_related("history_user").order_by("-history_date")[:50]
    context = {
        "case": case,
        "can_change": can_change,
        "notes": case.notes.select_related("author"),
        "attachments": case.attachments.all(),
        "shared_with": case.shared_with.all(),
        "history": history,
        "deadlines": _deadline_explanations(case),
        "today": timezone.localdate(),
        "next_statuses": [
            s for s in (Status.ACKNOWLEDGED, Status.IN_PROGRESS) if _allowed(case, s)
        ],
        "answer_form": AnswerForm(initial={"answer": case.answer}),
        "close_form": CloseForm(),
        "note_form": NoteForm(),
    }
    if can_change:
        context["assign_form"] = AssignForm(
            initial={"unit": case.unit_id, "assignee": case.assignee},
            units=_units(scope),
            people=_people(scope),
        )
        context["share_form"] = ShareForm(people=_people(scope))
    return render(request, "feedback/case_detail.html", context)


def _allowed(case, status) -> bool:
    from kvalitet.feedback.models import TRANSITIONS

    return status in TRANSITIONS.get(Status(case.status), set())


def _case_action(request, case_id, form, action, success: str):
    scope = request.scope
    case = selectors.case_for(scope, case_id)
    outcome = submit(request, form, lambda data: action(scope, case, data))
    if outcome.done:
        messages.success(request, success)
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors) or _("That could not be done."))
    response = redirect("feedback:case", org_slug=request.organisation.slug, case_id=case.pk)
    if not outcome.done:
        response.status_code = 303
    return response


@member_required
@require_POST
def case_transition(request, org_slug, case_id):
    from django import forms

    class TransitionForm(forms.Form):
        status = forms.ChoiceField(choices=Status.choices)

    return _case_action(
        request,
        case_id,
        TransitionForm(request.POST),
        lambda scope, case, data: services.case_transition(
            scope=scope, case=case, status=data["status"], by=request.user
        ),
        _("The status was changed."),
    )


@member_required
@require_POST
def case_answer(request, org_slug, case_id):
    return _case_action(
        request,
        case_id,
        AnswerForm(request.POST),
        lambda scope, case, data: services.case_answer(
            scope=scope, case=case, answer=data["answer"], by=request.user
        ),
        _("The answer was saved and sent."),
    )


@member_required
@require_POST
def case_close(request, org_slug, case_id):
    return _case_action(
        request,
        case_id,
        CloseForm(request.POST),
        lambda scope, case, data: services.case_close(
            scope=scope, case=case, by=request.user, **data
        ),
        _("The case was closed."),
    )


@member_required
@require_POST
def case_note(request, org_slug, case_id):
    return _case_action(
        request,
        case_id,
        NoteForm(request.POST),
        lambda scope, case, data: services.case_note_add(
            scope=scope, case=case, text=data["text"], by=request.user
        ),
        _("The note was added."),
    )


@member_required
@require_POST
def case_assign(request, org_slug, case_id):
    scope = request.scope
    return _case_action(
        request,
        case_id,
        AssignForm(request.POST, units=_units(scope), people=_people(scope)),
        lambda scope, case, data: services.case_assign(
            scope=scope, case=case, unit=data["unit"], assignee=data["assignee"], by=request.user
        ),
        _("The case was assigned."),
    )


@member_required
@require_POST
def case_share(request, org_slug, case_id):
    scope = request.scope
    return _case_action(
        request,
        case_id,
        ShareForm(request.POST, people=_people(scope)),
        lambda scope, case, data: services.case_share(
            scope=scope, case=case, person=data["person"], by=request.user
        ),
        _("The case was shared."),
    )


@member_required
def attachment_download(request, org_slug, feedback_attachment_id):
    attachment = request.scope.get_or_404(
        Attachment.objects.select_related("case"), pk=feedback_attachment_id
    )
    # Also reachable through the case's assignee or a share, as the case itself is.
    selectors.case_for(request.scope, attachment.case_id)
    if not attachment.file:
        raise Http404
    return file_response(attachment.file, filename=attachment.name)
