"""`kvalitet bench run`: every budget of DESIGN.md §4, measured in one run on the generated data.

1. SQL queries per list and detail page (staff and portal), here and in a second, smaller data set
   (`--compare-database`): the counts must be equal;
2. p50/p95 latency of the staff pages with 20 people signed in and reading (locust), and each
   page's throughput at 20 connections without pause (wrk, a capacity figure);
3. the portal pages' throughput as a share of a bare Django "hello" view on the same server;
4. full-text search p95, staff and portal, over a mix of rare, common, two-word and inflected
   queries, through the search function the pages use;
5. the PDF reports of the largest organisation;
6. the public feedback form at 200 submissions a second for a minute: none lost.

The command re-runs itself with the production settings (a fresh SECRET_KEY, loopback, no HTTPS
redirect), so that its own database work — sessions, search — runs as the server's does.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from kvalitet.bench import measure, pages, server
from kvalitet.bench.people import largest_organisation, person, session_cookie

PAGE_P95_MS = 150
PORTAL_SHARE = 0.25
SEARCH_P95_MS = 100
PDF_SECONDS = 10
PEOPLE = 20  # "20 concurrent users" (DESIGN.md §4)
SPAWN_RATE = 1  # people signing in per second at the start


class Table:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, figure: str, budget: str, measured: str, ok: bool | None, **data) -> None:
        verdict = "n/a" if ok is None else "ok" if ok else "MISSED"
        self.rows.append(
            {"figure": figure, "budget": budget, "measured": measured, "verdict": verdict, **data}
        )

    @property
    def missed(self) -> list[dict]:
        return [row for row in self.rows if row["verdict"] == "MISSED"]

    def text(self) -> str:
        headers = ("figure", "budget", "measured", "verdict")
        widths = [max(len(h), *(len(str(r[h])) for r in self.rows)) for h in headers]
        lines = [
            "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
            "  ".join("-" * w for w in widths),
        ]
        for row in self.rows:
            cells = (str(row[h]).ljust(w) for h, w in zip(headers, widths, strict=True))
            lines.append("  ".join(cells))
        return "\n".join(lines)


def _queries_in(database_url: str | None) -> dict:
    env = dict(os.environ)
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, "-m", "kvalitet", "bench", "queries"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"counting queries failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def query_counts(table: Table, compare_database: str, log) -> dict:
    here = _queries_in(None)
    there = _queries_in(compare_database) if compare_database else None
    small = {p["name"]: p for p in there["pages"]} if there else {}
    for page in here["pages"]:
        kind = "portal" if page["portal"] else "staff"
        figure = f"queries {kind} {page['name']}"
        if page["url"] is None:
            table.add(figure, "constant", "no record to show", None)
            continue
        if page["status"] == 405:
            continue  # an address that only takes POST: an action, not a page
        if page["status"] != 200:
            table.add(figure, "answers 200", f"HTTP {page['status']}", False, url=page["url"])
            continue
        other = small.get(page["name"])
        if other and other.get("status") == 200:
            same = other["queries"] == page["queries"]
            measured = f"{page['queries']} (smaller set: {other['queries']})"
        else:
            same, measured = None, f"{page['queries']}"
        table.add(figure, "same at both scales", measured, same, url=page["url"])
    log(f"counted queries on {len(here['pages'])} pages")
    return {"here": here, "smaller": there}


def latency(table: Table, srv: server.Server, staff_cookie: str, seconds: int, log) -> dict:
    found = {}
    hello = server.wrk(f"{srv.base}/bench/hello", seconds=seconds)
    found["hello"] = hello
    table.add(
        "hello view (reference)",
        "-",
        f"{hello['per_second']:.0f}/s, p95 {hello['p95_ms']:.1f} ms",
        None,
    )
    organisation = largest_organisation()
    scope_person = person(organisation, "koordinator")
    from kvalitet import access

    scope = access.scope_for(scope_person, organisation)
    for page in pages.all_pages():
        url = pages.address(page, scope)
        if url is None:
            continue
        cookie = "" if page.portal else staff_cookie
        url = pages.with_query(page, url)
        status, content_type, _body = srv.get(url, cookie=cookie)
        if status != 200 or not content_type.startswith("text/html"):
            continue
        result = server.wrk(srv.base + url, cookie=cookie, seconds=seconds)
        found[page.name] = result
        failed = result["errors"] + result["bad_status"]
        if not result["requests"]:
            failed = -1  # not one answer within the run
        measured = (
            f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
            f"{result['per_second']:.0f}/s"
            + (f", {failed} failed" if failed > 0 else ", no answer" if failed else "")
        )
        if page.portal:
            share = result["per_second"] / max(hello["per_second"], 1e-6)
            table.add(
                f"portal {page.name} / hello",
                f">= {PORTAL_SHARE:.0%}",
                f"{share:.0%} ({measured})",
                share >= PORTAL_SHARE and not failed,
            )
        else:
            # 20 connections that never pause are hundreds of people's load: how much the
            # server takes, not the budget (which `mixed` measures with 20 people).
            table.add(
                f"capacity staff {page.name}",
                "- (20 connections, no pause)",
                measured,
                None if not failed else False,
            )
        log(f"wrk {page.name}: {measured}")
    return found


def mixed(table: Table, srv: server.Server, staff_pages: list, *, seconds: int, log) -> dict:
    """The staff budget: 20 generated people sign in through the form and read the staff pages
    with pauses, as people do (locust); p95 per page and over all of them."""
    import csv
    import tempfile

    from kvalitet.bench.generate import PASSWORD

    locust = Path(sys.executable).with_name("locust")
    if not locust.exists() or not staff_pages:
        table.add("staff pages, 20 people (locust)", "locust installed", "not run", False)
        return {}
    organisation = largest_organisation()
    # The pages were chosen as the coordinator (who may see them all): 20 people sign in with
    # that account, each in a session of their own.
    env = dict(os.environ)
    env["BENCH_PEOPLE"] = person(organisation, "koordinator").email
    env["BENCH_PASSWORD"] = PASSWORD
    env["BENCH_PAGES"] = json.dumps(staff_pages)
    warm_up = PEOPLE // SPAWN_RATE + 10
    env["BENCH_WARM_UP"] = str(warm_up)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(  # noqa: S603
            [
                str(locust),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--users",
                str(PEOPLE),
                "--spawn-rate",
                str(SPAWN_RATE),
                "--run-time",
                f"{seconds + warm_up}s",
                "--host",
                srv.base,
                "--csv",
                f"{folder}/mixed",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            capture_output=True,
            check=False,
            timeout=seconds + warm_up + 120,
        )
        with open(f"{folder}/mixed_stats.csv", newline="") as stats:
            rows = list(csv.DictReader(stats))
    people_table(table, rows, seconds=seconds, log=log)
    return {"rows": rows}


def people_table(table: Table, rows: list[dict], *, seconds: int, log) -> None:
    """locust's statistics (its CSV rows) as the table's figures: overall and per page."""
    found = {row["Name"]: row for row in rows if row.get("Name")}
    overall = found.pop("Aggregated", None)
    if not overall or not int(overall["Request Count"]):
        table.add("staff pages, 20 people (locust)", "runs", "no statistics", False)
        return

    def add(figure: str, row: dict) -> None:
        failures = int(row["Failure Count"])
        p95 = float(row["95%"] or 0)
        table.add(
            figure,
            f"p95 < {PAGE_P95_MS} ms, none failed",
            f"p50 {float(row['50%'] or 0):.0f} ms, p95 {p95:.0f} ms, "
            f"{int(row['Request Count'])} requests" + (f", {failures} failed" if failures else ""),
            p95 < PAGE_P95_MS and not failures,
        )

    add(f"p95 staff pages, {PEOPLE} people ({seconds} s)", overall)
    for name, row in sorted(found.items()):
        if name.startswith("sign-in"):
            continue
        if not int(row["Request Count"]):  # locust writes "N/A" for its percentiles
            table.add(f"p95 staff {name} ({PEOPLE} people)", "-", "not read in the run", None)
            continue
        add(f"p95 staff {name} ({PEOPLE} people)", row)
    log(f"locust: p95 {overall['95%']} ms over {overall['Request Count']} pages")


def searches(table: Table, repeats: int, log) -> dict:
    found = measure.search_times(repeats=repeats)
    for side in ("staff", "portal"):
        p95 = found[side]["p95_ms"]
        table.add(
            f"search p95 {side}",
            f"< {SEARCH_P95_MS} ms",
            f"{p95:.0f} ms (p50 {found[side]['p50_ms']:.0f} ms, "
            f"{found[side]['searches']} searches)",
            p95 < SEARCH_P95_MS,
        )
    log("searched")
    return found


def pdfs(table: Table, srv: server.Server, staff_cookie: str, log, *, timeout: int) -> dict:
    from kvalitet import access

    organisation = largest_organisation()
    scope = access.scope_for(person(organisation, "koordinator"), organisation)
    found = {}
    for page in pages.pdf_pages():
        url = pages.address(page, scope)
        if url is None:
            table.add(f"PDF {page.name}", f"< {PDF_SECONDS} s", "no record to show", None)
            continue
        started = time.perf_counter()
        try:
            status, content_type, body = srv.get(url, cookie=staff_cookie, timeout=timeout)
        except OSError:  # (timeouts included)
            status, content_type, body = 0, "", b""
        seconds = time.perf_counter() - started
        ok = status == 200 and content_type.startswith("application/pdf")
        found[page.name] = {"url": url, "status": status, "seconds": seconds, "bytes": len(body)}
        if ok:
            measured = f"{seconds:.2f} s, {len(body) // 1024} kB"
        else:
            measured = f"HTTP {status}" if status else f"no answer in {seconds:.0f} s"
        table.add(f"PDF {page.name}", f"< {PDF_SECONDS} s", measured, ok and seconds < PDF_SECONDS)
        log(f"PDF {page.name}: {measured}")
    return found


def run(options: dict, stdout) -> int:
    if not os.environ.get("KVALITET_BENCH_CHILD"):
        # Again, with the production settings (and the same arguments).
        env = server.bench_environment()
        prepare = [sys.executable, "-m", "kvalitet"]
        subprocess.run([*prepare, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
        subprocess.run([*prepare, "createcachetable"], env=env, check=True)  # noqa: S603
        return subprocess.run([*prepare, *sys.argv[1:]], env=env, check=False).returncode  # noqa: S603

    def log(message: str) -> None:
        stdout.write(f"  {message}")
        stdout.flush()

    started = time.monotonic()
    table = Table()
    results: dict = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "cores": os.cpu_count(),
        # Other work on the machine shows here: the figures are only as quiet as the machine.
        "load_average_before": os.getloadavg(),
    }
    organisation = largest_organisation()
    results["organisation"] = organisation.slug
    results["queries"] = query_counts(table, options["compare_database"], log)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_cookie(person(organisation, 'koordinator'))}"
    workers = options["workers"] or os.cpu_count() or 2
    results["workers"] = workers
    with server.Server(workers=workers) as srv:
        if server.wrk_available():
            results["latency"] = latency(table, srv, cookie, options["duration"], log)
        else:
            table.add("latency and throughput", "wrk installed", "wrk not found", False)
        staff_pages = [
            [p["name"], p["url"]]
            for p in results["queries"]["here"]["pages"]
            if not p["portal"] and p.get("status") == 200 and p.get("type") == "text/html"
        ]
        results["mixed"] = mixed(
            table, srv, staff_pages, seconds=options["people_seconds"], log=log
        )
        results["search"] = searches(table, options.get("search_repeats", 5), log)
        # A new session: the sign-ins above may have rehashed the password of an older data
        # set, and with it ended every session made before.
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={session_cookie(person(organisation, 'koordinator'))}"
        )
        results["pdf"] = pdfs(table, srv, cookie, log, timeout=options.get("pdf_timeout", 120))
        from kvalitet.bench import formload

        if formload.available():
            results["feedback_form"] = formload.measure(
                table, srv, rate=options["form_rate"], seconds=options["form_seconds"], log=log
            )
    results["load_average_after"] = os.getloadavg()
    results["seconds"] = round(time.monotonic() - started, 1)
    results["table"] = table.rows
    stdout.write("\n" + table.text() + "\n")
    stdout.write(
        f"\n{results['cores']} cores, {workers} gunicorn workers; load average before "
        f"{results['load_average_before'][0]:.1f}, after {results['load_average_after'][0]:.1f}\n"
    )
    output = Path(options["output"])
    output.mkdir(parents=True, exist_ok=True)
    label = options["label"] or datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = output / f"{label}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    stdout.write(f"\nwritten to {path}; {len(table.missed)} budget(s) missed\n")
    return 1 if (table.missed and options.get("strict")) else 0
