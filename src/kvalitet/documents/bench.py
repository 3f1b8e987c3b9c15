"""Time the handbook search and PDF on the demo data.

    .venv/bin/kvalitet migrate && .venv/bin/kvalitet demo --quiet-logins
    .venv/bin/python -m kvalitet.documents.bench            # SQLite (var/kvalitet.sqlite3)
    DATABASE_URL=postgres://... .venv/bin/python -m kvalitet.documents.bench

Prints the median and the 95th percentile of each, in milliseconds.
"""

import logging
import os
import statistics
import time


def _measure(function, runs: int) -> tuple[float, float]:
    function()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalitet.settings")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.db import connection

    from kvalitet import access, search
    from kvalitet.accounts.models import Person
    from kvalitet.documents.models import Document
    from kvalitet.documents.rendering import render_markdown
    from kvalitet.organisations.models import Organisation
    from kvalitet.pdf import render_pdf

    norreby = Organisation.objects.get(slug="norreby")
    staff = Person.objects.get(email="sagsbehandler@norreby.example")
    scope = access.scope_for(staff, norreby)
    print(f"database: {connection.vendor}")
    for query in ("støjklagerne", "spildevandstilladelsen", "klager over støj", "dokumentstyring"):
        median, p95 = _measure(
            lambda q=query: list(search.search(search.staff_candidates(scope), q).hits), 200
        )
        hits = search.search(search.staff_candidates(scope), query).total
        print(
            f"staff search {query!r:28} {hits:2} hits  median {median:6.2f} ms  p95 {p95:6.2f} ms"
        )
    median, p95 = _measure(
        lambda: list(search.search(search.portal_candidates(norreby), "støj").hits), 200
    )
    print(
        f"portal search 'støj'                         median {median:6.2f} ms  p95 {p95:6.2f} ms"
    )
    document = Document.objects.select_related("current_version", "owner_unit", "handbook").get(
        organisation=norreby, code="KP-01"
    )
    version = document.current_version

    def pdf() -> bytes:
        return render_pdf(
            "documents/version_print.html",
            {
                "version": version,
                "document": document,
                "organisation": norreby,
                "body": render_markdown(version.body),
            },
        )

    median, p95 = _measure(pdf, 20)
    print(
        f"PDF of KP-01 v{version.number} ({len(pdf())} bytes)          "
        f"median {median:6.1f} ms  p95 {p95:6.1f} ms"
    )


if __name__ == "__main__":
    main()
