"""E-mail is never lost: queued with the change, a failed send shown to the coordinator and sent
again with one button."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kvalitet.feedback.models import CaseMail
from kvalitet.feedback.tests.factories import make_case


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_a_failed_receipt_is_shown_to_the_coordinator_and_can_be_sent_again(
    database_tasks, client_for, norreby, coordinator, staff
):
    case, _token = make_case(norreby)
    case_mail = CaseMail.objects.get(case=case)
    task = DBTaskResult.objects.get(pk=case_mail.task_id)
    assert task.task_path == "kvalitet.feedback.mail.deliver_case_mail"
    assert task.args_kwargs["args"][:2] == [case.pk, "receipt"]
    assert case_mail.to == "hemmelig@privat.example"
    task.set_failed(ConnectionRefusedError("SMTP down"))

    client = client_for(coordinator)
    page = client.get(reverse("feedback:mail_failures", kwargs={"org_slug": "norreby"}))
    assert case.reference in page.content.decode()
    start = client.get(reverse("organisations:start", kwargs={"org_slug": "norreby"}))
    html = start.content.decode()
    assert "ikke kunne sendes" in html

    retry = reverse(
        "feedback:mail_retry", kwargs={"org_slug": "norreby", "case_mail_id": case_mail.pk}
    )
    assert client_for(staff).post(retry).status_code == 404
    response = client.post(retry)
    assert response.status_code == 302
    case_mail.refresh_from_db()
    assert case_mail.attempts == 2
    fresh = DBTaskResult.objects.get(pk=case_mail.task_id)
    assert fresh.status == "READY"
    assert fresh.args_kwargs == task.args_kwargs
    page = client.get(reverse("feedback:mail_failures", kwargs={"org_slug": "norreby"}))
    assert case.reference not in page.content.decode()


def test_mail_is_not_queued_when_the_change_is_rolled_back(database_tasks, norreby):
    from django.db import transaction

    def receive_then_fail():
        with transaction.atomic():
            make_case(norreby)
            raise RuntimeError

    before = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError):
        receive_then_fail()
    assert DBTaskResult.objects.count() == before


def test_the_worker_renders_the_receipt_in_the_citizens_language(database_tasks, norreby):
    from django.core import mail as outbox

    from kvalitet.feedback import mail

    case, token = make_case(norreby)
    task = DBTaskResult.objects.get(pk=CaseMail.objects.get(case=case).task_id)
    assert outbox.outbox == []  # queued, not sent, by the request
    assert mail.deliver_case_mail.call(*task.args_kwargs["args"]) == 1
    (message,) = outbox.outbox
    assert message.to == ["hemmelig@privat.example"]
    assert case.reference in message.subject
    assert token in message.body
    assert "Tak for din henvendelse" in message.body


def test_the_worker_writes_to_nobody_once_the_case_is_anonymised(database_tasks, norreby):
    from django.core import mail as outbox
    from django.utils import timezone

    from kvalitet.feedback import mail

    case, _token = make_case(norreby)
    task = DBTaskResult.objects.get(pk=CaseMail.objects.get(case=case).task_id)
    case.anonymised_at = timezone.now()
    case.save(update_fields=["anonymised_at"])
    assert mail.deliver_case_mail.call(*task.args_kwargs["args"]) == 0
    assert outbox.outbox == []
