"""Work that must happen once a day, run by `kvalitet remind` before the digests are sent.

An app registers a job in `AppConfig.ready()`; the job receives the day and returns a short
summary for the log ("12 cases anonymised").
"""

import datetime
from collections.abc import Callable

_jobs: dict[str, Callable[[datetime.date], str]] = {}


def register_daily_job(name: str, function: Callable[[datetime.date], str]) -> None:
    _jobs[name] = function


def daily_jobs() -> dict[str, Callable[[datetime.date], str]]:
    return dict(_jobs)
