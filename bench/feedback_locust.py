# ruff: noqa: S311
"""Load on the public feedback form (the randomness here is test data: S311 is off). Each simulated
citizen fetches an ALTCHA challenge, solves it
(as the browser's worker does) and sends the form; a sent form answers 302 to the receipt.

    bench/feedback_load.sh            # gunicorn on loopback + locust headless, prints the figures

or by hand against a running server:

    locust -f bench/feedback_locust.py --headless -u 60 -r 20 -t 60s \
        --host http://127.0.0.1:8765 --only-summary

The server should run with ALTCHA_MAX_COUNTER small (the browser's work, not the server's, is
what a larger counter costs) and FEEDBACK_RATE_CAPACITY high, or each simulated citizen sends
its own X-Forwarded-For (below) where the server trusts it.
"""

import os
import random
import re
import time

import altcha
from locust import FastHttpUser, between, task

ORGANISATION = os.environ.get("BENCH_ORGANISATION", "norreby")
FORM = f"/p/{ORGANISATION}/feedback/"
CHALLENGE = f"{FORM}challenge/"
SUBJECTS = ["Støj om natten", "Hul i cykelstien", "Tak for hjælpen", "Hvornår tømmes skraldet?"]


class Citizen(FastHttpUser):
    wait_time = between(0.05, 0.15)

    def on_start(self):
        self.address = ".".join(str(part) for part in (10, *random.randbytes(2), 1))
        page = self.client.get(FORM, name="form (GET)")
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.form_time = re.search(r'name="form_time" value="([^"]+)"', page.text).group(1)
        # The form refuses what is sent faster than a person can write.
        time.sleep(3.1)

    @task
    def send_feedback(self):
        challenge = self.client.get(CHALLENGE, name="challenge (GET)").json()
        parsed = altcha.Challenge.from_dict(challenge)
        payload = altcha.Payload(parsed, altcha.solve_challenge(parsed)).to_base64()
        with self.client.post(
            FORM,
            data={
                "csrfmiddlewaretoken": self.csrf,
                "kind": random.choice(["complaint", "suggestion", "praise", "question"]),
                "topic": "",
                "subject": random.choice(SUBJECTS),
                "text": "Belastningstest af den offentlige formular. " * 5,
                "contact_name": "Bench Borger",
                "contact_email": "bench@borger.example",
                "contact_phone": "",
                "website": "",
                "form_time": self.form_time,
                "altcha": payload,
            },
            headers={"Referer": f"{self.host}{FORM}", "X-Forwarded-For": self.address},
            allow_redirects=False,
            name="form (POST)",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
