"""The health check, and e-mail as a database task that the worker delivers after commit."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.tasks import task_backends
from django.test import Client
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from kvalitet.access import scope_for
from kvalitet.organisations import services
from kvalitet.organisations.models import Invitation

# --- Health check ---


def test_healthz_is_ok_and_not_cached(db):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] != "ok"
    assert "no-cache" in response["Cache-Control"]


# --- E-mail through the database task queue ---


@pytest.fixture
def database_tasks(settings):
    """Tasks go to the database, as in production. Changing TASKS fires setting_changed, which
    makes django.tasks forget its backends (django/tasks/signals.py), so the change takes effect."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    assert isinstance(task_backends["default"], DatabaseBackend)


@pytest.fixture
def run_worker():
    """`kvalitet worker --batch`, leaving the test process's signal handlers as they were.

    Tests that run it use real transactions (transaction=True): the worker calls
    close_old_connections(), which on PostgreSQL drops a connection that is inside the test's
    wrapping transaction, and only committed rows are what a real worker would see.
    """

    def run() -> None:
        saved = {
            number: signal.getsignal(number)
            for number in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGQUIT", None))
            if number is not None
        }
        try:
            call_command("worker", "--batch", "--interval", "0", verbosity=0)
        finally:
            for number, handler in saved.items():
                signal.signal(number, handler)

    return run


def _invite(coordinator, norreby, unit) -> Invitation:
    return services.invitation_send(
        scope=scope_for(coordinator, norreby),
        email="Ny.Kollega@Norreby.example",
        full_name="Ny Kollega",
        unit=unit,
        role="staff",
        valid_until=None,
        by=coordinator,
    )


@pytest.mark.django_db(transaction=True)
def test_invitation_mail_is_queued_and_delivered_by_the_worker(
    database_tasks, run_worker, coordinator, norreby, unit
):
    _invite(coordinator, norreby, unit)

    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert queued.task_path == "kvalitet.core.mail.deliver_email"

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Invitation til kvalitet – Nørreby Kommune"
    assert message.to == ["ny.kollega@norreby.example"]
    assert message.reply_to == [coordinator.email]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/invitation/" in message.body
    assert "/invitation/" in html
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_worker_with_nothing_queued_sends_nothing(database_tasks, run_worker, demo_data):
    run_worker()

    assert mail.outbox == []


class Undone(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_no_mail_is_queued_when_the_change_is_rolled_back(
    database_tasks, run_worker, coordinator, norreby, unit
):
    queued_before_rollback = []

    def invite_then_fail():
        with transaction.atomic():
            _invite(coordinator, norreby, unit)
            queued_before_rollback.append(DBTaskResult.objects.count())
            raise Undone

    with pytest.raises(Undone):
        invite_then_fail()

    assert queued_before_rollback == [1]
    assert DBTaskResult.objects.count() == 0
    assert not Invitation.objects.exists()
    run_worker()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_goes_through_the_queue_too(database_tasks, run_worker, staff):
    Client().post("/accounts/password-reset/", {"email": staff.email})

    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert [message.to for message in mail.outbox] == [[staff.email]]
