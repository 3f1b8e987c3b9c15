"""The public form: a good submission, and every kind of bad input refused with a clear message,
what the person typed kept, and no case created."""

import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kvalitet.feedback import antispam
from kvalitet.feedback.models import Attachment, FeedbackCase, Status
from kvalitet.feedback.tests.conftest import solved_payload
from kvalitet.feedback.views_public import RATE_CAPACITY


def form_url(slug="norreby"):
    return reverse("feedback_portal:form", kwargs={"org_slug": slug})


def test_the_form_shows_kinds_topics_privacy_note_and_the_widget(client, norreby):
    response = client.get(form_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Klage" in html
    assert "Forslag" in html
    assert "Ros" in html
    assert "Natur, søer og vandløb" in html
    assert "anonymt" in html.lower()
    assert "<altcha-widget" in html
    assert "external/altcha.min.js" in html
    # Strict CSP: every script has the nonce, and there is no inline script or style.
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert html.count("<script") == html.count(f'nonce="{nonce}"')
    assert "<style" not in html
    assert " style=" not in html


def test_a_complaint_with_an_email_gets_a_reference_receipt_mail_and_status_link(
    client, norreby, submission
):
    response = client.post(form_url(), submission())
    assert response.status_code == 302
    case = FeedbackCase.objects.get(organisation=norreby, subject="Støj om natten")
    assert case.reference.startswith("S-")
    assert len(case.reference) == len("S-2026-004711")
    assert case.status == Status.RECEIVED
    # The routing rule for noise ("støj") sends it to the environmental inspection team.
    assert case.unit.code == "MT"
    assert case.assignee.email == "sagsbehandler@norreby.example"
    receipt = client.get(response["Location"])
    assert case.reference in receipt.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anne@borger.example"]
    assert case.reference in mail.outbox[0].subject
    status_url = next(line for line in mail.outbox[0].body.splitlines() if "/status/" in line)
    status = client.get(status_url.replace("http://127.0.0.1:8000", ""))
    assert status.status_code == 200
    assert "Værkstedet larmer" in status.content.decode()


def test_an_anonymous_question_is_accepted_without_mail(client, norreby, submission):
    response = client.post(
        form_url(), submission(contact_name="", contact_email="", kind="question")
    )
    assert response.status_code == 302
    case = FeedbackCase.objects.get(organisation=norreby, subject="Støj om natten")
    assert not case.has_contact
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"subject": ""}, "Dette felt er påkrævet", id="missing-subject"),
        pytest.param({"text": "x" * 5001}, "5000", id="oversized-text"),
        pytest.param({"subject": "x" * 201}, "200", id="oversized-subject"),
        pytest.param({"contact_email": "anne@"}, "e-mail", id="bad-email"),
        pytest.param({"kind": "spam"}, "spam", id="unknown-kind"),
        pytest.param({"website": "http://spam.example"}, "automatisk", id="honeypot"),
        pytest.param({"form_time": "__now__"}, "for hurtigt", id="too-fast"),
        pytest.param({"form_time": "forged"}, "udløbet", id="forged-time"),
        pytest.param({"altcha": "bm9wZQ=="}, "robot", id="bad-proof-of-work"),
        pytest.param({"altcha": ""}, "robot", id="no-proof-of-work"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_keeps_the_text(
    client, norreby, submission, overrides, message
):
    if overrides.get("form_time") == "__now__":
        overrides["form_time"] = antispam.form_time_token(time.time())
    before = FeedbackCase.objects.count()
    data = submission(**overrides)
    response = client.post(form_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message.lower() in html.lower()
    assert "Anne Borger" in html  # what the person typed is still there
    assert FeedbackCase.objects.count() == before
    assert mail.outbox == []


def test_an_attachment_of_a_forbidden_type_is_refused(client, norreby, submission):
    before = FeedbackCase.objects.count(), Attachment.objects.count()
    evil = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(form_url(), {**submission(), "attachments": evil})
    assert response.status_code == 400
    assert "ikke" in response.content.decode().lower()
    assert (FeedbackCase.objects.count(), Attachment.objects.count()) == before


def test_a_text_attachment_is_stored_with_the_case(client, norreby, submission):
    note = SimpleUploadedFile("brev.txt", b"Se vedlagte klage.\n", content_type="text/plain")
    response = client.post(form_url(), {**submission(), "attachments": note})
    assert response.status_code == 302
    case = FeedbackCase.objects.get(organisation=norreby, subject="Støj om natten")
    assert [a.name for a in case.attachments.all()] == ["brev.txt"]


def test_the_same_proof_of_work_cannot_be_used_twice(client, norreby, submission):
    payload = solved_payload()
    assert client.post(form_url(), submission(altcha=payload)).status_code == 302
    before = FeedbackCase.objects.count()
    response = client.post(form_url(), submission(altcha=payload))
    assert response.status_code == 409
    assert "allerede" in response.content.decode()
    assert FeedbackCase.objects.count() == before


def test_over_the_rate_limit_answers_429_and_creates_nothing(client, norreby, submission):
    for _ in range(RATE_CAPACITY):
        client.post(form_url(), submission(subject=""))  # refused, but counted
    before = FeedbackCase.objects.count()
    response = client.post(form_url(), submission())
    assert response.status_code == 429
    assert "vent" in response.content.decode().lower()
    assert "Anne Borger" in response.content.decode()
    assert FeedbackCase.objects.count() == before


def test_a_wrong_status_token_is_404(client, norreby, submission):
    client.post(form_url(), submission())
    url = reverse("feedback_portal:status", kwargs={"org_slug": "norreby", "token": "wrong"})
    assert client.get(url).status_code == 404
    url = reverse("feedback_portal:receipt", kwargs={"org_slug": "norreby", "token": "wrong"})
    assert client.get(url).status_code == 404


def test_a_status_token_of_another_organisation_is_404(client, norreby, solvik, submission):
    response = client.post(form_url(), submission())
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    url = reverse("feedback_portal:status", kwargs={"org_slug": "solvik", "token": token})
    assert client.get(url).status_code == 404


def test_the_public_summary_shows_counts_and_no_content(client, norreby):
    response = client.get(reverse("feedback_portal:summary", kwargs={"org_slug": "norreby"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Klage" in html
    assert "Lang ventetid" not in html
    assert "@borger.example" not in html


def test_the_portal_home_links_to_the_form(client, norreby):
    response = client.get(reverse("portal:home", kwargs={"org_slug": "norreby"}))
    assert form_url() in response.content.decode()
