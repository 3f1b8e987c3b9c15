"""Writes for feedback cases: arrival (routing, reference, deadlines, receipt), handling, answer."""

import datetime
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.errors import Conflict, Invalid
from kvalitet.feedback import arrival, deadlines, mail
from kvalitet.feedback.models import (
    TRANSITIONS,
    Attachment,
    CaseNote,
    FeedbackCase,
    ReferenceCounter,
    Status,
    Topic,
    token_digest,
)
from kvalitet.history import attribute
from kvalitet.organisations.models import Organisation, Unit


def next_reference(organisation: Organisation, year: int) -> str:
    """`S-<year>-<number>`, unique per organisation and year.

    One counter row per year, created or advanced by one upsert: the row lock (PostgreSQL) or the
    write lock (SQLite) makes concurrent submissions queue, so no two get the same number.
    `case_receive` takes it in a transaction of its own, before the case's: held until the case,
    its history and its mail task were written, the lock let one organisation's form take only
    about 130 submissions a second whatever the cores. A case that fails after its number was
    taken leaves a gap; a number is never given twice.
    """
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        # One upsert that both SQLite (3.35+) and PostgreSQL speak: one round trip.
        cursor.execute(
            f"INSERT INTO {table} (organisation_id, year, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (organisation_id, year) DO UPDATE SET last = {table}.last + 1 "
            "RETURNING last",
            [organisation.pk, year],
        )
        (number,) = cursor.fetchone()
    return f"S-{year}-{number:06d}"


def route(
    organisation: Organisation, *, kind: str, topic: Topic | None, subject: str
) -> tuple[Unit | None, Any]:
    """The unit (and person) for a new case: the first matching rule, else the topic's unit.

    The rules come from `kvalitet.feedback.arrival` (no query); None means the coordinator
    receives it.
    """
    topic_id = topic.pk if topic else None
    for rule in arrival.for_organisation(organisation).routing:
        if rule.matches(kind=kind, topic_id=topic_id, subject=subject):
            return rule.unit, rule.assignee_id
    if topic is not None and topic.unit_id:
        return topic.unit, None
    return None, None


def case_receive(
    *,
    organisation: Organisation,
    kind: str,
    channel: str,
    subject: str,
    text: str,
    topic: Topic | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str = "da",
    received_at: datetime.datetime | None = None,
    attachments: Sequence = (),
    challenge_nonce: str | None = None,
    unit: Unit | None = None,
    by=None,
) -> tuple[FeedbackCase, str]:
    """Store a new case; return it and the private status token (shown once, never stored)."""
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + datetime.timedelta(minutes=5):
        raise Invalid(_("The date received cannot be in the future."))
    year = timezone.localtime(received_at).year
    reference = next_reference(organisation, year)  # its own transaction: see next_reference
    with transaction.atomic():
        assignee_id = None
        if unit is None:
            unit, assignee_id = route(organisation, kind=kind, topic=topic, subject=subject)
        received_on = timezone.localtime(received_at).date()
        settings = arrival.for_organisation(organisation)
        acknowledge_days, answer_days = settings.days_for(kind)
        closed = set(settings.closing_days)
        token = secrets.token_urlsafe(24)
        case = FeedbackCase(
            organisation=organisation,
            reference=reference,
            kind=kind,
            channel=channel,
            topic=topic,
            subject=subject,
            text=text,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
            language=language,
            received_at=received_at,
            acknowledge_due=deadlines.count(
                organisation, received_on, acknowledge_days, closed=closed
            ).due,
            answer_due=deadlines.count(organisation, received_on, answer_days, closed=closed).due,
            unit=unit,
            assignee_id=assignee_id,
            created_by=by,
            status_token_hash=token_digest(token),
            challenge_nonce=challenge_nonce,
        )
        attribute(case, by=by)
        try:
            case.save()
        except IntegrityError:
            # Only the nonce can collide here: the same proof-of-work solution sent twice. No
            # savepoint (a round trip each way): the whole transaction is rolled back.
            raise Conflict(
                _("This form was already sent. Reload the page to send it again.")
            ) from None
        for uploaded in attachments:
            Attachment.objects.create(
                case=case, file=uploaded, name=uploaded.name[:200], size=uploaded.size
            )
        if contact_email:
            mail.queue(
                case=case, template="receipt", context={"status_url": mail.status_url(case, token)}
            )
        return case, token


