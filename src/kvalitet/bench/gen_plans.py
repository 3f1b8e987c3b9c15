"""Action plans in the data set: several four-year plans per organisation (one per department and
area, as municipalities keep them), each with themes, coded actions, assignments to responsible
units, a closed and an open follow-up round and the units' reports."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from kvalitet.bench.text import TextMaker

MODELS = [
    "plans.Plan",
    "plans.Theme",
    "plans.Action",
    "plans.Assignment",
    "plans.FollowUpRound",
    "plans.Report",
]
PLAN_TITLES = {
    "da": "Handlingsplan for kvalitetsarbejdet",
    "sv": "Handlingsplan för kvalitetsarbetet",
}
STATUSES = ["not_started", "ongoing", "ongoing", "ongoing", "done", "done", "delayed"]
JUDGEMENTS = ["on_track", "on_track", "on_track", "at_risk", "off_track"]
THEMES = 5
# Real plans hold some ten to a hundred and twenty actions (the seed plan has 15); a large
# municipality has many of them rather than one plan of thousands.
SMALLEST_PLAN, LARGEST_PLAN = 8, 120
ROUNDS = (("yearly", True), ("midterm", False))


@dataclass
class PlanRow:
    id: int
    size: int
    owner_unit_id: int
    area: str  # in the title: the owning department, numbered when it owns several plans
    first_theme: int
    first_action: int
    first_round: int
    units: list[list[int]]  # responsible units per action
    first_assignment: int = 0


def _actions_of(world, org) -> int:
    return world.share(world.scale.actions, org, minimum=SMALLEST_PLAN)


def plan_sizes(total: int, rng) -> list[int]:
    """`total` actions cut into plans of SMALLEST_PLAN..LARGEST_PLAN, the largest plan last (it
    gets the newest follow-up rounds, so the benchmark's "newest visible round" is its report)."""
    sizes = []
    remaining = total
    while remaining > LARGEST_PLAN:
        size = rng.randint(SMALLEST_PLAN, min(LARGEST_PLAN, remaining - SMALLEST_PLAN))
        sizes.append(size)
        remaining -= size
    sizes.append(remaining)
    sizes.append(sizes.pop(sizes.index(max(sizes))))
    return sizes


def _plans_of(world, org) -> list[PlanRow]:
    rng = world.rng("plans", org.index)
    owners = org.departments() or [org.root]
    below = list(org.units[1:]) or [org.root]
    rows = []
    for number, size in enumerate(plan_sizes(_actions_of(world, org), rng)):
        turn, nth = divmod(number, len(owners))
        owner = owners[nth]
        # The owning department's own units answer for its actions, or the whole organisation's
        # when the department has too few.
        own = [u.id for u in below if u.path.startswith(owner.path)]
        pool = own if len(own) >= 3 else [u.id for u in below]
        units = [rng.sample(pool, min(len(pool), rng.randint(1, 3))) for _ in range(size)]
        rows.append(
            PlanRow(
                id=world.ids.take("plans.Plan"),
                size=size,
                owner_unit_id=owner.id,
                area=f"{owner.name} {turn + 1}" if turn else owner.name,
                first_theme=world.ids.take("plans.Theme", THEMES),
                first_action=world.ids.take("plans.Action", size),
                first_round=world.ids.take("plans.FollowUpRound", len(ROUNDS)),
                units=units,
            )
        )
    return rows


def tables(world):
    from kvalitet.bench.generate import END
    from kvalitet.plans.models import Action, Assignment, FollowUpRound, Plan, Report, Theme

    orgs = world.organisations
    year = END.year
    plans_of = {org.index: _plans_of(world, org) for org in orgs}
    all_plans = [(org, plan) for org in orgs for plan in plans_of[org.index]]
    for _org, plan in all_plans:
        plan.first_assignment = world.ids.take("plans.Assignment", sum(map(len, plan.units)))

    def plans() -> Iterator[dict]:
        for org, plan in all_plans:
            yield {
                "id": plan.id,
                "organisation_id": org.id,
                "title": f"{PLAN_TITLES[org.language]}: {plan.area} {year - 2}–{year + 1}"[:200],
                "year_from": year - 2,
                "year_to": year + 1,
                "adopted_by": "Kommunalbestyrelsen"
                if org.language == "da"
                else "Kommunfullmäktige",
                "adopted_on": datetime.date(year - 3, 12, 10),
                "owner_unit_id": plan.owner_unit_id,
                "follow_up_person_id": org.coordinator.id,
                "follow_up_unit_id": org.root.id,
                "status": "adopted",
                "created_at": END - datetime.timedelta(days=3 * 365),
            }

    def themes() -> Iterator[dict]:
        for org in orgs:
            text = TextMaker(org.language, world.rng("themes", org.index), pool_size=0)
            for plan in plans_of[org.index]:
                for number in range(THEMES):
                    yield {
                        "id": plan.first_theme + number,
                        "organisation_id": org.id,
                        "plan_id": plan.id,
                        "code": str(number + 1),
                        "title": text.phrase(2).capitalize()[:200],
                    }

    def actions() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("actions", org.index)
            text = TextMaker(org.language, world.rng("action-text", org.index), pool_size=100)
            for plan in plans_of[org.index]:
                for number, units in enumerate(plan.units):
                    theme = number % THEMES
                    yield {
                        "id": plan.first_action + number,
                        "organisation_id": org.id,
                        "plan_id": plan.id,
                        "theme_id": plan.first_theme + theme,
                        "code": f"{theme + 1}.{number // THEMES + 1} A",
                        "title": text.title()[:250],
                        "description": rng.choice(text.pool),
                        "lead_unit_id": units[0],
                        "follow_up_unit_id": org.root.id,
                        "year_from": year - 2 + rng.randint(0, 1),
                        "year_to": year + rng.randint(0, 1),
                        "status": rng.choice(["planned", "ongoing", "ongoing", "done"]),
                    }

    def assignments() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("assignment-status", org.index)
            for plan in plans_of[org.index]:
                next_id = plan.first_assignment
                for number, units in enumerate(plan.units):
                    for unit_id in units:
                        yield {
                            "id": next_id,
                            "organisation_id": org.id,
                            "action_id": plan.first_action + number,
                            "unit_id": unit_id,
                            "status": rng.choice(STATUSES),
                            "judgement": rng.choice(JUDGEMENTS),
                            "narrative": "",
                            "updated_at": END - datetime.timedelta(days=rng.randint(1, 300)),
                        }
                        next_id += 1

    def rounds() -> Iterator[dict]:
        for org, plan in all_plans:
            for number, (kind, closed) in enumerate(ROUNDS):
                opened = END - datetime.timedelta(days=400 if closed else 30)
                yield {
                    "id": plan.first_round + number,
                    "organisation_id": org.id,
                    "plan_id": plan.id,
                    "kind": kind,
                    "title": f"{kind.capitalize()} {opened.year}",
                    "deadline": (opened + datetime.timedelta(days=45)).date(),
                    "status": "closed" if closed else "open",
                    "opened_at": opened,
                    "closed_at": opened + datetime.timedelta(days=60) if closed else None,
                    "summary": "",
                }

    def reports() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("reports", org.index)
            text = TextMaker(org.language, world.rng("report-text", org.index), pool_size=60)
            reporters = org.of_role("network_member") + org.of_role("manager")
            for plan in plans_of[org.index]:
                for number, (_kind, closed) in enumerate(ROUNDS):
                    assignment_id = plan.first_assignment
                    for units in plan.units:
                        for unit_id in units:
                            reported = closed or rng.random() < 0.6
                            yield {
                                "id": world.ids.take("plans.Report"),
                                "organisation_id": org.id,
                                "round_id": plan.first_round + number,
                                "assignment_id": assignment_id,
                                "unit_id": unit_id,
                                "status": rng.choice(STATUSES) if reported else "",
                                "judgement": rng.choice(JUDGEMENTS) if reported else "",
                                "narrative": rng.choice(text.pool) if reported else "",
                                "comment": "",
                                "reported_at": END - datetime.timedelta(days=rng.randint(1, 300))
                                if reported
                                else None,
                                "reported_by_id": rng.choice(reporters).id if reported else None,
                            }
                            assignment_id += 1

    n_assignments = sum(sum(map(len, plan.units)) for _org, plan in all_plans)
    return [
        (Plan, plans, len(all_plans)),
        (Theme, themes, THEMES * len(all_plans)),
        (Action, actions, sum(plan.size for _org, plan in all_plans)),
        (Assignment, assignments, n_assignments),
        (FollowUpRound, rounds, len(ROUNDS) * len(all_plans)),
        (Report, reports, len(ROUNDS) * n_assignments),
    ]


def after_load(world, *, progress: bool = True, stream=None) -> None:
    return None
