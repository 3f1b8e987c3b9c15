"""Deadlines in working days for the organisation's country (Denmark or Sweden).

Public holidays come from the `holidays` package; weekends are Saturday and Sunday in both
countries; the organisation may add its own closing days. Every result says which days were
skipped and why, so a case page can show how its deadline was counted.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

WEEKEND = {5, 6}
# Swedish law on computing statutory time limits (lag 1930:173) moves a deadline off
# Midsummer Eve, Christmas Eve and New Year's Eve as off a Sunday: the package's "de facto"
# category holds exactly those. Danish deadlines follow the public holidays only.
CATEGORIES = {"SE": ("public", "de_facto"), "DK": ("public",)}


@dataclass(frozen=True)
class SkippedDay:
    day: datetime.date
    reason: str  # "weekend", "closing day", or the holiday's name


@dataclass(frozen=True)
class Deadline:
    start: datetime.date
    working_days: int
    due: datetime.date
    skipped: list[SkippedDay] = field(default_factory=list)


@lru_cache(maxsize=64)
def _public_holidays(country: str, year: int, language: str) -> dict[datetime.date, str]:
    calendar = holidays.country_holidays(
        country, years=year, language=language, categories=CATEGORIES.get(country, ("public",))
    )
    return dict(calendar.items())


def _holiday_name(country: str, day: datetime.date, language: str) -> str | None:
    return _public_holidays(country, day.year, language).get(day)


def non_working_reason(
    day: datetime.date,
    *,
    country: str,
    closing_days: Iterable[datetime.date] = (),
    language: str = "en_US",
) -> str | None:
    """Why `day` is not a working day in `country`, or None when it is one."""
    if day.weekday() in WEEKEND:
        return "weekend"
    name = _holiday_name(country, day, language)
    if name:
        return name
    if day in set(closing_days):
        return "closing day"
    return None


def add_working_days(
    start: datetime.date,
    working_days: int,
    *,
    country: str,
    closing_days: Iterable[datetime.date] = (),
    language: str = "en_US",
) -> Deadline:
    """The date `working_days` working days after `start` (the day it arrived is day 0)."""
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    closed = set(closing_days)
    day, counted, skipped = start, 0, []
    while counted < working_days:
        day += datetime.timedelta(days=1)
        reason = non_working_reason(day, country=country, closing_days=closed, language=language)
        if reason:
            skipped.append(SkippedDay(day, reason))
        else:
            counted += 1
    return Deadline(start=start, working_days=working_days, due=day, skipped=skipped)
