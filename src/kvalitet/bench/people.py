"""The generated organisations and people the measurements act as."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from kvalitet.accounts.models import Person
from kvalitet.bench.generate import EMAIL_DOMAIN
from kvalitet.organisations.models import Organisation


def generated_organisations():
    return Organisation.objects.filter(slug__startswith="bench-").order_by("slug")


def largest_organisation() -> Organisation:
    """The first generated organisation is the largest (sizes fall with the rank)."""
    organisation = generated_organisations().first()
    if organisation is None:
        raise LookupError("no generated data set here: run `kvalitet bench generate` first")
    return organisation


def person(organisation: Organisation, local_part: str) -> Person:
    return Person.objects.get(email=f"{local_part}@{organisation.slug}.{EMAIL_DOMAIN}")


def session_cookie(who: Person) -> str:
    """A signed-in session for `who`, stored in the database the server reads."""
    session = SessionStore()
    session[SESSION_KEY] = str(who.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = who.get_session_auth_hash()
    session.create()
    return session.session_key or ""
