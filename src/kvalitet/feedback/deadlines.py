"""Feedback deadlines in working days: the holidays of the country and the closing days."""

import datetime

from django.utils import translation

from kvalitet import workdays
from kvalitet.feedback.models import ClosingDay, DeadlineRule
from kvalitet.organisations.models import Organisation

HOLIDAY_LANGUAGE = {"da": "da", "sv": "sv", "en": "en_US"}


def holiday_language() -> str:
    return HOLIDAY_LANGUAGE.get((translation.get_language() or "en")[:2], "en_US")


def closing_days(organisation: Organisation) -> set[datetime.date]:
    return set(ClosingDay.objects.filter(organisation=organisation).values_list("day", flat=True))


def days_for(organisation: Organisation, kind: str) -> tuple[int, int]:
    rule = DeadlineRule.objects.filter(organisation=organisation, kind=kind).first()
    if rule is None:
        return DeadlineRule.DEFAULT_ACKNOWLEDGE_DAYS, DeadlineRule.DEFAULT_ANSWER_DAYS
    return rule.acknowledge_days, rule.answer_days


def count(
    organisation: Organisation,
    start: datetime.date,
    working_days: int,
    *,
    closed: set[datetime.date] | None = None,
) -> workdays.Deadline:
    return workdays.add_working_days(
        start,
        working_days,
        country=organisation.country,
        closing_days=closing_days(organisation) if closed is None else closed,
        language=holiday_language(),
    )
