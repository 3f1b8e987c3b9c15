"""Case e-mail: queued as a task in the caller's transaction, rendered and sent by the worker, and
remembered per case so that a failed send shows up for the coordinator and can be sent again."""

import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.urls import reverse

from kvalitet.core.mail import DELIVERY_MAILER, deliver_email, templated_message
from kvalitet.feedback.models import CaseMail, FeedbackCase


def status_url(case: FeedbackCase, token: str) -> str:
    path = reverse(
        "feedback_portal:status", kwargs={"org_slug": case.organisation.slug, "token": token}
    )
    return f"{settings.SITE_URL}{path}"


def queue(*, case: FeedbackCase, template: str, context: dict) -> CaseMail:
    """Queue `feedback/email/<template>` to the case's contact for the worker, which renders it.

    Rendering in the worker keeps three templates out of the citizen's request, which holds the
    organisation's reference counter locked until it commits: the shorter that is, the more
    submissions a second the form takes. The task row commits with the case, so nothing is lost.
    """
    result = deliver_case_mail.enqueue(case.pk, template, context)
    return CaseMail.objects.create(
        case=case,
        organisation_id=case.organisation_id,
        template=template,
        to=case.contact_email,
        task_id=_uuid(result.id),
    )


def compose(*, case: FeedbackCase, template: str, context: dict) -> EmailMultiAlternatives:
    """The message `template` for `case`, in the citizen's language."""
    return templated_message(
        to=case.contact_email,
        template=f"feedback/email/{template}",
        context={"case": case, "organisation": case.organisation, **context},
        language=case.language,
        reply_to=case.organisation.contact_email or None,
    )


@task(queue_name="default")
def deliver_case_mail(case_id: int, template: str, context: dict) -> int:
    case = FeedbackCase.objects.select_related("organisation").filter(pk=case_id).first()
    if case is None or case.anonymised_at or not case.contact_email:
        return 0  # erased or anonymised since: nobody to write to
    return compose(case=case, template=template, context=context).send(using=DELIVERY_MAILER)


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def requeue(mail: CaseMail) -> uuid.UUID | None:
    """Enqueue the stored message of `mail` again; returns the new task's id."""
    from django_tasks_db.models import DBTaskResult

    stored = DBTaskResult.objects.filter(pk=mail.task_id).first() if mail.task_id else None
    if stored is None:
        raise LookupError(mail.task_id)
    # Messages queued before the worker rendered them were stored whole (deliver_email).
    again = deliver_case_mail if stored.task_path.endswith("deliver_case_mail") else deliver_email
    result = again.enqueue(*stored.args_kwargs["args"], **stored.args_kwargs["kwargs"])
    return _uuid(result.id)
