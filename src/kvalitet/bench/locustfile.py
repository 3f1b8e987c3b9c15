"""A mixed staff scenario for locust (headless, started by `kvalitet bench run`): each simulated
person signs in through the real sign-in form with a generated account, then reads a mix of the
staff pages with short pauses, as people do.

Set by the runner: BENCH_PEOPLE (comma-separated e-mail addresses), BENCH_PASSWORD and
BENCH_PAGES (a JSON list of [name, path]). Cookies are carried by hand: the production settings
mark them Secure, and the benchmark talks plain HTTP on loopback.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

PEOPLE = itertools.cycle(os.environ.get("BENCH_PEOPLE", "").split(","))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
PAGES = json.loads(os.environ.get("BENCH_PAGES", "[]"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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
        _name, path = random.choice(PAGES)  # noqa: S311 - a simulation, not a secret
        with self.client.get(
            path,
            headers={"Cookie": self._cookie_header()},
            allow_redirects=False,
            name="staff page",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
