"""Reads for plans, actions, rounds, the actions × units matrix and the follow-up report."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
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
    action_period,
)


def _per_plan(queryset: QuerySet) -> Coalesce:
    """How many rows of `queryset` each plan has, as a subquery on the plan_id index: counting
    through two joins multiplied every plan's actions by its rounds (4 ms on 35 plans)."""
    counted = queryset.filter(plan=OuterRef("pk")).order_by().values("plan")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def plans(scope: access.Scope) -> QuerySet[Plan]:
    return scope.visible(Plan.objects.all()).annotate(
        action_count=_per_plan(Action.objects.all()),
        open_rounds=_per_plan(FollowUpRound.objects.filter(status=RoundStatus.OPEN)),
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


@dataclass(slots=True)
class ActionRow:
    """An action as the plan's page lists it: read as values, its responsible units' and
    see-also codes by one query each (the largest plans have 120 actions)."""

    pk: int
    code: str
    title: str
    theme_id: int | None
    follow_up_unit_code: str | None
    period: str
    unit_codes: list[str] = field(default_factory=list)
    see_also_codes: list[str] = field(default_factory=list)
    url: str = ""


def plan_action_rows(scope: access.Scope, plan: Plan) -> list[ActionRow]:
    """The plan's actions by code, in three queries whatever their number."""
    fields = ["pk", "code", "title", "theme_id", "follow_up_unit__code"]
    rows = {
        pk: ActionRow(pk, code, title, theme_id, unit_code, action_period(start, end, note))
        for pk, code, title, theme_id, unit_code, start, end, note in scope.visible(
            Action.objects.filter(plan=plan)
        )
        .order_by("code", "pk")
        .values_list(*fields, "year_from", "year_to", "period_note")
    }
    assignments = (
        scope.visible(Assignment.objects.filter(action__plan=plan))
        .order_by("unit__path", "pk")
        .values_list("action_id", "unit__code")
    )
    for action_id, unit_code in assignments:
        if action_id in rows:
            rows[action_id].unit_codes.append(unit_code)
    links = (
        Action.see_also.through.objects.filter(from_action__plan=plan)
        .order_by("to_action__code", "to_action_id")
        .values_list("from_action_id", "to_action__code")
    )
    for action_id, other_code in links:
        if action_id in rows:
            rows[action_id].see_also_codes.append(other_code)
    return list(rows.values())


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


@dataclass(slots=True)
class Cell:
    """One unit's report on one action, as the values the pages show (no model instance: the
    largest plans have 600 reports a round, and building them with their relations cost more
    than the page's budget)."""

    pk: int
    assignment_id: int
    action_id: int
    unit_id: int
    status: str
    judgement: str
    comment: str
    reported_at: datetime | None
    narrative: str = ""
    status_label: str = ""
    judgement_label: str = ""
    unit: Unit | None = None
    can_report: bool = False
    url: str = ""

    @property
    def is_reported(self) -> bool:
        return self.reported_at is not None


@dataclass
class Matrix:
    actions: list[dict[str, Any]]
    units: list[Unit]
    cells: dict[tuple[int, int], Cell]
    rows: list[dict[str, Any]] = field(default_factory=list)
    reported: int = 0
    total: int = 0


def _cells(scope: access.Scope, follow_up: FollowUpRound, *, narratives: bool) -> list[Cell]:
    fields = ["pk", "assignment_id", "assignment__action_id", "unit_id", "status", "judgement"]
    fields += ["comment", "reported_at"] + (["narrative"] if narratives else [])
    # order_by(): the model's ordering would join action and unit only to sort.
    rows = scope.visible(Report.objects.filter(round=follow_up)).order_by().values_list(*fields)
    statuses = {value: str(label) for value, label in WorkStatus.choices}
    judgements = {value: str(label) for value, label in Judgement.choices}
    cells = []
    for pk, assignment_id, action_id, unit_id, status, judgement, comment, at, *rest in rows:
        cells.append(
            Cell(
                pk=pk,
                assignment_id=assignment_id,
                action_id=action_id,
                unit_id=unit_id,
                status=status,
                judgement=judgement,
                comment=comment,
                reported_at=at,
                narrative=rest[0] if rest else "",
                status_label=statuses.get(status, status),
                judgement_label=judgements.get(judgement, judgement),
            )
        )
    return cells


def matrix(scope: access.Scope, follow_up: FollowUpRound, *, narratives: bool = False) -> Matrix:
    """Actions × units for one round; three queries whatever the size. Actions are dicts with
    pk, code and title; a cell is a Cell or None."""
    cells = _cells(scope, follow_up, narratives=narratives)
    units = {u.pk: u for u in Unit.objects.filter(pk__in={c.unit_id for c in cells})}
    for cell in cells:
        cell.unit = units[cell.unit_id]
    actions = [
        {"pk": pk, "code": code, "title": title}
        for pk, code, title in Action.objects.filter(plan_id=follow_up.plan_id)
        .order_by("code", "pk")
        .values_list("pk", "code", "title")
    ]
    result = Matrix(
        actions=actions,
        units=sorted(units.values(), key=lambda u: u.path),
        cells={(c.action_id, c.unit_id): c for c in cells},
        reported=sum(1 for c in cells if c.is_reported),
        total=len(cells),
    )
    result.rows = [
        {"action": a, "cells": [result.cells.get((a["pk"], u.pk)) for u in result.units]}
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
    current = matrix(scope, follow_up, narratives=True)
    previous = previous_round(follow_up)
    before: dict[int, Cell] = {}
    if previous is not None:
        before = {c.assignment_id: c for c in _cells(scope, previous, narratives=False)}
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


def _status_chart(reports: list[Cell], earlier: list[Cell] | None, previous) -> Chart:
    labels = [*[str(c.label) for c in WorkStatus], _("Not reported")]
    keys = [*[c.value for c in WorkStatus], ""]

    def counts(items: list[Cell]) -> list[float | None]:
        counter = Counter(r.status if r.reported_at else "" for r in items)
        return [float(counter.get(k, 0)) for k in keys]

    series: list[tuple[str, list[float | None]]] = [(_("This round"), counts(reports))]
    if earlier is not None and previous is not None:
        series.append((str(previous.title), counts(earlier)))
    return bar_chart(categories=labels, series=series, title=_("Assignments by status"), unit="")


def _judgement_chart(reports: list[Cell]) -> Chart:
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
