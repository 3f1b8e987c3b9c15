"""Staff intake, the coordinator's set-up (routing, topics, deadlines, closing days) and data
protection (one person's data, erasure, failed e-mail)."""

import datetime
import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet import access, xlsx
from kvalitet.core.decorators import member_required, roles_required
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import submit
from kvalitet.feedback import selectors, services, services_privacy, services_setup
from kvalitet.feedback.forms import (
    ClosingDayForm,
    DeadlinesForm,
    IntakeForm,
    PersonDataForm,
    RoutingRuleForm,
    TopicForm,
)
from kvalitet.feedback.models import (
    CaseMail,
    ClosingDay,
    FeedbackSettings,
    Kind,
    RoutingRule,
    Topic,
)
from kvalitet.feedback.views_cases import _people, _units

COORDINATOR = access.COORDINATOR


@member_required
def intake(request, org_slug):
    scope = request.scope
    scope.require(scope.has_role(*access.EDITOR_ROLES, access.STAFF))
    form = IntakeForm(
        request.POST or None,
        organisation=scope.organisation,
        units=_units(scope),
        initial={"received_on": timezone.localdate()},
    )

    def action(data):
        received = data["received_on"]
        now = timezone.localtime()
        received_at = (
            now
            if received == now.date()
            else timezone.make_aware(datetime.datetime.combine(received, datetime.time(12)))
        )
        return services.case_register(
            scope=scope,
            by=request.user,
            kind=data["kind"],
            channel=data["channel"],
            topic=data["topic"],
            unit=data["unit"],
            subject=data["subject"],
            text=data["text"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            language=scope.organisation.language,
            received_at=received_at,
        )

    outcome = submit(request, form, action)
    if outcome.done:
        case, _token = outcome.result
        messages.success(
            request, _("The case %(reference)s was registered.") % {"reference": case.reference}
        )
        if selectors.visible_cases(scope).filter(pk=case.pk).exists():
            return redirect("feedback:case", org_slug=org_slug, case_id=case.pk)
        return redirect("feedback:inbox", org_slug=org_slug)
    return render(request, "feedback/intake.html", {"form": form}, status=outcome.status)


# --- set-up -------------------------------------------------------------------------------


@roles_required(COORDINATOR)
def setup(request, org_slug):
    scope = request.scope
    organisation = scope.organisation
    rules = {rule.kind: rule for rule in deadlines_rules(organisation)}
    settings_row = FeedbackSettings.objects.filter(organisation=organisation).first()
    initial = {"retention_months": settings_row.retention_months if settings_row else 24}
    for kind in Kind.values:
        ack, answer = (
            (rules[kind].acknowledge_days, rules[kind].answer_days)
            if kind in rules
            else (
                2,
                10,
            )
        )
        initial[f"{kind}_acknowledge"], initial[f"{kind}_answer"] = ack, answer
    form = DeadlinesForm(request.POST or None, initial=initial)
    outcome = submit(
        request,
        form,
        lambda data: services_setup.deadlines_set(
            scope=scope,
            days={k: (data[f"{k}_acknowledge"], data[f"{k}_answer"]) for k in Kind.values},
            retention_months=data["retention_months"],
            by=request.user,
        ),
    )
    if outcome.done:
        messages.success(request, _("The deadlines were saved."))
        return redirect("feedback:setup", org_slug=org_slug)
    return render(
        request,
        "feedback/setup.html",
        {
            "form": form,
            "rules": RoutingRule.objects.filter(organisation=organisation).select_related(
                "unit", "topic", "assignee"
            ),
            "topics": Topic.objects.filter(organisation=organisation).select_related("unit"),
            "closing_days": ClosingDay.objects.filter(organisation=organisation),
            "closing_form": ClosingDayForm(),
        },
        status=outcome.status,
    )


def deadlines_rules(organisation):
    from kvalitet.feedback.models import DeadlineRule

    return DeadlineRule.objects.filter(organisation=organisation)


def _edit(request, *, form, action, template, success, context=None):
    outcome = submit(request, form, action)
    if outcome.done:
        messages.success(request, success)
        return redirect("feedback:setup", org_slug=request.organisation.slug)
    return render(request, template, {"form": form, **(context or {})}, status=outcome.status)


@roles_required(COORDINATOR)
def rule_edit(request, org_slug, routing_rule_id=None):
    scope = request.scope
    rule = scope.get_or_404(RoutingRule, pk=routing_rule_id) if routing_rule_id else None
    form = RoutingRuleForm(
        request.POST or None,
        instance=rule,
        units=_units(scope),
        topics=Topic.objects.filter(organisation=scope.organisation),
        people=_people(scope),
    )
    fields = ["position", "kind", "topic", "words", "unit", "assignee", "is_active"]
    return _edit(
        request,
        form=form,
        action=lambda data: services_setup.routing_rule_save(
            scope=scope, rule=rule, by=request.user, **{f: data[f] for f in fields}
        ),
        template="feedback/rule_form.html",
        success=_("The routing rule was saved."),
        context={"rule": rule},
    )


@roles_required(COORDINATOR)
@require_POST
def rule_delete(request, org_slug, routing_rule_id):
    rule = request.scope.get_or_404(RoutingRule, pk=routing_rule_id)
    services_setup.routing_rule_delete(scope=request.scope, rule=rule, by=request.user)
    messages.success(request, _("The routing rule was deleted."))
    return redirect("feedback:setup", org_slug=org_slug)


@roles_required(COORDINATOR)
def topic_edit(request, org_slug, feedback_topic_id=None):
    scope = request.scope
    topic = scope.get_or_404(Topic, pk=feedback_topic_id) if feedback_topic_id else None
    form = TopicForm(request.POST or None, instance=topic, units=_units(scope))
    fields = ["name", "unit", "position", "is_active"]
    return _edit(
        request,
        form=form,
        action=lambda data: services_setup.topic_save(
            scope=scope, topic=topic, by=request.user, **{f: data[f] for f in fields}
        ),
        template="feedback/topic_form.html",
        success=_("The topic was saved."),
        context={"topic": topic},
    )


@roles_required(COORDINATOR)
@require_POST
def closing_day_add(request, org_slug):
    scope = request.scope
    form = ClosingDayForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda data: services_setup.closing_day_add(
            scope=scope, day=data["day"], reason=data["reason"], by=request.user
        ),
    )
    if outcome.done:
        messages.success(request, _("The closing day was added."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("feedback:setup", org_slug=org_slug)


@roles_required(COORDINATOR)
@require_POST
def closing_day_delete(request, org_slug, closing_day_id):
    closing = request.scope.get_or_404(ClosingDay, pk=closing_day_id)
    services_setup.closing_day_delete(scope=request.scope, closing=closing, by=request.user)
    messages.success(request, _("The closing day was removed."))
    return redirect("feedback:setup", org_slug=org_slug)


# --- data protection ----------------------------------------------------------------------


@roles_required(COORDINATOR)
def person_data(request, org_slug):
    scope = request.scope
    form = PersonDataForm(request.GET or None)
    cases = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        cases = list(services_privacy.cases_of_person(scope, email))
        export = request.GET.get("format")
        if export in ("json", "xlsx"):
            return _export(cases, email, export)
    return render(
        request,
        "feedback/person_data.html",
        {"form": form, "cases": cases},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _export(cases, email: str, export: str) -> HttpResponse:
    fields = [
        "reference",
        "kind",
        "channel",
        "status",
        "subject",
        "text",
        "contact_name",
        "contact_email",
        "contact_phone",
        "answer",
        "outcome",
    ]
    records = []
    for case in cases:
        record = {name: getattr(case, name) for name in fields}
        record["received_at"] = case.received_at.isoformat()
        record["unit"] = str(case.unit) if case.unit else ""
        record["notes"] = [note.text for note in case.notes.all()]
        records.append(record)
    if export == "json":
        response = HttpResponse(
            json.dumps({"email": email, "cases": records}, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="feedback-person.json"'
        return response
    headers = [*fields, "received_at", "unit", "notes"]
    rows = [[*(r[h] for h in headers[:-1]), "\n".join(r["notes"])] for r in records]
    return xlsx.workbook_response(
        filename="feedback-person.xlsx", sheets=[xlsx.Sheet("Feedback", headers, rows)]
    )


@roles_required(COORDINATOR)
@require_POST
def person_erase(request, org_slug):
    form = PersonDataForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address."))
        return redirect("feedback:person_data", org_slug=org_slug)
    count = services_privacy.person_erase(
        scope=request.scope, email=form.cleaned_data["email"], by=request.user
    )
    messages.success(request, _("%(count)s cases were anonymised.") % {"count": count})
    return redirect("feedback:person_data", org_slug=org_slug)


@roles_required(COORDINATOR)
def mail_failures(request, org_slug):
    return render(
        request,
        "feedback/mail_failures.html",
        {"mails": selectors.failed_mails(request.scope)},
    )


@roles_required(COORDINATOR)
@require_POST
def mail_retry(request, org_slug, case_mail_id):
    case_mail = request.scope.get_or_404(CaseMail, pk=case_mail_id)
    try:
        services_privacy.mail_retry(scope=request.scope, case_mail=case_mail, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The e-mail was queued again."))
    return redirect("feedback:mail_failures", org_slug=org_slug)
