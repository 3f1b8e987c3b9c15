"""Personal data stays with the routed unit, the assignee, the coordinator and those it is shared
with: another unit's staff and another organisation never see the case anywhere."""

import pytest
from django.urls import reverse

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.feedback import services
from kvalitet.feedback.tests.factories import make_case
from kvalitet.organisations.models import Membership, Role, Unit


@pytest.fixture
def other_unit_staff(norreby):
    """A case handler at Borgerservice, outside Natur og Miljø."""
    person = Person.objects.create_user(email="bs@norreby.example", password="x", full_name="Bo S")
    Membership.objects.create(
        organisation=norreby,
        person=person,
        role=Role.STAFF,
        unit=Unit.objects.get(organisation=norreby, code="BS"),
    )
    return person


@pytest.fixture
def case(norreby):
    case, _token = make_case(norreby, unit_code="MT", subject="Hemmelig klage om naboen")
    return case


def urls(case):
    kw = {"org_slug": "norreby"}
    return {
        "page": reverse("feedback:case", kwargs={**kw, "case_id": case.pk}),
        "api": f"/api/v1/organisations/norreby/feedback/cases/{case.pk}",
    }


def test_the_routed_units_staff_and_the_coordinator_see_the_case(
    client_for, case, staff, coordinator, manager
):
    for person in (staff, coordinator, manager):
        response = client_for(person).get(urls(case)["page"])
        assert response.status_code == 200
        assert "hemmelig@privat.example" in response.content.decode()


@pytest.mark.parametrize("who", ["other_unit_staff", "outsider", "viewer", "auditor"])
def test_others_never_see_the_case_or_its_personal_data(request, client_for, case, who, norreby):
    person = request.getfixturevalue(who)
    client = client_for(person)
    for url in urls(case).values():
        assert client.get(url).status_code == 404
    listing = client.get(reverse("feedback:inbox", kwargs={"org_slug": "norreby"}) + "?q=Hemmelig")
    api_list = client.get("/api/v1/organisations/norreby/feedback/cases?limit=1000")
    for response in (listing, api_list):
        assert "Hemmelig klage" not in response.content.decode()
        assert "hemmelig@privat.example" not in response.content.decode()
    personal = client.get(
        reverse("feedback:person_data", kwargs={"org_slug": "norreby"})
        + "?email=hemmelig@privat.example&format=json"
    )
    assert personal.status_code == 404
    stats = client.get(reverse("feedback:statistics", kwargs={"org_slug": "norreby"}))
    assert "Hemmelig klage" not in stats.content.decode()


def test_a_person_it_is_shared_with_sees_it(
    client_for, case, coordinator, other_unit_staff, norreby
):
    scope = access.scope_for(coordinator, norreby)
    services.case_share(scope=scope, case=case, person=other_unit_staff, by=coordinator)
    response = client_for(other_unit_staff).get(urls(case)["page"])
    assert response.status_code == 200
    assert "Hemmelig klage" in response.content.decode()


def test_the_assignee_sees_it_even_outside_the_unit(
    client_for, case, coordinator, other_unit_staff, norreby
):
    scope = access.scope_for(coordinator, norreby)
    services.case_assign(
        scope=scope, case=case, unit=case.unit, assignee=other_unit_staff, by=coordinator
    )
    assert client_for(other_unit_staff).get(urls(case)["page"]).status_code == 200


def test_another_units_staff_cannot_change_the_case(client_for, case, other_unit_staff):
    client = client_for(other_unit_staff)
    url = reverse("feedback:case_answer", kwargs={"org_slug": "norreby", "case_id": case.pk})
    assert client.post(url, {"answer": "Nej"}).status_code == 404
    case.refresh_from_db()
    assert case.answer == ""
    assert case.status == "received"


def test_unrouted_cases_are_seen_by_the_coordinator_only(
    client_for, norreby, coordinator, staff, manager
):
    case, _token = make_case(norreby, unit_code=None, subject="Ingen ved hvor")
    url = urls(case)["page"]
    assert client_for(coordinator).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 404
    assert client_for(manager).get(url).status_code == 404


def test_attachments_are_served_only_to_those_who_see_the_case(
    client_for, norreby, coordinator, other_unit_staff
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case, _token = make_case(
        norreby, attachments=[SimpleUploadedFile("brev.txt", b"Hemmeligt bilag\n")]
    )
    attachment = case.attachments.get()
    url = reverse(
        "feedback:attachment",
        kwargs={"org_slug": "norreby", "feedback_attachment_id": attachment.pk},
    )
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Hemmeligt bilag\n"
    assert client_for(other_unit_staff).get(url).status_code == 404
