"""Requirement sets in the data set: one set of numbered requirements per organisation (clause
numbers with short titles, in the organisation's language), a closed and an open assessment round
over the departments, and each department's assessment of each requirement."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from kvalitet.bench.text import TextMaker

MODELS = [
    "requirements.RequirementSet",
    "requirements.Requirement",
    "requirements.AssessmentRound",
    "requirements.AssessmentRound_units",
    "requirements.Assessment",
]
TITLES = {"da": "Minimumskrav til kvalitetsstyring", "sv": "Grundkrav för kvalitetsarbetet"}
# Clause numbers of a management-system standard: 4.1 … 10.3.
NUMBERS = [
    f"{clause}.{part}"
    for clause, parts in ((4, 4), (5, 3), (6, 3), (7, 5), (8, 7), (9, 3), (10, 3))
    for part in range(1, parts + 1)
]
VERDICTS = ["met"] * 6 + ["partly"] * 3 + ["not_met", "na"]


def tables(world):
    from kvalitet.bench.generate import END
    from kvalitet.requirements.models import (
        Assessment,
        AssessmentRound,
        Requirement,
        RequirementSet,
    )

    orgs = world.organisations
    Through = AssessmentRound.units.through
    ids = {
        org.index: {
            "set": world.ids.take("requirements.RequirementSet"),
            "requirement": world.ids.take("requirements.Requirement", len(NUMBERS)),
            "round": world.ids.take("requirements.AssessmentRound", 2),
        }
        for org in orgs
    }

    def sets() -> Iterator[dict]:
        for org in orgs:
            yield {
                "id": ids[org.index]["set"],
                "organisation_id": org.id,
                "title": TITLES[org.language],
                "description": "",
                "version": 1,
                "previous_id": None,
                "is_current": True,
                "created_at": END - datetime.timedelta(days=3 * 365),
            }

    def requirements() -> Iterator[dict]:
        for org in orgs:
            text = TextMaker(org.language, world.rng("requirements", org.index), pool_size=30)
            for order, number in enumerate(NUMBERS):
                yield {
                    "id": ids[org.index]["requirement"] + order,
                    "organisation_id": org.id,
                    "requirement_set_id": ids[org.index]["set"],
                    "number": number,
                    "title": text.phrase(2).capitalize()[:250],
                    "text": text.pool[order % len(text.pool)],
                    "order": order,
                }

    def rounds() -> Iterator[dict]:
        for org in orgs:
            for number, closed in enumerate((True, False)):
                year = END.year - 1 + number
                opened = datetime.datetime(year, 3, 1, 8, tzinfo=datetime.UTC)
                yield {
                    "id": ids[org.index]["round"] + number,
                    "organisation_id": org.id,
                    "requirement_set_id": ids[org.index]["set"],
                    "year": year,
                    "deadline": datetime.date(year, 5, 1),
                    "status": "closed" if closed else "open",
                    "opened_at": opened,
                    "closed_at": opened + datetime.timedelta(days=90) if closed else None,
                }

    def round_units() -> Iterator[dict]:
        for org in orgs:
            for number in range(2):
                for unit in org.departments():
                    yield {
                        "id": world.ids.take("requirements.AssessmentRound_units"),
                        "assessmentround_id": ids[org.index]["round"] + number,
                        "unit_id": unit.id,
                    }

    def assessments() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("assessments", org.index)
            assessors = org.of_role("network_member") + org.of_role("manager")
            for number in range(2):
                closed = number == 0
                for order in range(len(NUMBERS)):
                    for unit in org.departments():
                        done = closed or rng.random() < 0.5
                        yield {
                            "id": world.ids.take("requirements.Assessment"),
                            "organisation_id": org.id,
                            "round_id": ids[org.index]["round"] + number,
                            "requirement_id": ids[org.index]["requirement"] + order,
                            "unit_id": unit.id,
                            "verdict": rng.choice(VERDICTS) if done else "",
                            "comment": "",
                            "assessed_at": END - datetime.timedelta(days=rng.randint(10, 500))
                            if done
                            else None,
                            "assessed_by_id": rng.choice(assessors).id if done else None,
                        }

    departments = sum(len(o.departments()) for o in orgs)
    return [
        (RequirementSet, sets, len(orgs)),
        (Requirement, requirements, len(NUMBERS) * len(orgs)),
        (AssessmentRound, rounds, 2 * len(orgs)),
        (Through, round_units, 2 * departments),
        (Assessment, assessments, 2 * len(NUMBERS) * departments),
    ]


def after_load(world, *, progress: bool = True, stream=None) -> None:
    return None
