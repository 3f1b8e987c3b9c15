"""Cross-cutting tables that belong to no domain: the rate limiter's token buckets."""

from django.db import models


class RateLimitBucket(models.Model):
    """One token bucket per key (a client address and what it is doing); see kvalitet.ratelimit.

    `refilled_at` is seconds since the epoch as a float, so the refill is plain arithmetic in one
    UPDATE on SQLite and PostgreSQL alike.
    """

    key = models.CharField(max_length=200, unique=True)
    tokens = models.FloatField()
    refilled_at = models.FloatField()

    def __str__(self) -> str:
        return self.key
