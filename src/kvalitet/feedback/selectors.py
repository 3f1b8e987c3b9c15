"""Reads for feedback: what a person may see, the inbox, one case, statistics."""

import datetime
import statistics as stats
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import (
    BooleanField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.utils import timezone

from kvalitet import access
from kvalitet.feedback.models import (
    OPEN_STATUSES,
    CaseMail,
    CaseQuerySet,
    Channel,
    FeedbackCase,
    Kind,
    Status,
    token_digest,
)


def visible_cases(scope: access.Scope) -> CaseQuerySet:
    """The routed unit's people and coordinators (kvalitet.access), plus the case's assignee and
    the people it is explicitly shared with."""
    base: CaseQuerySet = FeedbackCase.objects.all()
    if not scope.is_member or scope.person is None:
        return base.none()
    shared = FeedbackCase.shared_with.through.objects.filter(person_id=scope.person.pk)
    # Conditions on the case's own row, ORed into one query: a join to the sharing table
    # repeated a case once per share and needed DISTINCT, and counting a large organisation's
    # inbox then sorted every case.
    by_unit = cast(CaseQuerySet, scope.visible(base))
    return by_unit | base.filter(organisation=scope.organisation).filter(
        Q(assignee_id=scope.person.pk) | Q(pk__in=shared.values("feedbackcase_id"))
    )


def case_for(scope: access.Scope, case_id) -> FeedbackCase:
    try:
        return (
            visible_cases(scope)
            .select_related("unit", "assignee", "topic", "created_by", "organisation")
            .get(pk=case_id)
        )
    except (FeedbackCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class InboxFilter:
    status: str = ""
    kind: str = ""
    overdue: bool = False
    mine: bool = False
    unit_id: int | None = None
    query: str = ""


def inbox(scope: access.Scope, filters: InboxFilter) -> QuerySet[FeedbackCase]:
    cases = visible_cases(scope).select_related("unit", "assignee", "topic")
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.overdue:
        cases = cases.overdue_on(timezone.localdate())
    if filters.mine and scope.person is not None:
        cases = cases.filter(assignee=scope.person)
    if filters.unit_id:
        cases = cases.filter(unit_id=filters.unit_id)
    if filters.query:
        q = filters.query.strip()
        cases = cases.filter(Q(reference__iexact=q) | Q(subject__icontains=q))
    return cases.order_by("-received_at", "-pk")


def case_by_token(organisation, token: str) -> FeedbackCase:
    case = (
        FeedbackCase.objects.filter(
            organisation=organisation, status_token_hash=token_digest(token)
        )
        .select_related("organisation", "topic")
        .first()
    )
    if case is None:
        raise Http404
    return case


def failed_mails(scope: access.Scope) -> QuerySet[CaseMail]:
    """Case e-mail the worker could not deliver (django-tasks-db marks the task FAILED)."""
    from django_tasks_db.models import DBTaskResult

    if not scope.is_coordinator:
        return CaseMail.objects.none()
    failed = DBTaskResult.objects.failed().values("id")
    return (
        CaseMail.objects.filter(organisation=scope.organisation, task_id__in=failed)
        .select_related("case")
        .order_by("-queued_at")
    )


# --- statistics ----------------------------------------------------------------------------


@dataclass
class Group:
    label: str
    count: int = 0
    answered: int = 0
    on_time: int = 0
    days: list[float] | None = None  # every answered case's days, until settled
    median_days: float | None = None

    def settle(self) -> None:
        """Keep the median, drop the days: small enough to cache."""
        self.median_days = round(stats.median(self.days), 1) if self.days else None
        self.days = None

    @property
    def on_time_share(self) -> float | None:
        return round(100 * self.on_time / self.answered) if self.answered else None


ORGANISATION_WIDE = (access.COORDINATOR, access.VIEWER, access.AUDITOR)


def statistics_cases(scope: access.Scope) -> QuerySet[FeedbackCase]:
    """Counts carry no personal data: coordinators, viewers and auditors see the organisation;
    everyone else the cases they may see."""
    if scope.has_role(*ORGANISATION_WIDE):
        return FeedbackCase.objects.filter(organisation=scope.organisation)
    return visible_cases(scope)


def statistics(cases: QuerySet[FeedbackCase], *, start: datetime.date, end: datetime.date):
    """Per unit, kind, channel and month: count, median days to answer, share answered on time.

    One query, one narrow row per case with the month, the days to answer and the on-time flag
    worked out by the database (in the current time zone), so the largest organisation's year
    (20,000 cases) is grouped here in tens of milliseconds. The medians need every case's days,
    which SQLite cannot give per group, hence rows rather than GROUP BY.
    """
    zone = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    stop = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    rows = (
        cases.filter(received_at__gte=begin, received_at__lt=stop)
        .order_by()
        .annotate(
            # A number (202503), not a truncated date: Django would convert 20,000 of those.
            month=ExtractYear("received_at") * 100 + ExtractMonth("received_at"),
            waited=ExpressionWrapper(F("answered_at") - F("received_at"), DurationField()),
            on_time=ExpressionWrapper(
                Q(answered_at__date__lte=F("answer_due")), output_field=BooleanField()
            ),
        )
        .values_list("unit__code", "unit__name", "kind", "channel", "month", "waited", "on_time")
    )
    kinds, channels = dict(Kind.choices), dict(Channel.choices)
    groups: dict[str, dict[Any, Group]] = {d: {} for d in DIMENSIONS}
    labels: dict[str, dict[Any, str]] = {d: {} for d in DIMENSIONS}
    total = Group(label="", days=[])
    for code, name, kind, channel, month, waited, on_time in rows:
        days = None if waited is None else round(waited.total_seconds() / 86400, 1)
        for dimension, key in zip(DIMENSIONS, (code or "", kind, channel, month), strict=True):
            group = groups[dimension].get(key)
            if group is None:
                group = groups[dimension][key] = Group(label="", days=[])
                labels[dimension][key] = _label(dimension, key, name, kinds, channels)
            _add(group, days, on_time)
        _add(total, days, on_time)
    ordered = {}
    for dimension in DIMENSIONS:
        for key, group in groups[dimension].items():
            group.label = labels[dimension][key]
            group.settle()
        ordered[dimension] = [groups[dimension][key] for key in sorted(groups[dimension])]
    total.settle()
    return total, ordered


DIMENSIONS = ("unit", "kind", "channel", "month")


def _label(dimension: str, key, unit_name, kinds: dict, channels: dict) -> str:
    if dimension == "unit":
        return f"{key} {unit_name}" if key else "–"
    if dimension == "kind":
        return str(kinds.get(key, key))
    if dimension == "channel":
        return str(channels.get(key, key))
    return f"{int(key) // 100}-{int(key) % 100:02d}"


def _add(group: Group, days: float | None, on_time: bool | None) -> None:
    group.count += 1
    if days is not None:
        group.answered += 1
        group.days.append(days)  # type: ignore[union-attr]
        if on_time:
            group.on_time += 1


def public_summary(organisation, today: datetime.date):
    """The last twelve months for the portal: counts and response times, never content."""
    start = today - datetime.timedelta(days=365)
    cases = FeedbackCase.objects.filter(organisation=organisation)
    total, groups = statistics(cases, start=start, end=today)
    return total, groups["kind"], groups["month"]


def waiting_counts(scope: access.Scope, today: datetime.date) -> dict[str, int]:
    """One query: cases assigned to me / in my units that are near or over a deadline."""
    from django.db.models import Count

    soon = today + datetime.timedelta(days=2)
    person_id = scope.person.pk if scope.person else None
    due = FeedbackCase.objects.due_by(soon).filter(organisation=scope.organisation)
    handlers = {access.COORDINATOR, access.MANAGER, access.NETWORK_MEMBER, access.STAFF}
    unit_paths = [grant.unit_path for grant in scope.grants if grant.role in handlers]
    in_units = Q(pk__in=[])
    for path in unit_paths:
        in_units |= Q(unit__path__startswith=path)
    if scope.is_coordinator:
        in_units |= Q(unit__isnull=True)
    result = due.aggregate(
        mine=Count("pk", filter=Q(assignee_id=person_id)),
        units=Count("pk", filter=in_units & Q(assignee__isnull=True) & Q(status=Status.RECEIVED)),
    )
    return {"mine": result["mine"] or 0, "units": result["units"] or 0}
