"""The public feedback form at a steady rate (default 200 submissions a second for a minute).

An open-loop load: submission i leaves at start + i / rate whatever the answers before it, from a
pool of threads with a kept-alive connection each, every one as a different citizen (its own
address in X-Forwarded-For, as behind the proxy; its own solved ALTCHA challenge; a form served
ten seconds earlier). Afterwards the rows and the queued mail tasks are counted: every accepted
submission must be a case, with its receipt mail queued, and nothing may be refused or lost.
"""

from __future__ import annotations

import http.client
import queue
import secrets
import threading
import time
import urllib.parse

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kvalitet.bench.measure import percentile
from kvalitet.bench.people import largest_organisation

MARKER = "bench-load"
THREADS = 64


def available() -> bool:
    try:
        reverse("feedback_portal:form", kwargs={"org_slug": "x"})
    except NoReverseMatch:
        return False
    return True


def _payloads(count: int, organisation, csrf: str) -> list[bytes]:
    import altcha

    from kvalitet.feedback import antispam

    form_time = antispam.form_time_token(time.time() - 10)
    bodies = []
    for number in range(count):
        challenge = altcha.Challenge.from_dict(antispam.challenge(timezone.now()))
        solution = altcha.solve_challenge(challenge)
        payload = altcha.Payload(challenge, solution).to_base64()
        bodies.append(
            urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": csrf,
                    "kind": ("complaint", "suggestion", "praise", "question")[number % 4],
                    "topic": "",
                    "subject": f"{MARKER} {number}",
                    "text": "Fortovet ved skolen er ikke ryddet for sne, og børnene går på vejen.",
                    "contact_name": "Borger",
                    "contact_email": f"borger{number}@bench.example",
                    "contact_phone": "",
                    "website": "",
                    "form_time": form_time,
                    "altcha": payload,
                }
            ).encode()
        )
    return bodies


def _counts(organisation) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    from kvalitet.feedback.models import FeedbackCase

    return {
        "cases": FeedbackCase.objects.filter(
            organisation=organisation, subject__startswith=MARKER
        ).count(),
        "tasks": DBTaskResult.objects.count(),
    }


def measure(table, srv, *, rate: int, seconds: int, log) -> dict:
    organisation = largest_organisation()
    path = reverse("feedback_portal:form", kwargs={"org_slug": organisation.slug})
    total = rate * seconds
    csrf = secrets.token_hex(16)  # 32 characters: Django's unmasked token format
    started = time.monotonic()
    bodies = _payloads(total, organisation, csrf)
    log(f"prepared {total} submissions in {time.monotonic() - started:.1f} s")
    before = _counts(organisation)

    jobs: queue.Queue = queue.Queue()
    answers: list[tuple[int, float, float]] = []  # status, latency, lateness
    lock = threading.Lock()
    port = int(srv.base.rsplit(":", 1)[1])

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            job = jobs.get()
            if job is None:
                return
            number, due = job
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            sent = time.monotonic()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf}",
                "X-Forwarded-For": f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}",
            }
            try:
                connection.request("POST", path, body=bodies[number], headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                answers.append((status, time.monotonic() - sent, max(0.0, sent - due)))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    start = time.monotonic() + 0.5
    for number in range(total):
        jobs.put((number, start + number / rate))
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    after = _counts(organisation)

    statuses: dict[int, int] = {}
    for status, _latency, _late in answers:
        statuses[status] = statuses.get(status, 0) + 1
    accepted = statuses.get(302, 0)
    cases = after["cases"] - before["cases"]
    tasks = after["tasks"] - before["tasks"]
    latencies = [latency * 1000 for _status, latency, _late in answers]
    late = percentile([lateness * 1000 for *_rest, lateness in answers], 0.95)
    result = {
        "submitted": total,
        "seconds": round(elapsed, 1),
        "achieved_per_second": round(total / elapsed, 1),
        "statuses": statuses,
        "accepted": accepted,
        "cases_written": cases,
        "mail_tasks_queued": tasks,
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "send_lateness_p95_ms": round(late, 1),
    }
    # Held: every submission accepted and stored with its mail queued, at (nearly) the rate.
    none_lost = accepted == total == cases and tasks >= cases
    held = none_lost and result["achieved_per_second"] >= 0.95 * rate
    table.add(
        f"feedback form {rate}/s for {seconds} s",
        "none lost, rate held",
        f"{accepted}/{total} accepted, {cases} cases, {tasks} mail tasks, "
        f"{result['achieved_per_second']}/s, p95 {result['p95_ms']:.0f} ms",
        held,
    )
    log(f"feedback form: {result}")
    return result
