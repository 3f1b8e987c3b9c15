"""`kvalitet bench generate --scale tiny|small|national`: a deterministic data set of many
organisations of very different sizes, loaded with COPY on PostgreSQL (bulk_create elsewhere).

The same seed gives the same data: every organisation and table draws from its own random source,
seeded with (seed, table, organisation), and primary keys are chosen here, counting on from the
largest id already in the database, so a table's rows never depend on the database's answers.

Each area of the application adds its rows in its own module (`gen_documents`, ...) with a
`tables(world)` function returning (model, rows, count) in the order they must be loaded.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kvalitet.bench import loader
from kvalitet.bench.words import (
    DANISH_ENDINGS,
    DANISH_PLACES,
    FIRST_NAMES,
    LAST_NAMES,
    SWEDISH_ENDINGS,
    SWEDISH_PLACES,
    UNIT_NAMES,
)

# Generated people all sign in with this password (hashed once, stored for all).
PASSWORD = "bench-password"
EMAIL_DOMAIN = "bench.example"
# Tables with at least this many rows are loaded without their secondary indexes.
BIG_TABLE = 50_000
# The data set ends here, whatever day it is generated: the same seed gives the same rows.
END = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Scale:
    name: str
    organisations: int
    people: int  # across all organisations
    versions: int  # document versions
    feedback_cases: int
    actions: int  # plan actions


SCALES = {
    "tiny": Scale("tiny", organisations=3, people=60, versions=300, feedback_cases=600, actions=30),
    "small": Scale(
        "small", organisations=20, people=2_000, versions=12_000, feedback_cases=40_000, actions=800
    ),
    "national": Scale(
        "national",
        organisations=300,
        people=60_000,
        versions=300_000,
        feedback_cases=1_000_000,
        actions=24_000,
    ),
}


@dataclass
class UnitRow:
    id: int
    parent_id: int | None
    kind: str
    path: str
    name: str
    code: str


@dataclass
class PersonRow:
    id: int
    email: str
    role: str
    unit_id: int


@dataclass
class Org:
    index: int
    id: int
    slug: str
    name: str
    country: str
    language: str
    share: float  # of the national total
    units: list[UnitRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)

    @property
    def root(self) -> UnitRow:
        return self.units[0]

    def departments(self) -> list[UnitRow]:
        return [u for u in self.units if u.kind == "department"]

    def of_role(self, role: str) -> list[PersonRow]:
        return [p for p in self.people if p.role == role]

    @property
    def coordinator(self) -> PersonRow:
        return self.of_role("coordinator")[0]


class Ids:
    """The next primary key per model, counting on from what the database already holds."""

    def __init__(self, start: dict[str, int]) -> None:
        self.next = dict(start)

    def take(self, label: str, count: int = 1) -> int:
        first = self.next.setdefault(label, 1)
        self.next[label] = first + count
        return first


@dataclass
class World:
    scale: Scale
    seed: int
    ids: Ids
    organisations: list[Org] = field(default_factory=list)

    def rng(self, *parts: object) -> random.Random:
        # Reproducible on purpose: a data set, not secrets.
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))  # noqa: S311

    def share(self, total: int, org: Org, minimum: int = 1) -> int:
        return max(minimum, round(total * org.share))


def shares(count: int) -> list[float]:
    """Organisation sizes: a capital, a few cities, many small towns (a Zipf-like curve)."""
    weights = [1.0 / (rank + 1) ** 0.85 for rank in range(count)]
    total = sum(weights)
    return [w / total for w in weights]


def _place(rng: random.Random, country: str, taken: set[str]) -> str:
    places, endings = (
        (DANISH_PLACES, DANISH_ENDINGS) if country == "DK" else (SWEDISH_PLACES, SWEDISH_ENDINGS)
    )
    while True:
        name = rng.choice(places) + rng.choice(endings)
        if name not in taken:
            taken.add(name)
            return name


def plan_world(scale: Scale, seed: int, start_ids: dict[str, int]) -> World:
    """Organisations, their unit trees and people (small: kept in memory for the other tables)."""
    world = World(scale=scale, seed=seed, ids=Ids(start_ids))
    taken: set[str] = set()
    for index, share in enumerate(shares(scale.organisations)):
        rng = world.rng("organisation", index)
        # One in three Danish: Denmark has 98 municipalities, Sweden 290.
        country = "DK" if index % 3 == 0 else "SE"
        place = _place(rng, country, taken)
        name = f"{place} Kommune" if country == "DK" else f"{place}s kommun"
        org = Org(
            index=index,
            id=world.ids.take("organisations.Organisation"),
            slug=f"bench-{index + 1:03d}-{country.lower()}",
            name=name,
            country=country,
            language="da" if country == "DK" else "sv",
            share=share,
        )
        _plan_units(world, org, rng)
        _plan_people(world, org, rng)
        world.organisations.append(org)
    return world


def _plan_units(world: World, org: Org, rng: random.Random) -> None:
    names = UNIT_NAMES[org.language]
    size = org.share * world.scale.organisations  # 1.0 = an average organisation

    def add(parent: UnitRow | None, kind: str, name: str) -> UnitRow:
        unit_id = world.ids.take("organisations.Unit")
        path = (parent.path if parent else "") + f"{unit_id:06d}/"
        unit = UnitRow(
            unit_id, parent.id if parent else None, kind, path, name, f"U{len(org.units)}"
        )
        org.units.append(unit)
        return unit

    root = add(None, "organisation", org.name)
    root.code = "ROOT"
    departments = min(10, 3 + round(2 * size))
    for d, department_name in enumerate(names["department"].split("|")[:departments]):
        department = add(root, "department", department_name)
        for division_name in rng.sample(names["division"].split("|"), rng.randint(1, 2 + d % 3)):
            division = add(department, "division", division_name)
            for team_name in rng.sample(names["team"].split("|"), rng.randint(0, 3)):
                add(division, "team", team_name)


def _plan_people(world: World, org: Org, rng: random.Random) -> None:
    count = world.share(world.scale.people, org, minimum=12)
    domain = f"{org.slug}.{EMAIL_DOMAIN}"
    departments = org.departments()
    below = org.units[1:]

    def add(role: str, unit: UnitRow, email: str | None = None) -> None:
        person_id = world.ids.take("accounts.Person")
        email = email or f"p{len(org.people) + 1:05d}@{domain}"
        org.people.append(PersonRow(person_id, email, role, unit.id))

    add("coordinator", org.root, f"koordinator@{domain}")
    add("viewer", org.root, f"politiker@{domain}")
    add("auditor", departments[0], f"auditor@{domain}")
    for department in departments:
        add("network_member", department)
        add("manager", department)
    while len(org.people) < count:
        add("staff", rng.choice(below))


def _names(org: Org, rng: random.Random) -> Iterator[str]:
    first, last = FIRST_NAMES[org.language], LAST_NAMES[org.language]
    while True:
        yield f"{rng.choice(first)} {rng.choice(last)}"


def foundation_tables(world: World) -> list[tuple[type, Callable[[], Iterator[dict]], int]]:
    from kvalitet.accounts.models import Person
    from kvalitet.organisations.models import Membership, Organisation, Unit

    # One hash for all; a salt of 128 bits or more, else Django rehashes it at the first
    # sign-in, which ends every session made for the generated people before it.
    password = make_password(PASSWORD, salt="kvalitetbenchsaltkvalitetbench")
    orgs = world.organisations
    created = END - datetime.timedelta(days=5 * 365)

    def organisations() -> Iterator[dict]:
        for org in orgs:
            yield {
                "id": org.id,
                "name": org.name,
                "slug": org.slug,
                "country": org.country,
                "language": org.language,
                "time_zone": "Europe/Copenhagen" if org.country == "DK" else "Europe/Stockholm",
                "contact_email": f"kvalitet@{org.slug}.{EMAIL_DOMAIN}",
                "portal_introduction": org.name,
                "created_at": created,
            }

    def units() -> Iterator[dict]:
        for org in orgs:
            for u in org.units:
                yield {
                    "id": u.id,
                    "organisation_id": org.id,
                    "parent_id": u.parent_id,
                    "name": u.name,
                    "code": u.code,
                    "kind": u.kind,
                    "path": u.path,
                    "is_active": True,
                }

    def people() -> Iterator[dict]:
        for org in orgs:
            names = _names(org, world.rng("people", org.index))
            for p in org.people:
                yield {
                    "id": p.id,
                    "email": p.email,
                    "full_name": next(names),
                    "password": password,
                    "language": "",
                    "is_active": True,
                    "date_joined": created,
                }

    def memberships() -> Iterator[dict]:
        for org in orgs:
            for p in org.people:
                yield {
                    "id": world.ids.take("organisations.Membership"),
                    "organisation_id": org.id,
                    "person_id": p.id,
                    "unit_id": p.unit_id,
                    "role": p.role,
                }

    n_units = sum(len(o.units) for o in orgs)
    n_people = sum(len(o.people) for o in orgs)
    return [
        (Organisation, organisations, len(orgs)),
        (Unit, units, n_units),
        (Person, people, n_people),
        (Membership, memberships, n_people),
    ]


def area_modules() -> list:
    """The areas whose data the generator makes (each joins when its models have landed)."""
    from kvalitet.bench import gen_documents, gen_feedback, gen_plans, gen_requirements

    return [gen_documents, gen_plans, gen_requirements, gen_feedback]


def start_ids() -> dict[str, int]:
    from django.apps import apps

    labels = [
        "organisations.Organisation",
        "organisations.Unit",
        "organisations.Membership",
        "accounts.Person",
    ]
    for module in area_modules():
        labels += module.MODELS
    return {label: loader.next_id(apps.get_model(label)) for label in labels}


@dataclass
class Summary:
    scale: str
    seed: int
    counts: dict[str, int]
    seconds: float
    steps: dict[str, float]


def generate(*, scale: str, seed: int = 1, progress: bool = True, stream=None) -> Summary:
    """Fill the database with the data set of `scale` (on top of whatever it holds)."""
    from kvalitet.organisations.models import Organisation

    if Organisation.objects.filter(slug__startswith="bench-").exists():
        raise ValueError("this database already holds a generated data set (bench-* slugs)")
    started = time.monotonic()
    world = plan_world(SCALES[scale], seed, start_ids())
    load = loader.Loader(progress=progress, stream=stream)
    steps: dict[str, float] = {}
    with transaction.atomic():
        tables = foundation_tables(world)
        for module in area_modules():
            tables += module.tables(world)
        big = [model for model, _rows, total in tables if total >= BIG_TABLE]
        # The search table is filled after the load (gen_documents.after_load): its GIN index
        # too is built once, at the end.
        with loader.SecondaryIndexes(big, tables=["documents_search"]):
            for model, rows, total in tables:
                step = time.monotonic()
                load.load(model, rows(), total=total)
                steps[model._meta.label] = time.monotonic() - step
            for module in area_modules():
                step = time.monotonic()
                module.after_load(world, progress=progress, stream=stream)
                steps[f"{module.__name__.rsplit('.', 1)[-1]} after load"] = time.monotonic() - step
        load.finish()
    return Summary(
        scale=scale,
        seed=seed,
        counts=load.counts,
        seconds=time.monotonic() - started,
        steps=steps,
    )
