"""A database-backed token bucket, so every app server (and the embedded SQLite) shares one limit.

The check is one conditional UPDATE: the bucket is refilled for the time that passed and a token
taken only WHERE the refilled bucket holds at least one. The database serialises concurrent
updates of the row (a row lock on PostgreSQL, the write lock on SQLite), so two requests can never
take the same last token: there is no read-then-write race to lose.
"""

import hashlib
import time

from django.db import connection

from kvalitet.core.models import RateLimitBucket


def _key(scope: str, client: str) -> str:
    # Addresses are personal data: keep only a digest of them.
    return f"{scope}:{hashlib.sha256(client.encode()).hexdigest()[:40]}"


# One upsert: a new client starts with a full bucket less the token it takes; a known client's
# bucket is refilled for the time that passed and a token taken only WHERE one is there. The
# database serialises concurrent upserts of one key, so the last token cannot be taken twice.
# Plain SQL that SQLite (3.35+) and PostgreSQL both speak; one round trip per request.
_TAKE = """
INSERT INTO {table} (key, tokens, refilled_at) VALUES (%s, %s, %s)
ON CONFLICT (key) DO UPDATE SET
    tokens = (CASE WHEN {table}.tokens + (excluded.refilled_at - {table}.refilled_at) * %s > %s
              THEN %s ELSE {table}.tokens + (excluded.refilled_at - {table}.refilled_at) * %s
              END) - 1,
    refilled_at = excluded.refilled_at
WHERE {table}.tokens + (excluded.refilled_at - {table}.refilled_at) * %s >= 1
RETURNING tokens
"""


def allow(scope: str, client: str, *, capacity: int, per_seconds: float, now: float | None = None):
    """Take one token for `client` in `scope`; False when the bucket is empty.

    A bucket holds `capacity` tokens and refills completely in `per_seconds`.
    """
    now = time.time() if now is None else now
    rate = capacity / per_seconds
    sql = _TAKE.format(table=connection.ops.quote_name(RateLimitBucket._meta.db_table))
    cap = float(capacity)
    with connection.cursor() as cursor:
        cursor.execute(sql, [_key(scope, client), cap - 1, now, rate, cap, cap, rate, rate])
        return cursor.fetchone() is not None


def reset(scope: str, client: str) -> None:
    RateLimitBucket.objects.filter(key=_key(scope, client)).delete()
