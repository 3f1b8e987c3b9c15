"""`kvalitet remind`: one digest a day per person of what the start page shows; jobs once a day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils.translation import gettext as _

from kvalitet.core import navigation
from kvalitet.core.navigation import Waiting
from kvalitet.organisations.models import Membership
from kvalitet.reminders import jobs
from kvalitet.reminders.models import DigestSent, JobRun
from kvalitet.reminders.services import remind

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def waiting_for_managers(monkeypatch):
    """A provider like the areas register: something waits for managers only."""

    def provider(scope):
        if not scope.has_role("manager"):
            return []
        return [Waiting(label=_("Documents to read"), count=3, url="/o/x/handbook/to-read/")]

    monkeypatch.setattr(navigation, "_waiting", [provider])


@pytest.fixture
def daily_job(monkeypatch):
    calls = []

    def job(today):
        calls.append(today)
        return f"did {len(calls)}"

    monkeypatch.setattr(jobs, "_jobs", {"test-job": job})
    return calls


def test_digest_lists_what_waits_and_is_sent_once_a_day(
    manager, staff, waiting_for_managers, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        first = remind(today=TODAY)
        second = remind(today=TODAY)

    managers = Membership.objects.active().filter(role="manager").values("person").distinct()
    assert first.digests_sent == managers.count() > 1
    assert second.digests_sent == 0
    assert second.already_sent == first.digests_sent
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(set(recipients))  # one each
    assert staff.email not in recipients
    [message] = [m for m in mail.outbox if m.to == [manager.email]]
    # Nørreby is Danish and the manager has no language of their own: the digest is in Danish.
    assert message.subject == "Det venter på dig i kvalitet"
    assert "/o/x/handbook/to-read/" in message.body
    assert "3" in message.body
    assert DigestSent.objects.get(person=manager, day=TODAY).item_count == 1
    assert not DigestSent.objects.filter(person=staff).exists()


def test_a_new_day_sends_again(manager, waiting_for_managers, mailoutbox):
    remind(today=TODAY)
    remind(today=TODAY + datetime.timedelta(days=1))
    assert DigestSent.objects.filter(person=manager).count() == 2


def test_nothing_waiting_sends_nothing(demo_data, monkeypatch, mailoutbox):
    monkeypatch.setattr(navigation, "_waiting", [])
    result = remind(today=TODAY)
    assert result.digests_sent == 0
    assert not DigestSent.objects.exists()
    assert mailoutbox == []


def test_daily_jobs_run_once_per_day(demo_data, daily_job, monkeypatch):
    monkeypatch.setattr(navigation, "_waiting", [])
    assert remind(today=TODAY).jobs == {"test-job": "did 1"}
    assert remind(today=TODAY).jobs == {}
    assert daily_job == [TODAY]
    assert JobRun.objects.get(name="test-job").summary == "did 1"


def test_the_command_prints_what_it_did(manager, waiting_for_managers, daily_job, capsys):
    call_command("remind")
    call_command("remind")
    sent = DigestSent.objects.count()
    lines = capsys.readouterr().out.splitlines()
    assert sent > 1
    assert lines == [
        "test-job: did 1",
        f"digests queued: {sent}; already sent today: 0",
        f"digests queued: 0; already sent today: {sent}",
    ]
