"""Reads for requirement sets, the matrix across units, a unit's history and document coverage."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kvalitet import access
from kvalitet.organisations.models import Unit
from kvalitet.requirements.models import (
    Assessment,
    AssessmentRound,
    Requirement,
    RequirementSet,
    RoundStatus,
    Verdict,
)


def requirement_sets(scope: access.Scope) -> QuerySet[RequirementSet]:
    return scope.visible(RequirementSet.objects.filter(is_current=True)).annotate(
        requirement_count=Count("requirements", distinct=True),
        open_rounds=Count("rounds", filter=Q(rounds__status=RoundStatus.OPEN), distinct=True),
    )


def set_detail(scope: access.Scope, set_id: int) -> RequirementSet:
    return scope.get_or_404(RequirementSet.objects.select_related("previous"), pk=set_id)


def set_requirements(scope: access.Scope, item: RequirementSet) -> QuerySet[Requirement]:
    return scope.visible(Requirement.objects.filter(requirement_set=item)).prefetch_related(
        "documents"
    )


def set_rounds(scope: access.Scope, item: RequirementSet) -> QuerySet[AssessmentRound]:
    return scope.visible(AssessmentRound.objects.filter(requirement_set=item)).annotate(
        answered=Count("assessments", filter=~Q(assessments__verdict="")),
        total=Count("assessments"),
    )


def requirement_detail(scope: access.Scope, requirement_id: int) -> Requirement:
    return scope.get_or_404(
        Requirement.objects.select_related("requirement_set"), pk=requirement_id
    )


def requirement_assessments(scope: access.Scope, requirement: Requirement):
    return (
        scope.visible(Assessment.objects.filter(requirement=requirement))
        .select_related("round", "unit")
        .order_by("-round__year", "unit__path")
    )


def requirements_covered_by(document, scope: access.Scope) -> QuerySet[Requirement]:
    """The requirements a handbook document covers (for the document page)."""
    return scope.visible(Requirement.objects.filter(documents=document)).select_related(
        "requirement_set"
    )


def round_detail(scope: access.Scope, round_id: int) -> AssessmentRound:
    return scope.get_or_404(AssessmentRound.objects.select_related("requirement_set"), pk=round_id)


@dataclass(slots=True)
class Cell:
    """One unit's assessment of one requirement as the matrix shows it (values, not a model: a
    round of the largest organisation has hundreds of assessments)."""

    pk: int
    requirement_id: int
    unit_id: int
    verdict: str
    comment: str
    verdict_label: str
    requirement: dict[str, Any] = field(default_factory=dict)
    unit: Unit | None = None
    url: str = ""


@dataclass
class Grid:
    requirements: list[dict[str, Any]]
    units: list[Unit]
    rows: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)  # units that do not yet meet


def round_matrix(scope: access.Scope, item: AssessmentRound) -> Grid:
    """Requirements × units for one round, in three queries whatever the size. Requirements are
    dicts with pk, number and title."""
    verdicts = {value: str(label) for value, label in Verdict.choices}
    # order_by(): the model's ordering would join requirement and unit only to sort.
    assessments = [
        Cell(pk, requirement_id, unit_id, verdict, comment, verdicts.get(verdict, verdict))
        for pk, requirement_id, unit_id, verdict, comment in scope.visible(
            Assessment.objects.filter(round=item)
        )
        .order_by()
        .values_list("pk", "requirement_id", "unit_id", "verdict", "comment")
    ]
    requirements = {
        pk: {"pk": pk, "number": number, "title": title}
        for pk, number, title in Requirement.objects.filter(
            pk__in={a.requirement_id for a in assessments}
        )
        .order_by("order", "pk")
        .values_list("pk", "number", "title")
    }
    units = {u.pk: u for u in Unit.objects.filter(pk__in={a.unit_id for a in assessments})}
    for cell in assessments:
        cell.requirement = requirements[cell.requirement_id]
        cell.unit = units[cell.unit_id]
    cells = {(a.requirement_id, a.unit_id): a for a in assessments}
    grid = Grid(
        requirements=list(requirements.values()),
        units=sorted(units.values(), key=lambda u: u.path),
    )
    grid.rows = [
        {"requirement": r, "cells": [cells.get((r["pk"], u.pk)) for u in grid.units]}
        for r in grid.requirements
    ]
    for unit in grid.units:
        missing = [
            cells[(r["pk"], unit.pk)]
            for r in grid.requirements
            if (r["pk"], unit.pk) in cells
            and cells[(r["pk"], unit.pk)].verdict in (Verdict.NOT_MET, Verdict.PARTLY, "")
        ]
        if missing:
            grid.gaps.append({"unit": unit, "assessments": missing})
    return grid


def unit_answers(scope: access.Scope, item: AssessmentRound, unit: Unit) -> list[Assessment]:
    return list(
        scope.visible(Assessment.objects.filter(round=item, unit=unit))
        .select_related("requirement", "unit")
        .prefetch_related(Prefetch("evidence"))
    )


def unit_history(scope: access.Scope, item: RequirementSet, unit: Unit) -> dict[str, Any]:
    """Each requirement (by number) across every round of every version of the set."""
    set_ids = [item.pk]
    previous = item.previous
    while previous is not None:
        set_ids.append(previous.pk)
        previous = previous.previous
    assessments = list(
        scope.visible(
            Assessment.objects.filter(round__requirement_set_id__in=set_ids, unit=unit)
        ).select_related("round", "requirement")
    )
    rounds = sorted({a.round for a in assessments}, key=lambda r: r.year)
    cells = {(a.requirement.number, a.round_id): a for a in assessments}
    rows = [
        {"requirement": r, "cells": [cells.get((r.number, rd.pk)) for rd in rounds]}
        for r in Requirement.objects.filter(requirement_set=item)
    ]
    return {"rounds": rounds, "rows": rows}


def waiting_assessments(scope: access.Scope) -> QuerySet[Assessment]:
    return scope.changeable(Assessment.objects.filter(round__status=RoundStatus.OPEN, verdict=""))
