"""SQL queries per page, counted in-process with Django's test client (the same middleware and
views as under gunicorn), as the largest generated organisation's coordinator and as a citizen."""

from __future__ import annotations

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kvalitet import access
from kvalitet.bench import pages
from kvalitet.bench.people import largest_organisation, person


def count_queries() -> dict:
    organisation = largest_organisation()
    coordinator = person(organisation, "koordinator")
    scope = access.scope_for(coordinator, organisation)
    staff = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    staff.force_login(coordinator)
    citizen = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    results = []
    for page in pages.all_pages():
        url = pages.address(page, scope)
        if url is None:
            results.append({"name": page.name, "portal": page.portal, "url": None})
            continue
        url = pages.with_query(page, url)
        client = citizen if page.portal else staff
        client.get(url)  # warm: caches and lazy imports are not what is measured
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        results.append(
            {
                "name": page.name,
                "portal": page.portal,
                "detail": page.is_detail,
                "url": url,
                "status": response.status_code,
                "type": response.get("Content-Type", "").split(";")[0],
                "queries": len(captured.captured_queries),
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
        )
    return {"organisation": organisation.slug, "pages": results}
