"""In-process measurements: full-text search through the search module the pages use."""

from __future__ import annotations

import statistics
import time

from kvalitet import access, search
from kvalitet.bench.people import generated_organisations, person
from kvalitet.bench.words import QUERIES


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def _sample_organisations() -> list:
    """The largest organisation of each country, one in the middle and the smallest."""
    organisations = list(generated_organisations())
    chosen = {organisations[0].pk: organisations[0]}
    for country in ("DK", "SE"):
        first = next((o for o in organisations if o.country == country), None)
        if first is not None:
            chosen.setdefault(first.pk, first)
    for other in (organisations[len(organisations) // 2], organisations[-1]):
        chosen.setdefault(other.pk, other)
    return list(chosen.values())


def search_times(*, repeats: int = 5) -> dict:
    """Each query of the mix, in each sample organisation, staff and portal, `repeats` times."""
    timings: dict[str, list[float]] = {"staff": [], "portal": []}
    per_query: list[dict] = []
    for organisation in _sample_organisations():
        scope = access.scope_for(person(organisation, "koordinator"), organisation)
        for text in QUERIES.get(organisation.language, QUERIES["da"]):
            for side in ("staff", "portal"):
                seconds = []
                total = 0
                for _ in range(repeats):
                    candidates = (
                        search.staff_candidates(scope)
                        if side == "staff"
                        else search.portal_candidates(organisation)
                    )
                    started = time.perf_counter()
                    results = search.search(candidates, text)
                    seconds.append((time.perf_counter() - started) * 1000)
                    total = results.total
                timings[side] += seconds
                per_query.append(
                    {
                        "organisation": organisation.slug,
                        "side": side,
                        "query": text,
                        "matches": total,
                        "median_ms": round(statistics.median(seconds), 1),
                        "max_ms": round(max(seconds), 1),
                    }
                )
    return {
        side: {
            "searches": len(values),
            "p50_ms": round(percentile(values, 0.50), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
        }
        for side, values in timings.items()
    } | {"queries": per_query}
