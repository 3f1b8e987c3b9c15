"""Fixtures for the feedback tests: a solved ALTCHA challenge and a valid public submission."""

import time

import altcha
import pytest
from django.utils import timezone

from kvalitet import ratelimit
from kvalitet.feedback import antispam, arrival


@pytest.fixture(autouse=True)
def cheap_proof_of_work(settings):
    # The browser's work is the same kind, just less of it, so the tests stay fast.
    settings.ALTCHA_COST = 10
    settings.ALTCHA_MAX_COUNTER = 3


def solved_payload() -> str:
    challenge = altcha.Challenge.from_dict(antispam.challenge(timezone.now()))
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge, solution).to_base64()


@pytest.fixture
def submission():
    """A valid public submission, as a browser sends it after solving the challenge."""

    def make(**overrides) -> dict:
        data = {
            "kind": "complaint",
            "topic": "",
            "subject": "Støj om natten",
            "text": "Værkstedet larmer hver nat efter kl. 23.",
            "contact_name": "Anne Borger",
            "contact_email": "anne@borger.example",
            "contact_phone": "",
            "website": "",
            "form_time": antispam.form_time_token(time.time() - 30),
            "altcha": solved_payload(),
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture(autouse=True)
def fresh_rate_limit(db):
    ratelimit.reset("feedback", "127.0.0.1")


@pytest.fixture(autouse=True)
def fresh_arrival_settings():
    """Each test's rules and topics are rolled back: no copy of them may reach the next test."""
    arrival.forget_all()
    yield
    arrival.forget_all()
