"""Keeping bots off the public form without a third-party service: a honeypot field, a signed
time token (too fast is a bot), ALTCHA proof-of-work (cheap to check: one HMAC) and a rate limit."""

import datetime
import hashlib

import altcha
from django.conf import settings
from django.core import signing

TIME_SALT = "kvalitet.feedback.form-time"
MIN_SECONDS = 3
MAX_SECONDS = 60 * 60 * 4
ALGORITHM = "PBKDF2/SHA-256"


def hmac_key() -> str:
    return (
        settings.ALTCHA_HMAC_KEY
        or hashlib.sha256(f"altcha:{settings.SECRET_KEY}".encode()).hexdigest()
    )


def _key_secret() -> str:
    return hashlib.sha256(f"altcha-key:{hmac_key()}".encode()).hexdigest()


def form_time_token(now: float) -> str:
    return signing.dumps(int(now), salt=TIME_SALT)


def seconds_since(token: str, now: float) -> float | None:
    """Seconds since the form was served, or None when the token is forged or stale."""
    try:
        issued = signing.loads(token, salt=TIME_SALT, max_age=MAX_SECONDS)
    except (signing.BadSignature, TypeError):
        return None
    return now - int(issued)


def challenge(now: datetime.datetime) -> dict:
    """A new challenge; pre-solved here so that checking the answer is one HMAC, not PBKDF2."""
    import secrets

    result = altcha.create_challenge(
        ALGORITHM,
        settings.ALTCHA_COST,
        counter=secrets.randbelow(settings.ALTCHA_MAX_COUNTER) + 1,
        expires_at=now + datetime.timedelta(minutes=30),
        hmac_secret=hmac_key(),
        hmac_key_secret=_key_secret(),
    )
    return result.to_dict()


def verify(payload: str) -> str | None:
    """The challenge's nonce when `payload` is a valid solution (so it can be used once)."""
    if not payload or len(payload) > 4000:
        return None
    result = altcha.verify_solution(payload, hmac_key(), hmac_key_secret=_key_secret())
    if not result.verified:
        return None
    return altcha.Payload.from_base64(payload).challenge.parameters.nonce