def case_register(*, scope: access.Scope, by, **fields) -> tuple[FeedbackCase, str]:
    """Staff intake of feedback received by phone, letter, e-mail or at the desk."""
    if not scope.has_role(*access.EDITOR_ROLES, access.STAFF):
        raise PermissionDenied
    return case_receive(organisation=scope.organisation, by=by, **fields)


def _require_change(scope: access.Scope, case: FeedbackCase) -> None:
    if not scope.can_change(case) and case.assignee_id != getattr(scope.person, "pk", None):
        raise PermissionDenied


@transaction.atomic
def case_transition(*, scope: access.Scope, case: FeedbackCase, status: str, by) -> FeedbackCase:
    _require_change(scope, case)
    if status not in TRANSITIONS.get(Status(case.status), set()):
        raise Conflict(
            _("A case that is “%(current)s” cannot become “%(new)s”.")
            % {"current": Status(case.status).label, "new": Status(status).label}
        )
    if status == Status.ANSWERED and not case.answer.strip():
        raise Invalid(_("Write the answer before marking the case answered."))
    now = timezone.now()
    fields = ["status"]
    if case.acknowledged_at is None and status != Status.CLOSED:
        case.acknowledged_at = now
        fields.append("acknowledged_at")
    if status == Status.ANSWERED:
        case.answered_at = now
        fields.append("answered_at")
    if status == Status.CLOSED:
        case.closed_at = now
        fields.append("closed_at")
    # Claim the transition with the old status, so two handlers cannot both move it.
    claimed = FeedbackCase.objects.filter(pk=case.pk, status=case.status).update(status=status)
    if not claimed:
        raise Conflict()
    case.status = status
    attribute(case, by=by)
    case.save(update_fields=fields)
    return case


@transaction.atomic
def case_answer(
    *, scope: access.Scope, case: FeedbackCase, answer: str, by, send: bool = True
) -> FeedbackCase:
    """Store the answer, mark the case answered and e-mail it where the citizen gave an address."""
    _require_change(scope, case)
    if not answer.strip():
        raise Invalid(_("The answer is empty."))
    if case.status not in (Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        raise Conflict(_("This case has already been answered."))
    case.answer = answer
    attribute(case, by=by)
    case.save(update_fields=["answer"])
    case = case_transition(scope=scope, case=case, status=Status.ANSWERED, by=by)
    if send and case.contact_email:
        mail.queue(case=case, template="answer", context={})
    return case


@transaction.atomic
def case_close(
    *,
    scope: access.Scope,
    case: FeedbackCase,
    outcome: str,
    leads_to_improvement: bool,
    improvement_description: str,
    by,
) -> FeedbackCase:
    _require_change(scope, case)
    if leads_to_improvement and not improvement_description.strip():
        raise Invalid(_("Describe the improvement the case leads to."))
    case.outcome = outcome
    case.leads_to_improvement = leads_to_improvement
    case.improvement_description = improvement_description
    attribute(case, by=by)
    case.save(update_fields=["outcome", "leads_to_improvement", "improvement_description"])
    return case_transition(scope=scope, case=case, status=Status.CLOSED, by=by)


@transaction.atomic
def case_assign(
    *, scope: access.Scope, case: FeedbackCase, unit: Unit | None, assignee, by
) -> FeedbackCase:
    """Re-route a case to a unit and/or a person of the organisation."""
    _require_change(scope, case)
    if unit is not None and unit.organisation_id != scope.organisation.pk:
        raise Invalid(_("Choose a unit of this organisation."))
    if assignee is not None and not access.scope_for(assignee, scope.organisation).is_member:
        raise Invalid(_("Choose a person of this organisation."))
    case.unit = unit
    case.assignee = assignee
    attribute(case, by=by, reason="assigned")
    case.save(update_fields=["unit", "assignee"])
    return case


@transaction.atomic
def case_share(*, scope: access.Scope, case: FeedbackCase, person, by) -> FeedbackCase:
    _require_change(scope, case)
    if not access.scope_for(person, scope.organisation).is_member:
        raise Invalid(_("Choose a person of this organisation."))
    case.shared_with.add(person)
    return case


@transaction.atomic
def case_note_add(*, scope: access.Scope, case: FeedbackCase, text: str, by) -> CaseNote:
    _require_change(scope, case)
    if not text.strip():
        raise Invalid(_("The note is empty."))
    note = CaseNote(case=case, author=by, text=text)
    attribute(note, by=by)
    note.save()
    return note
