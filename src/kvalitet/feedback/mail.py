"""Case e-mail: queued as a task in the caller's transaction, remembered per case so that a failed
send shows up for the coordinator and can be sent again (kvalitet.core.mail does the delivery)."""

import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kvalitet.core.mail import _serialise, deliver_email
from kvalitet.feedback.models import CaseMail, FeedbackCase


def status_url(case: FeedbackCase, token: str) -> str:
    path = reverse(
        "feedback_portal:status", kwargs={"org_slug": case.organisation.slug, "token": token}
    )
    return f"{settings.SITE_URL}{path}"


def queue(*, case: FeedbackCase, template: str, context: dict) -> CaseMail:
    """Render `feedback/email/<template>` in the citizen's language and queue it for the worker."""
    context = {"case": case, "organisation": case.organisation, **context}
    with translation.override(case.language):
        subject = render_to_string(f"feedback/email/{template}/subject.txt", context)
        text = render_to_string(f"feedback/email/{template}/body.txt", context)
        html = render_to_string(f"feedback/email/{template}/body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[case.contact_email],
        reply_to=[case.organisation.contact_email] if case.organisation.contact_email else [],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.attach_alternative(html, "text/html")
    result = deliver_email.enqueue(_serialise(message))
    return CaseMail.objects.create(
        case=case,
        organisation_id=case.organisation_id,
        template=template,
        to=case.contact_email,
        task_id=_uuid(result.id),
    )


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
    result = deliver_email.enqueue(*stored.args_kwargs["args"], **stored.args_kwargs["kwargs"])
    return _uuid(result.id)
