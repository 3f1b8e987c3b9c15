"""Staff pages: intake, handling a case, set-up, statistics; the API and Open311."""

import json

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kvalitet.feedback.models import Channel, FeedbackCase, RoutingRule, Status
from kvalitet.feedback.tests.factories import make_case


def url(name, **kwargs):
    return reverse(f"feedback:{name}", kwargs={"org_slug": "norreby", **kwargs})


def test_staff_register_a_phone_call_which_is_routed_by_the_rules(client_for, norreby, staff):
    response = client_for(staff).post(
        url("intake"),
        {
            "channel": "phone",
            "received_on": timezone.localdate().isoformat(),
            "kind": "complaint",
            "topic": "",
            "unit": "",
            "subject": "Lugt fra renseanlægget",
            "text": "Ringede kl. 9",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "12 34 56 78",
        },
    )
    case = FeedbackCase.objects.get(subject="Lugt fra renseanlægget")
    assert response.status_code == 302
    assert (case.channel, case.unit.code, case.created_by) == (Channel.PHONE, "MT", staff)


def test_intake_refuses_a_future_date_and_a_bad_phone(client_for, norreby, staff):
    before = FeedbackCase.objects.count()
    future = (timezone.localdate() + timezone.timedelta(days=3)).isoformat()
    response = client_for(staff).post(
        url("intake"),
        {
            "channel": "phone",
            "received_on": future,
            "kind": "complaint",
            "subject": "x",
            "text": "y",
            "contact_phone": "ring mig",
        },
    )
    assert response.status_code == 400
    assert "telefonnummer" in response.content.decode()
    response = client_for(staff).post(
        url("intake"),
        {
            "channel": "phone",
            "received_on": future,
            "kind": "complaint",
            "subject": "x",
            "text": "y",
        },
    )
    assert response.status_code == 422
    assert "fremtiden" in response.content.decode()
    assert FeedbackCase.objects.count() == before


def test_a_case_handler_answers_and_the_citizen_reads_it(client, client_for, norreby, staff):
    case, token = make_case(norreby)
    handler = client_for(staff)
    handler.post(url("case_transition", case_id=case.pk), {"status": "acknowledged"})
    response = handler.post(url("case_answer", case_id=case.pk), {"answer": "Vi har grebet ind."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    status = client.get(
        reverse("feedback_portal:status", kwargs={"org_slug": "norreby", "token": token})
    )
    assert "Vi har grebet ind." in status.content.decode()
    assert "Besvaret" in status.content.decode()
    assert any("Vi har grebet ind." in m.body for m in mail.outbox)


def test_an_illegal_transition_shows_a_message_and_changes_nothing(client_for, norreby, staff):
    case, _ = make_case(norreby)
    response = client_for(staff).post(
        url("case_transition", case_id=case.pk), {"status": "closed"}, follow=True
    )
    assert "kan ikke blive" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_the_inbox_filters_by_status_kind_and_overdue(client_for, norreby, coordinator):
    client = client_for(coordinator)
    overdue = client.get(url("inbox") + "?overdue=on&status=open").content.decode()
    today = timezone.localdate()
    some = FeedbackCase.objects.filter(organisation=norreby).overdue_on(today).first()
    assert some.reference in overdue
    answered = client.get(url("inbox") + "?status=answered&kind=praise")
    for case in answered.context["page"]:
        assert (case.status, case.kind) == ("answered", "praise")


def test_the_coordinator_sets_up_rules_and_deadlines(client_for, norreby, coordinator, manager):
    client = client_for(coordinator)
    unit = norreby.units.get(code="BS")
    response = client.post(
        url("rule_create"),
        {"position": 5, "kind": "question", "words": "pas", "unit": unit.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    assert RoutingRule.objects.filter(organisation=norreby, words="pas", unit=unit).exists()
    data = {"retention_months": 12}
    for kind in ("complaint", "suggestion", "praise", "question"):
        data[f"{kind}_acknowledge"], data[f"{kind}_answer"] = 1, 5
    assert client.post(url("setup"), data).status_code == 302
    case, _ = make_case(norreby)
    assert (case.answer_due - timezone.localdate()).days <= 9
    assert client_for(manager).get(url("setup")).status_code == 404


def test_statistics_show_charts_tables_and_export(client_for, norreby, coordinator):
    client = client_for(coordinator)
    year = timezone.localdate().year
    response = client.get(url("statistics") + f"?year={year}")
    html = response.content.decode()
    assert "<svg" in html
    assert "Miljøtilsyn" in html or "MT" in html
    export = client.get(url("statistics") + f"?year={year}&format=xlsx")
    assert export.content[:2] == b"PK"


def test_api_lists_transitions_and_answers(client_for, norreby, staff, outsider):
    case, _ = make_case(norreby)
    client = client_for(staff)
    base = f"/api/v1/organisations/norreby/feedback/cases/{case.pk}"
    listing = client.get("/api/v1/organisations/norreby/feedback/cases?status=received")
    assert case.reference in listing.content.decode()
    bad = client.post(
        f"{base}/transition", json.dumps({"status": "closed"}), content_type="application/json"
    )
    assert bad.status_code == 409
    answered = client.post(
        f"{base}/answer", json.dumps({"answer": "Svar"}), content_type="application/json"
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "answered"
    assert client_for(outsider).get(base).status_code == 404


def test_open311_services_post_and_follow(client, norreby):
    services = client.get("/open311/v2/norreby/services.json").json()
    codes = {s["service_code"] for s in services}
    assert "complaint" in codes
    created = client.post(
        "/open311/v2/norreby/requests.json",
        {
            "service_code": "suggestion",
            "description": "Flere bænke ved søen",
            "email": "a@b.example",
        },
    )
    assert created.status_code == 201
    reference = created.json()[0]["service_request_id"]
    detail = client.get(f"/open311/v2/norreby/requests/{reference}.json").json()[0]
    assert detail["status"] == "open"
    assert "description" not in detail
    assert "email" not in json.dumps(detail)
    before = FeedbackCase.objects.count()
    bad = client.post("/open311/v2/norreby/requests.json", {"service_code": "nope"})
    assert bad.status_code == 400
    bad = client.post(
        "/open311/v2/norreby/requests.json",
        {"service_code": "complaint", "description": "", "email": "x"},
    )
    assert bad.status_code == 400
    assert FeedbackCase.objects.count() == before
    assert client.get("/open311/v2/norreby/requests/S-1999-000001.json").status_code == 404
