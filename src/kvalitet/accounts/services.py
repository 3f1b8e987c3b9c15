"""Writes for a person's own settings and API tokens."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet.accounts.models import ApiToken, Person, hash_token
from kvalitet.core.errors import Conflict
from kvalitet.history import attribute

TOKEN_PREFIX = "kv"
MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def person_update_profile(*, person: Person, full_name: str, language: str) -> Person:
    person.full_name, person.language = full_name, language
    attribute(person, by=person).save(update_fields=["full_name", "language"])
    return person


@transaction.atomic
def api_token_create(*, person: Person, name: str) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and only its hash is kept."""
    if ApiToken.objects.active().filter(person=person).count() >= MAX_ACTIVE_TOKENS:
        raise Conflict(_("You have too many active tokens; revoke one first."))
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        person=person, name=name, prefix=prefix, token_hash=hash_token(secret)
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Person) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk, person=by)
    if token.revoked_at is not None:
        raise Conflict(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(secret: str) -> Person | None:
    """The person a token belongs to, or None for an unknown, malformed or revoked token."""
    if not secret.startswith(f"{TOKEN_PREFIX}_") or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("person")
        .filter(token_hash=hash_token(secret))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Written at most once a minute, so busy integrations do not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.person
