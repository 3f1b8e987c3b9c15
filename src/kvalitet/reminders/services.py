"""`kvalitet remind`: the daily jobs, then one digest e-mail per person of what waits for them.

What waits is what the start page shows (`core.navigation.register_waiting` providers), so an
area writes it once. Idempotent per day: a job or digest recorded for today is not repeated, and
the record is written in the same transaction as the queued mail, so a crash sends nothing twice.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.mail import send_templated
from kvalitet.core.navigation import Waiting, waiting_for
from kvalitet.organisations.models import Organisation
from kvalitet.reminders.jobs import daily_jobs
from kvalitet.reminders.models import DigestSent, JobRun


@dataclass(frozen=True)
class OrganisationDigest:
    organisation: Organisation
    items: list[Waiting]


@dataclass
class RemindResult:
    jobs: dict[str, str]
    digests_sent: int
    already_sent: int


def run_daily_jobs(*, today: datetime.date) -> dict[str, str]:
    """Run each registered job that has not run today; return {job: summary}."""
    results = {}
    for name, function in daily_jobs().items():
        if JobRun.objects.filter(name=name, day=today).exists():
            continue
        with transaction.atomic():
            summary = function(today)
            JobRun.objects.create(name=name, day=today, summary=summary[:500])
        results[name] = summary
    return results


def _language_for(person: Person, organisation: Organisation) -> str:
    return person.language or organisation.language or settings.LANGUAGE_CODE


def digest_for(person: Person) -> list[OrganisationDigest]:
    """What waits for `person` in each organisation where they are a member today."""
    digests = []
    for organisation in access.organisations_of(person).order_by("name"):
        scope = access.scope_for(person, organisation)
        with translation.override(_language_for(person, organisation)):
            items = waiting_for(scope)
        if items:
            digests.append(OrganisationDigest(organisation=organisation, items=items))
    return digests


def send_digest(*, person: Person, today: datetime.date) -> bool:
    """Queue today's digest for `person` unless it was sent already or nothing waits."""
    if DigestSent.objects.filter(person=person, day=today).exists():
        return False
    digests = digest_for(person)
    if not digests:
        return False
    language = _language_for(person, digests[0].organisation)
    try:
        with transaction.atomic():
            DigestSent.objects.create(
                person=person, day=today, item_count=sum(len(d.items) for d in digests)
            )
            send_templated(
                to=person.email,
                template="reminders/email/digest",
                context={"person": person, "digests": digests, "site_url": settings.SITE_URL},
                language=language,
            )
    except IntegrityError:  # another `remind` got there first
        return False
    return True


def remind(*, today: datetime.date) -> RemindResult:
    jobs = run_daily_jobs(today=today)
    sent = already = 0
    for person in Person.objects.filter(is_active=True).order_by("pk").iterator():
        if send_digest(person=person, today=today):
            sent += 1
        elif DigestSent.objects.filter(person=person, day=today).exists():
            already += 1
    return RemindResult(jobs=jobs, digests_sent=sent, already_sent=already)
