"""The citizen's address as the nearest trusted proxy saw it: for sign-in lockout and rate limits.

Behind a reverse proxy every request comes from the proxy, so REMOTE_ADDR alone would make the
whole municipality one client. Each trusted proxy appends the address it was connected from to
X-Forwarded-For; the entry `TRUSTED_PROXY_COUNT` places from the right is therefore the last one
a client cannot forge. Entries further left are whatever the client sent, and are ignored.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
