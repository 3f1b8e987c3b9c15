"""The staff budget's scenario for locust (headless, started by `kvalitet bench run`): 20
simulated people each sign in through the real sign-in form with a generated account, then read
the staff pages in random order, pausing 0.5–2 s between pages (people reading a page pause
longer; shorter pauses make the test harder, not easier). Each request is named by its page, so
the statistics give a p95 per page.

Set by the runner: BENCH_PEOPLE (comma-separated e-mail addresses), BENCH_PASSWORD and
BENCH_PAGES (a JSON list of [name, path]). Cookies are carried by hand: the production settings
mark them Secure, and the benchmark talks plain HTTP on loopback.
"""

import itertools
import json
import os
import random
import re

import gevent
from locust import HttpUser, between, events, task

PEOPLE = itertools.cycle(os.environ.get("BENCH_PEOPLE", "").split(","))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
PAGES = json.loads(os.environ.get("BENCH_PAGES", "[]"))
WARM_UP = float(os.environ.get("BENCH_WARM_UP", "0"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.test_start.add_listener
def _forget_the_warm_up(environment, **_kwargs):
    """The sign-ins (a password hash each) and the first cold requests are not page views of
    people at work: the statistics start again once everybody is in."""

    def reset() -> None:
        gevent.sleep(WARM_UP)
        environment.stats.reset_all()

    if WARM_UP:
        gevent.spawn(reset)


class StaffPerson(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.cookies = {}
        page = self.client.get("/accounts/login/", name="sign-in (GET)")
        self.cookies.update(page.cookies.get_dict())
        token = TOKEN.search(page.text)
        answer = self.client.post(
            "/accounts/login/",
            data={
                "username": next(PEOPLE),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Cookie": self._cookie_header()},
            allow_redirects=False,
            name="sign-in (POST)",
        )
        self.cookies.update(answer.cookies.get_dict())

    def _cookie_header(self) -> str:
        return "; ".join(f"{key}={value}" for key, value in self.cookies.items())

    @task
    def read_a_page(self):
        name, path = random.choice(PAGES)  # noqa: S311 - a simulation, not a secret
        with self.client.get(
            path,
            headers={"Cookie": self._cookie_header()},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
