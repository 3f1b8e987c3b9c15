"""E-mail: every message becomes a task in the database, sent by `kvalitet worker`.

`QueuedEmailBackend` is Django's EMAIL_BACKEND, so everything that sends mail (password reset
included) is queued. Enqueued inside the caller's transaction, the task row commits or rolls back
with the change that caused it: a message is never lost and never sent for a change undone.
The worker delivers through the "delivery" mailer (SMTP in production).
"""

import base64
from collections.abc import Sequence

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

DELIVERY_MAILER = "delivery"


def _serialise(message) -> dict:
    alternatives = [
        [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
    ]
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": alternatives,
        "attachments": attachments,
    }


@task(queue_name="default")
def deliver_email(message: dict) -> int:
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    for filename, content, mimetype in message["attachments"]:
        email.attach(filename, base64.b64decode(content), mimetype)
    return email.send(using=DELIVERY_MAILER)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence) -> int:
        for message in email_messages:
            deliver_email.enqueue(_serialise(message))
        return len(email_messages)


def templated_message(
    *, to: str, template: str, context: dict, language: str, reply_to: str | None = None
) -> EmailMultiAlternatives:
    """The e-mail `template` (subject.txt, body.txt, body.html) in the reader's language."""
    with translation.override(language):
        subject = render_to_string(f"{template}/subject.txt", context).strip()
        text = render_to_string(f"{template}/body.txt", context)
        html = render_to_string(f"{template}/body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[to],
        reply_to=[reply_to] if reply_to else [],
    )
    message.attach_alternative(html, "text/html")
    return message


def send_templated(
    *, to: str, template: str, context: dict, language: str, reply_to: str | None = None
) -> None:
    """Queue the e-mail `template` in the reader's language (see templated_message)."""
    templated_message(
        to=to, template=template, context=context, language=language, reply_to=reply_to
    ).send()
