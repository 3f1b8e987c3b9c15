"""Data protection: anonymising cases (on schedule or on request), exporting one person's data,
and sending a failed e-mail again."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalitet import access
from kvalitet.core.errors import Conflict
from kvalitet.feedback import mail
from kvalitet.feedback.models import CaseMail, CaseNote, FeedbackCase, FeedbackSettings, Status

REDACTED = "–"
# What anonymisation blanks, in the case and in every history row of it.
PERSONAL_FIELDS = {
    "subject": REDACTED,
    "text": REDACTED,
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "answer": REDACTED,
    "improvement_description": "",
}


def _anonymise(cases: list[FeedbackCase]) -> int:
    from django_tasks_db.models import DBTaskResult

    ids = [case.pk for case in cases]
    if not ids:
        return 0
    now = timezone.now()
    for case in cases:
        for attachment in case.attachments.all():
            attachment.file.delete(save=False)
    FeedbackCase.objects.filter(pk__in=ids).update(anonymised_at=now, **PERSONAL_FIELDS)
    FeedbackCase.history.model.objects.filter(id__in=ids).update(**PERSONAL_FIELDS)
    CaseNote.objects.filter(case_id__in=ids).update(text=REDACTED)
    CaseNote.history.model.objects.filter(case_id__in=ids).update(text=REDACTED)
    from kvalitet.feedback.models import Attachment

    Attachment.objects.filter(case_id__in=ids).delete()
    mails = CaseMail.objects.filter(case_id__in=ids)
    # The queued (or sent) message holds the address and the text: remove the task rows too.
    task_ids = [task_id for task_id in mails.values_list("task_id", flat=True) if task_id]
    DBTaskResult.objects.filter(pk__in=task_ids).delete()
    mails.delete()
    return len(ids)


@transaction.atomic
def case_anonymise(*, scope: access.Scope, case: FeedbackCase, by) -> FeedbackCase:
    if not scope.is_coordinator:
        raise PermissionDenied
    if case.anonymised_at is not None:
        raise Conflict(_("This case is already anonymised."))
    _anonymise([case])
    case.refresh_from_db()
    return case


def cases_of_person(scope: access.Scope, email: str):
    """Every case in the organisation with this contact address (the coordinator's view)."""
    if not scope.is_coordinator:
        raise PermissionDenied
    email = email.strip()
    if not email:
        return FeedbackCase.objects.none()
    return (
        scope.visible(FeedbackCase.objects.all())
        .filter(contact_email__iexact=email)
        .select_related("unit", "topic")
        .prefetch_related("notes")
        .order_by("received_at")
    )


@transaction.atomic
def person_erase(*, scope: access.Scope, email: str, by) -> int:
    """Erase everything about the person with `email` on their request."""
    cases = list(cases_of_person(scope, email).select_for_update(of=("self",)))
    return _anonymise(cases)


def retention_due(today: datetime.date) -> list[FeedbackCase]:
    """Closed cases whose retention period (per organisation, default 24 months) has passed."""
    months = dict(FeedbackSettings.objects.values_list("organisation_id", "retention_months"))
    candidates = FeedbackCase.objects.filter(
        status=Status.CLOSED, anonymised_at__isnull=True, closed_at__isnull=False
    ).only("pk", "organisation_id", "closed_at")
    due = []
    for case in candidates.iterator():
        keep = months.get(case.organisation_id, 24)
        closed = timezone.localtime(case.closed_at).date()
        year, month = divmod(closed.month - 1 + keep, 12)
        limit = closed.replace(year=closed.year + year, month=month + 1, day=min(closed.day, 28))
        if limit <= today:
            due.append(case)
    return due


def anonymise_expired(today: datetime.date) -> str:
    """The daily job: anonymise what has passed its retention period."""
    with transaction.atomic():
        count = _anonymise(retention_due(today))
    return f"{count} feedback cases anonymised"


@transaction.atomic
def mail_retry(*, scope: access.Scope, case_mail: CaseMail, by) -> CaseMail:
    if not scope.is_coordinator or case_mail.organisation_id != scope.organisation.pk:
        raise PermissionDenied
    try:
        task_id = mail.requeue(case_mail)
    except LookupError:
        raise Conflict(_("The message is no longer in the queue.")) from None
    case_mail.task_id = task_id
    case_mail.attempts += 1
    case_mail.queued_at = timezone.now()
    case_mail.save(update_fields=["task_id", "attempts", "queued_at"])
    return case_mail
