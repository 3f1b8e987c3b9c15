"""A database-backed token bucket, so every app server (and the embedded SQLite) shares one limit.

The check is one conditional UPDATE: the bucket is refilled for the time that passed and a token
taken only WHERE the refilled bucket holds at least one. The database serialises concurrent
updates of the row (a row lock on PostgreSQL, the write lock on SQLite), so two requests can never
take the same last token: there is no read-then-write race to lose.
"""

import hashlib
import time

from django.db.models import F, Value
from django.db.models.functions import Least
from django.db.models.lookups import GreaterThanOrEqual

from kvalitet.core.models import RateLimitBucket


def _key(scope: str, client: str) -> str:
    # Addresses are personal data: keep only a digest of them.
    return f"{scope}:{hashlib.sha256(client.encode()).hexdigest()[:40]}"


def allow(scope: str, client: str, *, capacity: int, per_seconds: float, now: float | None = None):
    """Take one token for `client` in `scope`; False when the bucket is empty.

    A bucket holds `capacity` tokens and refills completely in `per_seconds`.
    """
    now = time.time() if now is None else now
    key = _key(scope, client)
    rate = capacity / per_seconds
    # A new client starts with a full bucket; ON CONFLICT DO NOTHING keeps racing inserts safe.
    RateLimitBucket.objects.bulk_create(
        [RateLimitBucket(key=key, tokens=capacity, refilled_at=now)], ignore_conflicts=True
    )
    available = Least(
        Value(float(capacity)), F("tokens") + (Value(now) - F("refilled_at")) * Value(rate)
    )
    taken = (
        RateLimitBucket.objects.filter(key=key)
        .filter(GreaterThanOrEqual(available, Value(1.0)))
        .update(tokens=available - Value(1.0), refilled_at=Value(now))
    )
    return taken == 1


def reset(scope: str, client: str) -> None:
    RateLimitBucket.objects.filter(key=_key(scope, client)).delete()
