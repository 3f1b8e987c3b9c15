"""Action plans in the data set: one four-year plan per organisation with themes, coded actions,
assignments to responsible units, a closed and an open follow-up round and the units' reports."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

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


def _actions_of(world, org) -> int:
    return world.share(world.scale.actions, org, minimum=8)


def tables(world):
    from kvalitet.bench.generate import END
    from kvalitet.plans.models import Action, Assignment, FollowUpRound, Plan, Report, Theme

    orgs = world.organisations
    year = END.year
    ids = {
        org.index: {
            "plan": world.ids.take("plans.Plan"),
            "theme": world.ids.take("plans.Theme", THEMES),
            "action": world.ids.take("plans.Action", _actions_of(world, org)),
            "round": world.ids.take("plans.FollowUpRound", 2),
        }
        for org in orgs
    }
    # Responsible units per action, drawn once so that assignments and reports agree.
    assigned: dict[int, list[list[int]]] = {}
    for org in orgs:
        rng = world.rng("assignments", org.index)
        below = [u.id for u in org.units[1:]]
        assigned[org.index] = [
            rng.sample(below, min(len(below), rng.randint(1, 3)))
            for _ in range(_actions_of(world, org))
        ]
    first_assignment = {
        org.index: world.ids.take("plans.Assignment", sum(map(len, assigned[org.index])))
        for org in orgs
    }

    def plans() -> Iterator[dict]:
        for org in orgs:
            yield {
                "id": ids[org.index]["plan"],
                "organisation_id": org.id,
                "title": f"{PLAN_TITLES[org.language]} {year - 2}–{year + 1}",
                "year_from": year - 2,
                "year_to": year + 1,
                "adopted_by": "Kommunalbestyrelsen"
                if org.language == "da"
                else "Kommunfullmäktige",
                "adopted_on": datetime.date(year - 3, 12, 10),
                "owner_unit_id": org.root.id,
                "follow_up_person_id": org.coordinator.id,
                "follow_up_unit_id": org.root.id,
                "status": "adopted",
                "created_at": END - datetime.timedelta(days=3 * 365),
            }

    def themes() -> Iterator[dict]:
        for org in orgs:
            text = TextMaker(org.language, world.rng("themes", org.index), pool_size=0)
            for number in range(THEMES):
                yield {
                    "id": ids[org.index]["theme"] + number,
                    "organisation_id": org.id,
                    "plan_id": ids[org.index]["plan"],
                    "code": str(number + 1),
                    "title": text.phrase(2).capitalize()[:200],
                }

    def actions() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("actions", org.index)
            text = TextMaker(org.language, world.rng("action-text", org.index), pool_size=100)
            for number in range(_actions_of(world, org)):
                theme = number % THEMES
                units = assigned[org.index][number]
                yield {
                    "id": ids[org.index]["action"] + number,
                    "organisation_id": org.id,
                    "plan_id": ids[org.index]["plan"],
                    "theme_id": ids[org.index]["theme"] + theme,
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
            next_id = first_assignment[org.index]
            for number, units in enumerate(assigned[org.index]):
                for unit_id in units:
                    yield {
                        "id": next_id,
                        "organisation_id": org.id,
                        "action_id": ids[org.index]["action"] + number,
                        "unit_id": unit_id,
                        "status": rng.choice(STATUSES),
                        "judgement": rng.choice(JUDGEMENTS),
                        "narrative": "",
                        "updated_at": END - datetime.timedelta(days=rng.randint(1, 300)),
                    }
                    next_id += 1

    def rounds() -> Iterator[dict]:
        for org in orgs:
            for number, (kind, closed) in enumerate((("yearly", True), ("midterm", False))):
                opened = END - datetime.timedelta(days=400 if closed else 30)
                yield {
                    "id": ids[org.index]["round"] + number,
                    "organisation_id": org.id,
                    "plan_id": ids[org.index]["plan"],
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
            for number in range(2):
                round_id = ids[org.index]["round"] + number
                closed = number == 0
                assignment_id = first_assignment[org.index]
                for units in assigned[org.index]:
                    for unit_id in units:
                        reported = closed or rng.random() < 0.6
                        yield {
                            "id": world.ids.take("plans.Report"),
                            "organisation_id": org.id,
                            "round_id": round_id,
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

    n_assignments = sum(sum(map(len, a)) for a in assigned.values())
    return [
        (Plan, plans, len(orgs)),
        (Theme, themes, THEMES * len(orgs)),
        (Action, actions, sum(_actions_of(world, o) for o in orgs)),
        (Assignment, assignments, n_assignments),
        (FollowUpRound, rounds, 2 * len(orgs)),
        (Report, reports, 2 * n_assignments),
    ]


def after_load(world, *, progress: bool = True, stream=None) -> None:
    return None
