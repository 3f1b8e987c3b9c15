"""Citizens' feedback in the data set: topics and five years of cases (a million at national
scale), most closed and answered, the recent ones open, the old ones anonymised; and the
reference counters, so that new cases number on after the generated ones.

(Due dates are counted in calendar days here, not working days: the figures do not depend on it.)
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator

from kvalitet.bench.text import TextMaker

MODELS = ["feedback.Topic", "feedback.FeedbackCase"]
KINDS = ["complaint"] * 5 + ["suggestion"] * 2 + ["praise", "question", "question"]
CHANNELS = ["web"] * 6 + ["phone", "phone", "email", "letter", "desk", "open311"]
OUTCOMES = ["resolved", "explained", "partly", "forwarded", "noted"]
TOPICS = {
    "da": ["Veje og fortove", "Affald", "Skole og dagtilbud", "Ældre", "Byggeri", "Natur og miljø"],
    "sv": ["Gator och vägar", "Avfall", "Skola och förskola", "Äldreomsorg", "Bygglov", "Miljö"],
}
YEARS = 5
DAY = datetime.timedelta(days=1)


def _cases_of(world, org) -> int:
    return world.share(world.scale.feedback_cases, org, minimum=20)


def tables(world):
    from kvalitet.bench.generate import END
    from kvalitet.feedback.models import FeedbackCase, Topic

    orgs = world.organisations
    topic_ids = {
        org.index: world.ids.take("feedback.Topic", len(TOPICS[org.language])) for org in orgs
    }
    case_ids = {
        org.index: world.ids.take("feedback.FeedbackCase", _cases_of(world, org)) for org in orgs
    }
    start = END - datetime.timedelta(days=365 * YEARS)
    span = (END - start).total_seconds()
    # Per organisation and year: how many cases (the reference numbers count on from there).

    def topics() -> Iterator[dict]:
        for org in orgs:
            departments = org.departments()
            for position, name in enumerate(TOPICS[org.language]):
                yield {
                    "id": topic_ids[org.index] + position,
                    "organisation_id": org.id,
                    "name": name,
                    "unit_id": departments[position % len(departments)].id,
                    "position": position,
                    "is_active": True,
                }

    def cases() -> Iterator[dict]:
        for org in orgs:
            rng = world.rng("feedback", org.index)
            text = TextMaker(org.language, world.rng("feedback-text", org.index), pool_size=400)
            count = _cases_of(world, org)
            handlers = org.of_role("staff") + org.of_role("manager")
            units = org.units[1:]
            # Received times in order, so the reference numbers rise with them.
            offsets = sorted(rng.random() for _ in range(count))
            counters: dict[int, int] = {}
            for number, offset in enumerate(offsets):
                received = start + datetime.timedelta(seconds=offset * span)
                age = (END - received).days
                year = received.year
                counters[year] = counters.get(year, 0) + 1
                status = (
                    "closed"
                    if age > 60
                    else rng.choice(["received", "acknowledged", "in_progress", "answered"])
                )
                acknowledged = (
                    received + DAY * rng.uniform(0.1, 3) if status != "received" else None
                )
                answered = (
                    received + DAY * rng.uniform(2, 20)
                    if status in ("answered", "closed")
                    else None
                )
                anonymised = age > 2 * 365 + 60
                kind = rng.choice(KINDS)
                handler = rng.choice(handlers)
                has_contact = not anonymised and rng.random() < 0.8
                yield {
                    "id": case_ids[org.index] + number,
                    "organisation_id": org.id,
                    "reference": f"S-{year}-{counters[year]:06d}",
                    "kind": kind,
                    "channel": rng.choice(CHANNELS),
                    "topic_id": topic_ids[org.index] + rng.randrange(len(TOPICS[org.language])),
                    "subject": text.sentence(3, 8)[:200],
                    "text": rng.choice(text.pool)[:5000],
                    "contact_name": "Borger" if has_contact else "",
                    "contact_email": f"c{case_ids[org.index] + number}@borger.example"
                    if has_contact
                    else "",
                    "contact_phone": "",
                    "language": org.language,
                    "received_at": received,
                    "acknowledge_due": (received + 3 * DAY).date(),
                    "answer_due": (received + 14 * DAY).date(),
                    "acknowledged_at": acknowledged,
                    "answered_at": answered,
                    "closed_at": answered + DAY * 2 if status == "closed" and answered else None,
                    "status": status,
                    "unit_id": rng.choice(units).id,
                    "assignee_id": handler.id,
                    "answer": rng.choice(text.pool) if answered else "",
                    "outcome": rng.choice(OUTCOMES) if answered else "",
                    "leads_to_improvement": kind == "complaint" and rng.random() < 0.1,
                    "improvement_description": "",
                    "created_by_id": None,
                    "status_token_hash": hashlib.sha256(
                        f"{world.seed}:{org.id}:{number}".encode()
                    ).hexdigest(),
                    "challenge_nonce": None,
                    "anonymised_at": received + DAY * (2 * 365 + 60) if anonymised else None,
                }

    return [
        (Topic, topics, sum(len(TOPICS[o.language]) for o in orgs)),
        (FeedbackCase, cases, sum(_cases_of(world, o) for o in orgs)),
    ]


def after_load(world, *, progress: bool = True, stream=None) -> None:
    """The reference counters, so that new cases number on after the generated ones."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from kvalitet.feedback.models import FeedbackCase, ReferenceCounter

    per_year = (
        FeedbackCase.objects.filter(organisation_id__in=[o.id for o in world.organisations])
        .annotate(year=Substr("reference", 3, 4))
        .values("organisation_id", "year")
        .annotate(last=Count("id"))
        .order_by()
    )
    ReferenceCounter.objects.bulk_create(
        [
            ReferenceCounter(
                organisation_id=row["organisation_id"], year=int(row["year"]), last=row["last"]
            )
            for row in per_year
        ],
        batch_size=2000,
    )
