"""The person and document pickers: the lookups behind them, the forms that use them, and pages
whose queries no longer grow with the organisation's people and documents."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.documents.models import Document, Handbook
from kvalitet.feedback.models import FeedbackCase, RoutingRule
from kvalitet.feedback.tests.factories import make_case
from kvalitet.organisations.models import Membership, Unit
from kvalitet.plans.models import Assignment, Evidence
from kvalitet.requirements import services as requirement_services
from kvalitet.requirements.models import Assessment, AssessmentEvidence, Requirement

HTMX = {"HTTP_HX_REQUEST": "true"}


def _lookup(kind: str, org: str = "norreby") -> str:
    return reverse(f"lookup:{kind}", kwargs={"org_slug": org})


def _add_people(organisation, count: int, *, prefix: str = "picker") -> list[Person]:
    unit = Unit.objects.filter(organisation=organisation, is_active=True).first()
    people = []
    for i in range(count):
        person = Person.objects.create_user(
            email=f"{prefix}{i}@{organisation.slug}.example", full_name=f"Picker Person {i:02}"
        )
        Membership.objects.create(organisation=organisation, person=person, unit=unit, role="staff")
        people.append(person)
    return people


def _add_documents(organisation, count: int, *, prefix: str = "PK") -> list[Document]:
    handbook = Handbook.objects.filter(organisation=organisation).first()
    return [
        Document.objects.create(
            organisation=organisation,
            handbook=handbook,
            level="core",
            kind="procedure",
            code=f"{prefix}-{i:02}",
            title=f"Plukket dokument {i}",
            language="da",
        )
        for i in range(count)
    ]


def _options(response) -> list[str]:
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('<option value="')[1:]]


# --- the lookups ---------------------------------------------------------------------------


def test_people_lookup_finds_by_name_or_address_in_any_case(client_for, norreby, staff, manager):
    client = client_for(staff)
    by_name = client.get(_lookup("people"), {"q": manager.full_name.split()[0].upper()}, **HTMX)
    assert by_name.status_code == 200
    assert manager.email in _options(by_name)
    by_address = client.get(_lookup("people"), {"q": manager.email.upper()}, **HTMX)
    assert _options(by_address) == [manager.email]
    assert "<html" not in by_address.content.decode()  # only the <option>s for the <datalist>


def test_people_lookup_reads_the_pickers_own_field(client_for, manager, staff):
    """htmx sends the input's value under the input's name, which the address names."""
    response = client_for(staff).get(
        _lookup("people"), {"field": "assignee", "assignee": manager.email}, **HTMX
    )
    assert _options(response) == [manager.email]


def test_people_lookup_answers_at_most_twenty(client_for, norreby, staff):
    _add_people(norreby, 25)
    response = client_for(staff).get(_lookup("people"), {"q": "picker person"}, **HTMX)
    assert len(_options(response)) == 20


def test_people_lookup_never_offers_another_organisations_people(client_for, coordinator, outsider):
    response = client_for(coordinator).get(_lookup("people"), {"q": outsider.email}, **HTMX)
    assert response.status_code == 200
    assert _options(response) == []


def test_people_lookup_offers_former_members_only_when_asked(client_for, norreby, coordinator):
    [former] = _add_people(norreby, 1, prefix="former")
    Membership.objects.filter(person=former).update(valid_until="2020-01-01")
    client = client_for(coordinator)
    assert _options(client.get(_lookup("people"), {"q": "former"}, **HTMX)) == []
    again = client.get(_lookup("people"), {"q": "former", "former": "1"}, **HTMX)
    assert _options(again) == [former.email]


@pytest.mark.parametrize("kind", ["people", "documents"])
def test_lookups_answer_404_to_another_organisations_person(client_for, outsider, kind):
    response = client_for(outsider).get(_lookup(kind), {"q": "a"}, **HTMX)
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["people", "documents"])
def test_lookups_send_a_signed_out_visitor_to_sign_in(client, norreby, kind):
    response = client.get(_lookup(kind), {"q": "a"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_documents_lookup_finds_by_code_or_title_in_any_case(client_for, norreby, staff):
    client = client_for(staff)
    assert "SP-01" in _options(client.get(_lookup("documents"), {"q": "sp-01"}, **HTMX))
    by_title = client.get(_lookup("documents"), {"q": "DOKUMENTSTYRING"}, **HTMX)
    assert "SP-01" in _options(by_title)


def test_documents_lookup_answers_at_most_twenty(client_for, norreby, staff):
    _add_documents(norreby, 25)
    response = client_for(staff).get(_lookup("documents"), {"q": "pk-"}, **HTMX)
    assert len(_options(response)) == 20


def test_documents_lookup_shows_only_documents_the_person_may_see(
    client_for, norreby, solvik, coordinator
):
    _add_documents(solvik, 2, prefix="ONLYSOLVIK")
    scope = access.scope_for(coordinator, norreby)
    response = client_for(coordinator).get(_lookup("documents"), {"q": ""}, **HTMX)
    offered = _options(response)
    assert offered
    assert not any(code.startswith("ONLYSOLVIK") for code in offered)
    visible = set(scope.visible(Document.objects.all()).values_list("code", flat=True))
    assert set(offered) <= visible
    found = client_for(coordinator).get(_lookup("documents"), {"q": "onlysolvik"}, **HTMX)
    assert _options(found) == []


def test_documents_lookup_completes_the_last_of_several_codes(client_for, norreby, staff):
    response = client_for(staff).get(
        _lookup("documents"), {"q": "KP-01, sp-0", "multiple": "1"}, **HTMX
    )
    assert "KP-01, SP-01" in _options(response)
    assert all(option.startswith("KP-01, ") for option in _options(response))


@pytest.mark.parametrize("kind", ["people", "documents"])
def test_lookups_without_htmx_answer_a_search_page(client_for, staff, kind):
    response = client_for(staff).get(_lookup(kind), {"q": "x" * 500})
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert client_for(staff).get(_lookup(kind), {"q": "a\x00b"}, **HTMX).status_code == 200


# --- the forms -----------------------------------------------------------------------------


@pytest.fixture
def case(norreby):
    return make_case(norreby)[0]


def _case_url(name: str, case) -> str:
    return reverse(f"feedback:{name}", kwargs={"org_slug": "norreby", "case_id": case.pk})


def test_the_case_page_draws_pickers_not_lists_of_people(client_for, coordinator, manager, case):
    FeedbackCase.objects.filter(pk=case.pk).update(assignee=manager)
    html = client_for(coordinator).get(_case_url("case", case)).content.decode()
    assert '<select name="assignee"' not in html
    assert '<select name="person"' not in html
    assert f'name="assignee" value="{manager.email}"' in html
    assert 'list="id_assignee_options"' in html
    assert '<datalist id="id_assignee_options"></datalist>' in html
    assert reverse("lookup:people", kwargs={"org_slug": "norreby"}) + "?field=assignee" in html


def test_a_case_is_assigned_and_shared_by_address(client_for, coordinator, manager, case):
    client = client_for(coordinator)
    response = client.post(_case_url("case_assign", case), {"assignee": manager.email.upper()})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == manager
    client.post(_case_url("case_share", case), {"person": f"  {manager.email} "})
    assert list(case.shared_with.all()) == [manager]


@pytest.mark.parametrize("value", ["nobody@example.invalid", "OUTSIDER", "12", "a\x00b"])
def test_an_unknown_or_foreign_address_assigns_nothing(
    client_for, coordinator, outsider, case, value
):
    value = outsider.email if value == "OUTSIDER" else value
    client = client_for(coordinator)
    response = client.post(_case_url("case_assign", case), {"assignee": value}, follow=True)
    with translation.override("da"):
        expected = translation.gettext(
            "There is nobody here with that e-mail address who can be chosen."
        )
    assert escape(expected) in response.content.decode()
    client.post(_case_url("case_share", case), {"person": value})
    case.refresh_from_db()
    assert case.assignee is None
    assert not case.shared_with.exists()


def test_a_routing_rule_names_its_case_handler_by_address(client_for, norreby, coordinator, staff):
    client = client_for(coordinator)
    url = reverse("feedback:rule_create", kwargs={"org_slug": "norreby"})
    unit = Unit.objects.filter(organisation=norreby, is_active=True).first()
    data = {"position": 1, "kind": "", "words": "støj", "unit": unit.pk, "is_active": "on"}
    count = RoutingRule.objects.count()
    assert client.post(url, {**data, "assignee": "nobody@example.invalid"}).status_code == 400
    assert RoutingRule.objects.count() == count
    assert client.post(url, {**data, "assignee": staff.email}).status_code == 302
    rule = RoutingRule.objects.latest("pk")
    assert rule.assignee == staff
    edit = reverse("feedback:rule_edit", kwargs={"org_slug": "norreby", "routing_rule_id": rule.pk})
    assert f'name="assignee" value="{staff.email}"' in client.get(edit).content.decode()


@pytest.fixture
def assessment(norreby, coordinator):
    scope = access.scope_for(coordinator, norreby)
    item = requirement_services.set_create(scope=scope, by=coordinator, title="Pickers")
    requirement_services.requirement_save(
        scope=scope, by=coordinator, requirement_set=item, number="1", title="R1"
    )
    rnd = requirement_services.round_open(
        scope=scope,
        requirement_set=item,
        by=coordinator,
        year=2026,
        deadline="2026-12-31",
        units=list(norreby.units.filter(is_active=True)[:1]),
    )
    return Assessment.objects.filter(round=rnd).first()


def test_evidence_names_its_document_by_code(client_for, coordinator, assessment):
    url = reverse(
        "requirements:assessment", kwargs={"org_slug": "norreby", "assessment_id": assessment.pk}
    )
    client = client_for(coordinator)
    page = client.get(url).content.decode()
    assert 'list="id_document_options"' in page
    assert '<select name="document"' not in page
    response = client.post(url, {"title": "Rutine", "document": "ukendt-kode"})
    assert response.status_code == 400
    assert not AssessmentEvidence.objects.filter(assessment=assessment).exists()
    assert client.post(url, {"title": "Rutine", "document": "sp-01"}).status_code == 302
    [evidence] = AssessmentEvidence.objects.filter(assessment=assessment)
    assert evidence.document.code == "SP-01"


def test_evidence_of_a_plan_names_its_document_by_code(client_for, norreby, coordinator):
    assignment = access.scope_for(coordinator, norreby).visible(Assignment.objects.all()).first()
    url = reverse(
        "plans:assignment", kwargs={"org_slug": "norreby", "assignment_id": assignment.pk}
    )
    client = client_for(coordinator)
    count = Evidence.objects.count()
    assert client.post(url, {"title": "Bevis", "document": "NOPE"}).status_code == 400
    assert Evidence.objects.count() == count
    assert client.post(url, {"title": "Bevis", "document": "SP-01"}).status_code == 302
    assert Evidence.objects.latest("pk").document.code == "SP-01"


def test_a_requirement_names_its_documents_by_codes(client_for, norreby, solvik, coordinator):
    requirement = Requirement.objects.get(requirement_set__organisation=norreby, number="5")
    url = reverse(
        "requirements:requirement_edit",
        kwargs={"org_slug": "norreby", "requirement_id": requirement.pk},
    )
    client = client_for(coordinator)
    assert 'name="documents" value="SP-01"' in client.get(url).content.decode()
    data = {"number": "5", "title": requirement.title}
    [foreign] = _add_documents(solvik, 1, prefix="FOREIGN")
    for bad in ("SP-01, NOPE", f"SP-01 {foreign.code}", "SP-01\x00"):
        assert client.post(url, {**data, "documents": bad}).status_code == 400
        assert [d.code for d in requirement.documents.all()] == ["SP-01"]
    other = Document.objects.filter(organisation=norreby).exclude(code="SP-01").first()
    response = client.post(url, {**data, "documents": f"sp-01,\n{other.code};"})
    assert response.status_code == 302
    assert sorted(d.code for d in requirement.documents.all()) == sorted(["SP-01", other.code])
    assert client.post(url, {**data, "documents": ""}).status_code == 302
    assert not requirement.documents.exists()


def test_the_activity_log_filters_by_address(client_for, norreby, coordinator, manager, outsider):
    scope = access.scope_for(coordinator, norreby)
    requirement_services.set_create(scope=scope, by=coordinator, title="Logged")
    client = client_for(coordinator)
    url = reverse("activity:list", kwargs={"org_slug": "norreby"})
    response = client.get(url, {"actor": coordinator.email.upper()})
    assert response.status_code == 200
    entries = list(response.context["page"])
    assert entries
    assert all(entry.actor_id == coordinator.pk for entry in entries)
    assert "Logged" not in client.get(url, {"actor": manager.email}).content.decode()
    assert client.get(url, {"actor": outsider.email}).status_code == 400
    assert client.get(url, {"actor": "999999"}).status_code == 400


# --- queries do not grow with the organisation -----------------------------------------------


def _page_urls(norreby, coordinator, case, assessment) -> dict[str, str]:
    handbook = Handbook.objects.filter(organisation=norreby).first()
    requirement = Requirement.objects.get(requirement_set__organisation=norreby, number="5")
    return {
        "case": _case_url("case", case),
        "assessment": reverse(
            "requirements:assessment",
            kwargs={"org_slug": "norreby", "assessment_id": assessment.pk},
        ),
        "activity": reverse("activity:list", kwargs={"org_slug": "norreby"}),
        "requirement_edit": reverse(
            "requirements:requirement_edit",
            kwargs={"org_slug": "norreby", "requirement_id": requirement.pk},
        ),
        "handbook_edit": reverse(
            "documents:handbook_edit", kwargs={"org_slug": "norreby", "handbook_id": handbook.pk}
        ),
        "rule_create": reverse("feedback:rule_create", kwargs={"org_slug": "norreby"}),
    }


@pytest.mark.parametrize(
    "page",
    ["case", "assessment", "activity", "requirement_edit", "handbook_edit", "rule_create"],
)
def test_picker_pages_make_the_same_queries_at_3_and_30_people_and_documents(
    page, client_for, norreby, coordinator, case, assessment
):
    url = _page_urls(norreby, coordinator, case, assessment)[page]
    client = client_for(coordinator)
    counts = []
    for total, prefix in ((3, "few"), (27, "many")):
        people = _add_people(norreby, total, prefix=prefix)
        documents = _add_documents(norreby, total, prefix=prefix.upper())
        client.get(url)  # warm caches (content types, the session)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
        # Nobody and no document is listed just because they exist.
        html = response.content.decode()
        assert people[-1].email not in html
        assert f'"{documents[-1].code}"' not in html
    assert counts[0] == counts[1], counts
