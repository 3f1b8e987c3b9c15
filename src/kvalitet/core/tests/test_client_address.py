"""Behind the proxy, each citizen has their own address for sign-in lockout and rate limits."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

factory = RequestFactory()


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.5", "203.0.113.5"),  # nginx in front: the address it was connected from
        ("6.6.6.6, 203.0.113.5", "203.0.113.5"),  # what the client wrote itself is ignored
        ("", "10.0.0.2"),  # no header: the connection's address
        ("not-an-address", "10.0.0.2"),
    ],
)
def test_one_trusted_proxy(settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert get_client_ip_address(request) == expected


def test_two_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.2"
    )
    assert get_client_ip_address(request) == "198.51.100.7"


def test_without_a_proxy_a_forwarded_header_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = factory.get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert get_client_ip_address(request) == "192.0.2.9"
