"""Reads for plans, actions, rounds, the actions × units matrix and the follow-up report."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.charts import Chart, bar_chart
from kvalitet.organisations.models import Unit
from kvalitet.plans.models import (
    Action,
    Assignment,
    Evidence,
    FollowUpRound,
    Judgement,
    Plan,
    Report,
    RoundStatus,
    Theme,
    WorkStatus,
)


def plans(scope: access.Scope) -> QuerySet[Plan]:
    return scope.visible(Plan.objects.all()).annotate(
        action_count=Count("actions", distinct=True),
        open_rounds=Count("rounds", filter=Q(rounds__status=RoundStatus.OPEN), distinct=True),
    )


def plan_detail(scope: access.Scope, plan_id: int) -> Plan:
    return scope.get_or_404(
        Plan.objects.select_related("owner_unit", "follow_up_unit", "follow_up_person"),
        pk=plan_id,
    )


def plan_actions(scope: access.Scope, plan: Plan) -> QuerySet[Action]:
    return (
        scope.visible(Action.objects.filter(plan=plan))
        .select_related("theme", "lead_unit", "follow_up_unit")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            Prefetch("see_also", queryset=Action.objects.only("id", "code", "plan_id")),
        )
        .order_by("code", "pk")
    )


def plan_themes(scope: access.Scope, plan: Plan) -> QuerySet[Theme]:
    return scope.visible(Theme.objects.filter(plan=plan))


def plan_rounds(scope: access.Scope, plan: Plan) -> QuerySet[FollowUpRound]:
    return scope.visible(FollowUpRound.objects.filter(plan=plan)).annotate(
        reported=Count("reports", filter=Q(reports__reported_at__isnull=False)),
        total=Count("reports"),
    )


def action_detail(scope: access.Scope, action_id: int) -> Action:
    return scope.get_or_404(
        Action.objects.select_related("plan", "theme", "lead_unit", "follow_up_unit"),
        pk=action_id,
    )


def action_assignments(scope: access.Scope, action: Action) -> QuerySet[Assignment]:
    return (
        scope.visible(Assignment.objects.filter(action=action))
        .select_related("unit")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("document"))
        )
        .order_by("unit__path")
    )


def action_reports(scope: access.Scope, action: Action) -> QuerySet[Report]:
    return (
        scope.visible(Report.objects.filter(assignment__action=action))
        .select_related("round", "unit")
        .order_by("-round__opened_at", "unit__path")
    )


def assignment_detail(scope: access.Scope, assignment_id: int) -> Assignment:
    return scope.get_or_404(
        Assignment.objects.select_related("unit", "action__plan"), pk=assignment_id
    )


def round_detail(scope: access.Scope, round_id: int) -> FollowUpRound:
    return scope.get_or_404(FollowUpRound.objects.select_related("plan"), pk=round_id)


@dataclass
class Matrix:
    actions: list[Action]
    units: list[Unit]
    cells: dict[tuple[int, int], Report]
    rows: list[dict[str, Any]] = field(default_factory=list)
    reported: int = 0
    total: int = 0


def matrix(scope: access.Scope, follow_up: FollowUpRound) -> Matrix:
    """Actions × units for one round; two queries whatever the size."""
    reports = list(
        scope.visible(Report.objects.filter(round=follow_up)).select_related(
            "assignment__action__theme", "unit"
        )
    )
    actions = {r.assignment.action_id: r.assignment.action for r in reports}
    units = {r.unit_id: r.unit for r in reports}
    for action in Action.objects.filter(plan_id=follow_up.plan_id).exclude(pk__in=list(actions)):
        actions[action.pk] = action
    result = Matrix(
        actions=sorted(actions.values(), key=lambda a: (a.code, a.pk)),
        units=sorted(units.values(), key=lambda u: u.path),
        cells={(r.assignment.action_id, r.unit_id): r for r in reports},
        reported=sum(1 for r in reports if r.is_reported),
        total=len(reports),
    )
    result.rows = [
        {"action": a, "cells": [result.cells.get((a.pk, u.pk)) for u in result.units]}
        for a in result.actions
    ]
    return result


def previous_round(follow_up: FollowUpRound) -> FollowUpRound | None:
    return (
        FollowUpRound.objects.filter(
            plan_id=follow_up.plan_id,
            status=RoundStatus.CLOSED,
            opened_at__lt=follow_up.opened_at,
        )
        .order_by("-opened_at")
        .first()
    )


@dataclass
class FollowUpReport:
    follow_up: FollowUpRound
    previous: FollowUpRound | None
    matrix: Matrix
    lines: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    charts: list[Chart]


def follow_up_report(scope: access.Scope, follow_up: FollowUpRound) -> FollowUpReport:
    current = matrix(scope, follow_up)
    previous = previous_round(follow_up)
    before: dict[int, Report] = {}
    if previous is not None:
        before = {
            r.assignment_id: r
            for r in scope.visible(Report.objects.filter(round=previous)).only(
                "assignment_id", "status", "judgement", "reported_at"
            )
        }
    lines, changes = [], []
    for row in current.rows:
        reports = [c for c in row["cells"] if c is not None]
        lines.append({"action": row["action"], "reports": reports})
        for report in reports:
            old = before.get(report.assignment_id)
            old_status = old.status if old else ""
            if previous is not None and report.status != old_status:
                changes.append({"report": report, "before": old, "action": row["action"]})
    all_reports = [c for row in current.rows for c in row["cells"] if c is not None]
    charts = [_status_chart(all_reports, list(before.values()) if previous else None, previous)]
    charts.append(_judgement_chart(all_reports))
    return FollowUpReport(follow_up, previous, current, lines, changes, charts)


def _status_chart(reports: list[Report], earlier: list[Report] | None, previous) -> Chart:
    labels = [*[str(c.label) for c in WorkStatus], _("Not reported")]
    keys = [*[c.value for c in WorkStatus], ""]

    def counts(items: list[Report]) -> list[float | None]:
        counter = Counter(r.status if r.reported_at else "" for r in items)
        return [float(counter.get(k, 0)) for k in keys]

    series: list[tuple[str, list[float | None]]] = [(_("This round"), counts(reports))]
    if earlier is not None and previous is not None:
        series.append((str(previous.title), counts(earlier)))
    return bar_chart(categories=labels, series=series, title=_("Assignments by status"), unit="")


def _judgement_chart(reports: list[Report]) -> Chart:
    counter = Counter(r.judgement for r in reports if r.reported_at)
    labels = [*[str(c.label) for c in Judgement], _("No assessment")]
    values: list[float | None] = [
        *[float(counter.get(c.value, 0)) for c in Judgement],
        float(counter.get("", 0)),
    ]
    return bar_chart(
        categories=labels, series=[(_("Assignments"), values)], title=_("Assessment of progress")
    )


def waiting_reports(scope: access.Scope) -> QuerySet[Report]:
    """Reports in open rounds for the units where the person may report, not yet reported."""
    return scope.changeable(
        Report.objects.filter(round__status=RoundStatus.OPEN, reported_at__isnull=True)
    )
