"""What a new case of an organisation is routed and timed by (routing rules, deadline rules,
closing days, active topics), read once and kept in this process for a short time.

The public form must take 200 submissions a second (DESIGN.md §4) and these reads were four of
every submission's queries. They are kept here, in the process, rather than in Django's cache:
production's cache is the database cache, where a hit is itself a query to the cache table (and
a pickle), so it would save nothing. A copy is keyed by the organisation's `portal_version`, which
the set-up services raise in their transaction (`forget`) and every request reads with the
organisation anyway: a change reaches every process with its next request, and the public form's
cached fragment (kvalitet.portal.cache, same version) is never rendered from an older copy.
`SECONDS` bounds the age of a copy for a change made outside the services. Nothing here is a
safety property: the reference, the rate limit and the single use of a proof-of-work stay in the
database, in the submission's own transaction.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass, field

from django.db import transaction

from kvalitet.feedback.models import ClosingDay, DeadlineRule, RoutingRule, Topic
from kvalitet.organisations.models import Organisation
from kvalitet.portal.cache import portal_changed

SECONDS = 30
# Per organisation: (expires, portal version, settings).
_copies: dict[int, tuple[float, int, Arrival]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Arrival:
    """One organisation's settings for new cases. Shared between requests: read, never change."""

    routing: tuple[RoutingRule, ...]
    deadlines: dict[str, tuple[int, int]]
    closing_days: frozenset[datetime.date]
    topics: dict[int, Topic] = field(default_factory=dict)

    def days_for(self, kind: str) -> tuple[int, int]:
        """Working days to acknowledge and to answer."""
        return self.deadlines.get(
            kind, (DeadlineRule.DEFAULT_ACKNOWLEDGE_DAYS, DeadlineRule.DEFAULT_ANSWER_DAYS)
        )


def _read(organisation_id: int) -> Arrival:
    rules = RoutingRule.objects.filter(organisation_id=organisation_id, is_active=True)
    topics = Topic.objects.filter(organisation_id=organisation_id, is_active=True)
    deadlines = DeadlineRule.objects.filter(organisation_id=organisation_id)
    closing = ClosingDay.objects.filter(organisation_id=organisation_id)
    return Arrival(
        routing=tuple(rules.select_related("unit")),
        deadlines={r.kind: (r.acknowledge_days, r.answer_days) for r in deadlines},
        closing_days=frozenset(closing.values_list("day", flat=True)),
        topics={topic.pk: topic for topic in topics.select_related("unit")},
    )


def for_organisation(organisation: Organisation, *, now: float | None = None) -> Arrival:
    """The organisation's settings as of its `portal_version`, at most `SECONDS` old."""
    now = time.monotonic() if now is None else now
    found = _copies.get(organisation.pk)
    if found is not None and found[0] > now and found[1] == organisation.portal_version:
        return found[2]
    arrival = _read(organisation.pk)
    with _lock:
        _copies[organisation.pk] = (now + SECONDS, organisation.portal_version, arrival)
    return arrival


def forget(organisation_id: int) -> None:
    """The organisation's settings change: call inside the change's transaction. Its version is
    raised for every process; this process's copy is dropped now (the caller may still hold the
    organisation with the old version) and again when the change commits, in case another
    request read the old settings in between."""

    def drop() -> None:
        with _lock:
            _copies.pop(organisation_id, None)

    portal_changed(organisation_id=organisation_id)
    drop()
    transaction.on_commit(drop)


def forget_all() -> None:
    with _lock:
        _copies.clear()
