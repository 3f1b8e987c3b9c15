"""Writes for plans, actions, assignments and follow-up rounds: one transaction each."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.core.mail import send_templated
from kvalitet.history import attribute
from kvalitet.organisations.models import Membership, Role, Unit
from kvalitet.plans.models import (
    Action,
    Assignment,
    Evidence,
    FollowUpRound,
    Plan,
    Report,
    RoundStatus,
    Theme,
)

PLAN_FIELDS = {
    "title",
    "year_from",
    "year_to",
    "vision",
    "values",
    "goals",
    "adopted_by",
    "adopted_on",
    "owner_unit",
    "follow_up_person",
    "follow_up_unit",
    "status",
}
ACTION_FIELDS = {
    "code",
    "title",
    "description",
    "theme",
    "lead_unit",
    "follow_up_unit",
    "year_from",
    "year_to",
    "period_note",
    "status",
}


def _require_coordinator(scope: access.Scope) -> None:
    scope.require(scope.is_coordinator)


def _check_units(scope: access.Scope, units: Iterable[Unit | None]) -> None:
    for unit in units:
        if unit is not None and unit.organisation_id != scope.organisation.pk:
            raise Invalid(_("The unit %(unit)s belongs to another organisation.") % {"unit": unit})


def _check_years(year_from: int, year_to: int) -> None:
    if year_to < year_from:
        raise Invalid(_("The period must end in or after the year it starts."))


@transaction.atomic
def plan_create(*, scope: access.Scope, by: Person, **fields: Any) -> Plan:
    _require_coordinator(scope)
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {unknown}")
    _check_years(fields["year_from"], fields["year_to"])
    _check_units(scope, [fields.get("owner_unit"), fields.get("follow_up_unit")])
    plan = attribute(Plan(organisation=scope.organisation, **fields), by=by)
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, scope: access.Scope, plan: Plan, by: Person, **fields: Any) -> Plan:
    plan = scope.get_changeable_or_404(Plan.objects.select_for_update(), pk=plan.pk)
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {unknown}")
    for name, value in fields.items():
        setattr(plan, name, value)
    _check_years(plan.year_from, plan.year_to)
    _check_units(scope, [plan.owner_unit, plan.follow_up_unit])
    attribute(plan, by=by).save()
    return plan


@transaction.atomic
def theme_create(*, scope: access.Scope, plan: Plan, by: Person, code: str, title: str) -> Theme:
    plan = scope.get_changeable_or_404(Plan, pk=plan.pk)
    if Theme.objects.filter(plan=plan, code=code).exists():
        raise Conflict(_("The plan already has a theme with the code %(code)s.") % {"code": code})
    theme = attribute(
        Theme(organisation=plan.organisation, plan=plan, code=code, title=title), by=by
    )
    theme.save()
    return theme


def _check_action(scope: access.Scope, plan: Plan, action: Action, see_also: list[Action]) -> None:
    if action.theme is not None and action.theme.plan_id != plan.pk:
        raise Invalid(_("The theme belongs to another plan."))
    _check_units(scope, [action.lead_unit, action.follow_up_unit])
    _check_years(action.year_from, action.year_to)
    for other in see_also:
        if other.organisation_id != scope.organisation.pk or other.plan_id != plan.pk:
            raise Invalid(
                _(
                    "%(code)s is an action of another plan: a cross-reference must point to an "
                    "action of the same plan."
                )
                % {"code": other.code}
            )
        if other.pk == action.pk:
            raise Invalid(_("An action cannot refer to itself."))


def _sync_assignments(action: Action, units: list[Unit], by: Person | None) -> None:
    wanted = {unit.pk: unit for unit in units}
    existing = {a.unit_id: a for a in action.assignments.all()}
    removed = [a for unit_id, a in existing.items() if unit_id not in wanted]
    if any(a.reports.filter(reported_at__isnull=False).exists() for a in removed):
        raise Conflict(_("A unit that has already reported on this action cannot be taken off it."))
    for assignment in removed:
        assignment.delete()
    for unit_id, unit in wanted.items():
        if unit_id not in existing:
            assignment = attribute(
                Assignment(organisation_id=action.organisation_id, action=action, unit=unit),
                by=by,
            )
            assignment.save()
            for follow_up in FollowUpRound.objects.filter(
                plan_id=action.plan_id, status=RoundStatus.OPEN
            ):
                Report.objects.create(
                    organisation_id=action.organisation_id,
                    round=follow_up,
                    assignment=assignment,
                    unit=unit,
                )


@transaction.atomic
def action_create(
    *,
    scope: access.Scope,
    plan: Plan,
    by: Person,
    units: list[Unit],
    see_also: list[Action] = (),  # type: ignore[assignment]
    **fields: Any,
) -> Action:
    plan = scope.get_changeable_or_404(Plan, pk=plan.pk)
    if set(fields) - ACTION_FIELDS:
        raise TypeError(f"unknown action fields: {set(fields) - ACTION_FIELDS}")
    if Action.objects.filter(plan=plan, code=fields["code"]).exists():
        raise Conflict(
            _("The plan already has an action with the code %(code)s.") % {"code": fields["code"]}
        )
    action = Action(organisation=plan.organisation, plan=plan, **fields)
    _check_action(scope, plan, action, list(see_also))
    _check_units(scope, units)
    attribute(action, by=by).save()
    action.see_also.set(see_also)
    _sync_assignments(action, units, by)
    return action


@transaction.atomic
def action_update(
    *,
    scope: access.Scope,
    action: Action,
    by: Person,
    units: list[Unit] | None = None,
    see_also: list[Action] | None = None,
    **fields: Any,
) -> Action:
    action = scope.get_changeable_or_404(Action.objects.select_for_update(), pk=action.pk)
    if set(fields) - ACTION_FIELDS:
        raise TypeError(f"unknown action fields: {set(fields) - ACTION_FIELDS}")
    code = fields.get("code", action.code)
    if Action.objects.filter(plan_id=action.plan_id, code=code).exclude(pk=action.pk).exists():
        raise Conflict(_("The plan already has an action with the code %(code)s.") % {"code": code})
    for name, value in fields.items():
        setattr(action, name, value)
    _check_action(scope, action.plan, action, list(see_also or []))
    if units is not None:
        _check_units(scope, units)
    attribute(action, by=by).save()
    if see_also is not None:
        action.see_also.set(see_also)
    if units is not None:
        _sync_assignments(action, units, by)
    return action


@transaction.atomic
def see_also_add(*, scope: access.Scope, action: Action, other: Action, by: Person) -> None:
    """Refer `action` to `other` (and, being symmetrical, `other` to `action`)."""
    action = scope.get_changeable_or_404(Action, pk=action.pk)
    _check_action(scope, action.plan, action, [other])
    action.see_also.add(other)


@transaction.atomic
def assignment_update(
    *, scope: access.Scope, assignment: Assignment, by: Person, narrative: str
) -> Assignment:
    assignment = scope.get_changeable_or_404(
        Assignment.objects.select_for_update(), pk=assignment.pk
    )
    assignment.narrative = narrative
    assignment.updated_at = timezone.now()
    attribute(assignment, by=by).save()
    return assignment


@transaction.atomic
def evidence_add(
    *,
    scope: access.Scope,
    assignment: Assignment,
    by: Person,
    title: str,
    url: str = "",
    file: Any = None,
    document: Any = None,
) -> Evidence:
    assignment = scope.get_changeable_or_404(Assignment, pk=assignment.pk)
    if not (url or file or document):
        raise Invalid(_("Give a web address, a file or a handbook document."))
    if document is not None and document.organisation_id != scope.organisation.pk:
        raise Invalid(_("The document belongs to another organisation."))
    evidence = Evidence(
        organisation=assignment.organisation,
        assignment=assignment,
        title=title,
        url=url,
        document=document,
        added_by=by,
    )
    if file is not None:
        evidence.file = file
    attribute(evidence, by=by).save()
    return evidence


@transaction.atomic
def round_open(
    *, scope: access.Scope, plan: Plan, by: Person, kind: str, title: str, deadline
) -> FollowUpRound:
    plan = scope.get_changeable_or_404(Plan.objects.select_for_update(), pk=plan.pk)
    if FollowUpRound.objects.filter(plan=plan, status=RoundStatus.OPEN).exists():
        raise Conflict(_("The plan already has an open round: close it before opening another."))
    follow_up = attribute(
        FollowUpRound(
            organisation=plan.organisation, plan=plan, kind=kind, title=title, deadline=deadline
        ),
        by=by,
    )
    follow_up.save()
    Report.objects.bulk_create(
        Report(organisation=plan.organisation, round=follow_up, assignment=a, unit_id=a.unit_id)
        for a in Assignment.objects.filter(action__plan=plan)
    )
    return follow_up


def _open_round_of(report: Report) -> FollowUpRound:
    follow_up = FollowUpRound.objects.select_for_update().get(pk=report.round_id)
    if not follow_up.is_open:
        raise Conflict(_("The round is closed: its reports can no longer be changed."))
    return follow_up


def _report(scope: access.Scope, report: Report) -> Report:
    report = scope.get_or_404(Report.objects.select_related("assignment"), pk=report.pk)
    _open_round_of(report)
    scope.require(scope.can_change(report))
    return report


def _write_report(report: Report, *, by: Person, status: str, judgement: str, narrative: str):
    report.status = status
    report.judgement = judgement
    report.narrative = narrative
    report.reported_at = timezone.now()
    report.reported_by = by
    attribute(report, by=by).save()
    assignment = report.assignment
    assignment.status = status
    assignment.judgement = judgement
    assignment.narrative = narrative
    assignment.updated_at = report.reported_at
    attribute(assignment, by=by).save()


@transaction.atomic
def report_submit(
    *, scope: access.Scope, report: Report, by: Person, status: str, judgement: str, narrative: str
) -> Report:
    """A unit reports on its own assignment in an open round."""
    report = _report(scope, report)
    _write_report(report, by=by, status=status, judgement=judgement, narrative=narrative)
    return report


@transaction.atomic
def report_comment(*, scope: access.Scope, report: Report, by: Person, comment: str) -> Report:
    _require_coordinator(scope)
    report = scope.get_or_404(Report, pk=report.pk)
    _open_round_of(report)
    report.comment = comment
    attribute(report, by=by).save(update_fields=["comment"])
    return report


@transaction.atomic
def round_close(
    *, scope: access.Scope, follow_up: FollowUpRound, by: Person, summary: str = ""
) -> FollowUpRound:
    follow_up = scope.get_changeable_or_404(
        FollowUpRound.objects.select_for_update(), pk=follow_up.pk
    )
    if not follow_up.is_open:
        raise Conflict(_("The round is already closed."))
    follow_up.status = RoundStatus.CLOSED
    follow_up.closed_at = timezone.now()
    follow_up.summary = summary
    attribute(follow_up, by=by).save()
    return follow_up


def late_units(follow_up: FollowUpRound) -> list[Unit]:
    unit_ids = (
        Report.objects.filter(round=follow_up, reported_at__isnull=True)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("path"))


@transaction.atomic
def round_remind(*, scope: access.Scope, follow_up: FollowUpRound, by: Person) -> int:
    """Queue one reminder e-mail now to each network member and manager of every late unit."""
    follow_up = scope.get_changeable_or_404(FollowUpRound, pk=follow_up.pk)
    if not follow_up.is_open:
        raise Conflict(_("The round is closed."))
    units = late_units(follow_up)
    memberships = (
        Membership.objects.active()
        .filter(
            organisation=scope.organisation,
            unit__in=units,
            role__in=[Role.NETWORK_MEMBER, Role.MANAGER],
        )
        .select_related("person", "unit")
    )
    url = settings.SITE_URL.rstrip("/") + reverse(
        "plans:round",
        kwargs={"org_slug": scope.organisation.slug, "followup_round_id": follow_up.pk},
    )
    sent: set[int] = set()
    for membership in memberships:
        person = membership.person
        if person.pk in sent:
            continue
        sent.add(person.pk)
        send_templated(
            to=person.email,
            template="plans/email/reminder",
            context={"round": follow_up, "person": person, "unit": membership.unit, "url": url},
            language=getattr(person, "language", "") or scope.organisation.language,
            reply_to=by.email,
        )
    return len(sent)
