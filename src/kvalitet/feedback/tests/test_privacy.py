"""Anonymisation leaves no personal data in the case, its history or its queued mail; the
coordinator exports and erases one person's data; the daily job keeps the retention period."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kvalitet import access
from kvalitet.feedback import services, services_privacy
from kvalitet.feedback.models import CaseMail, FeedbackCase
from kvalitet.feedback.tests.factories import make_case
from kvalitet.reminders.jobs import daily_jobs

SECRET_BITS = ["Hemmelig", "hemmelig@privat.example", "Anne Borger", "12345678", "naboen"]


@pytest.fixture
def database_tasks(settings):
    """Mail tasks stay in the database (as in production) instead of running at once."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def _answered_case(norreby, coordinator):
    scope = access.scope_for(coordinator, norreby)
    case, _token = make_case(
        norreby, subject="Hemmelig klage", text="Om naboen", contact_phone="12345678"
    )
    services.case_note_add(scope=scope, case=case, text="Ringede til Anne Borger", by=coordinator)
    services.case_answer(scope=scope, case=case, answer="Kære Anne Borger, tak.", by=coordinator)
    return scope, case


def _everything_about(case) -> str:
    rows = [
        *FeedbackCase.objects.filter(pk=case.pk).values(),
        *FeedbackCase.history.model.objects.filter(id=case.pk).values(),
        *case.notes.values(),
        *case.notes.model.history.model.objects.filter(case_id=case.pk).values(),
        *CaseMail.objects.filter(case=case).values(),
        *DBTaskResult.objects.values("args_kwargs"),
    ]
    return json.dumps(rows, default=str)


def test_anonymisation_removes_personal_data_everywhere(database_tasks, norreby, coordinator):
    scope, case = _answered_case(norreby, coordinator)
    before = _everything_about(case)
    assert all(bit in before for bit in SECRET_BITS)
    assert DBTaskResult.objects.count() == 2  # the receipt and the answer, queued

    services_privacy.case_anonymise(scope=scope, case=case, by=coordinator)

    after = _everything_about(case)
    for bit in SECRET_BITS:
        assert bit not in after
    case.refresh_from_db()
    # What the statistics need is kept.
    assert (case.kind, case.status, case.unit.code) == ("complaint", "answered", "MT")
    assert case.anonymised_at is not None
    assert DBTaskResult.objects.count() == 0


def test_the_daily_job_anonymises_cases_past_the_retention_period(norreby, coordinator):
    scope, case = _answered_case(norreby, coordinator)
    services.case_close(
        scope=scope,
        case=case,
        outcome="resolved",
        leads_to_improvement=False,
        improvement_description="",
        by=coordinator,
    )
    FeedbackCase.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=20)
    )
    job = daily_jobs()["feedback-anonymise"]
    job(timezone.localdate())
    case.refresh_from_db()
    assert case.anonymised_at is None  # 24 months have not passed
    summary = job(timezone.localdate() + datetime.timedelta(days=800))
    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert case.contact_email == ""
    assert "anonymised" in summary


def test_the_coordinator_exports_one_persons_data_as_json_and_xlsx(
    client_for, norreby, coordinator
):
    _answered_case(norreby, coordinator)
    url = reverse("feedback:person_data", kwargs={"org_slug": "norreby"})
    client = client_for(coordinator)
    page = client.get(url + "?email=HEMMELIG@privat.example")
    assert "Hemmelig klage" in page.content.decode()
    exported = client.get(url + "?email=hemmelig@privat.example&format=json")
    assert exported["Content-Disposition"].startswith("attachment")
    data = json.loads(exported.content)
    assert [c["subject"] for c in data["cases"]] == ["Hemmelig klage"]
    assert data["cases"][0]["notes"] == ["Ringede til Anne Borger"]
    workbook = client.get(url + "?email=hemmelig@privat.example&format=xlsx")
    assert workbook.content[:2] == b"PK"


def test_the_coordinator_erases_one_persons_data(client_for, norreby, coordinator):
    _scope, case = _answered_case(norreby, coordinator)
    other, _token = make_case(norreby, contact_email="someone@else.example")
    client = client_for(coordinator)
    response = client.post(
        reverse("feedback:person_erase", kwargs={"org_slug": "norreby"}),
        {"email": "hemmelig@privat.example"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    other.refresh_from_db()
    assert case.contact_email == ""
    assert case.subject == "–"
    assert other.contact_email == "someone@else.example"


def test_only_the_coordinator_may_export_or_erase(client_for, norreby, coordinator, manager):
    _scope, case = _answered_case(norreby, coordinator)
    client = client_for(manager)
    url = reverse("feedback:person_data", kwargs={"org_slug": "norreby"})
    assert client.get(url + "?email=hemmelig@privat.example&format=json").status_code == 404
    erase = reverse("feedback:person_erase", kwargs={"org_slug": "norreby"})
    assert client.post(erase, {"email": "hemmelig@privat.example"}).status_code == 404
    case.refresh_from_db()
    assert case.contact_email == "hemmelig@privat.example"
