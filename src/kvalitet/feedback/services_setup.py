"""The coordinator's set-up: topics, routing rules, deadlines, closing days and retention."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.feedback import arrival
from kvalitet.feedback.models import ClosingDay, DeadlineRule, FeedbackSettings, RoutingRule, Topic
from kvalitet.history import attribute


def _require_coordinator(scope: access.Scope) -> None:
    if not scope.is_coordinator:
        raise PermissionDenied


def _check_unit(scope: access.Scope, unit) -> None:
    if unit is not None and unit.organisation_id != scope.organisation.pk:
        raise Invalid(_("Choose a unit of this organisation."))


@transaction.atomic
def topic_save(*, scope: access.Scope, topic: Topic | None, by, **fields) -> Topic:
    _require_coordinator(scope)
    _check_unit(scope, fields.get("unit"))
    topic = topic or Topic(organisation=scope.organisation)
    for name, value in fields.items():
        setattr(topic, name, value)
    attribute(topic, by=by)
    topic.save()
    arrival.forget(scope.organisation.pk)
    return topic


@transaction.atomic
def routing_rule_save(
    *, scope: access.Scope, rule: RoutingRule | None, by, **fields
) -> RoutingRule:
    _require_coordinator(scope)
    _check_unit(scope, fields.get("unit"))
    topic = fields.get("topic")
    if topic is not None and topic.organisation_id != scope.organisation.pk:
        raise Invalid(_("Choose a topic of this organisation."))
    assignee = fields.get("assignee")
    if assignee is not None and not access.scope_for(assignee, scope.organisation).is_member:
        raise Invalid(_("Choose a person of this organisation."))
    rule = rule or RoutingRule(organisation=scope.organisation)
    for name, value in fields.items():
        setattr(rule, name, value)
    attribute(rule, by=by)
    rule.save()
    arrival.forget(scope.organisation.pk)
    return rule


@transaction.atomic
def routing_rule_delete(*, scope: access.Scope, rule: RoutingRule, by) -> None:
    _require_coordinator(scope)
    attribute(rule, by=by)
    rule.delete()
    arrival.forget(scope.organisation.pk)


@transaction.atomic
def deadlines_set(
    *, scope: access.Scope, days: dict[str, tuple[int, int]], retention_months: int, by
) -> None:
    """Working days per kind (acknowledge, answer) and the retention period."""
    _require_coordinator(scope)
    for kind, (acknowledge, answer) in days.items():
        if acknowledge > answer:
            raise Invalid(_("The answer deadline cannot come before the acknowledgement."))
        rule, _created = DeadlineRule.objects.select_for_update().get_or_create(
            organisation=scope.organisation,
            kind=kind,
            defaults={"acknowledge_days": acknowledge, "answer_days": answer},
        )
        rule.acknowledge_days, rule.answer_days = acknowledge, answer
        attribute(rule, by=by)
        rule.save(update_fields=["acknowledge_days", "answer_days"])
    settings, _created = FeedbackSettings.objects.select_for_update().get_or_create(
        organisation=scope.organisation
    )
    settings.retention_months = retention_months
    attribute(settings, by=by)
    settings.save(update_fields=["retention_months"])
    arrival.forget(scope.organisation.pk)


@transaction.atomic
def closing_day_add(*, scope: access.Scope, day: datetime.date, reason: str, by) -> ClosingDay:
    _require_coordinator(scope)
    closing = ClosingDay(organisation=scope.organisation, day=day, reason=reason)
    attribute(closing, by=by)
    try:
        with transaction.atomic():
            closing.save()
    except IntegrityError:
        raise Conflict(_("That day is already a closing day.")) from None
    arrival.forget(scope.organisation.pk)
    return closing


@transaction.atomic
def closing_day_delete(*, scope: access.Scope, closing: ClosingDay, by) -> None:
    _require_coordinator(scope)
    if closing.organisation_id != scope.organisation.pk:
        raise PermissionDenied
    attribute(closing, by=by)
    closing.delete()
    arrival.forget(scope.organisation.pk)
