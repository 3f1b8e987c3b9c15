"""Requirement sets: the demo sets, answering for one's own unit only, closed rounds, the matrix."""

import pytest
from django.urls import reverse

from kvalitet import access
from kvalitet.accounts.models import Person
from kvalitet.core.errors import Conflict
from kvalitet.requirements import selectors, services
from kvalitet.requirements.models import Assessment, AssessmentRound, RequirementSet


def _person(email):
    return Person.objects.get(email=email)


def test_demo_sets(norreby, solvik):
    danish = RequirementSet.objects.get(organisation=norreby)
    assert danish.requirements.count() == 10
    assert danish.requirements.get(number="2").title == "Der er udpeget en systemansvarlig"
    units = {a.unit.code for a in Assessment.objects.filter(round__requirement_set=danish)}
    assert units == {"NM", "MT", "NV"}
    swedish = RequirementSet.objects.get(organisation=solvik)
    assert swedish.requirements.count() == 9
    assert AssessmentRound.objects.filter(requirement_set=swedish, status="open").count() == 1


def test_matrix_shows_which_departments_do_not_meet_which_requirement(solvik, client_for):
    item = AssessmentRound.objects.get(requirement_set__organisation=solvik, status="closed")
    url = reverse(
        "requirements:round", kwargs={"org_slug": "solvik", "assessment_round_id": item.pk}
    )
    html = client_for(_person("politiker@solvik.example")).get(url).content.decode()
    gaps = selectors.round_matrix(
        access.scope_for(_person("samordnare@solvik.example"), solvik), item
    ).gaps
    assert gaps
    assert gaps[0]["unit"].name in html
    assert "Inte uppfyllt" in html


def test_unit_answers_only_its_own_and_not_after_closing(solvik, client_for):
    member = _person("natverk@solvik.example")  # OSF
    item = AssessmentRound.objects.get(requirement_set__organisation=solvik, status="open")
    osf = item.units.get(code="OSF")
    adm = item.units.get(code="ADM")
    own = list(Assessment.objects.filter(round=item, unit=osf))
    data = {f"verdict_{a.pk}": "met" for a in own} | {f"comment_{a.pk}": "Ok" for a in own}
    client = client_for(member)
    url = reverse(
        "requirements:round_unit",
        kwargs={"org_slug": "solvik", "assessment_round_id": item.pk, "unit_id": osf.pk},
    )
    assert client.post(url, data).status_code == 302
    assert Assessment.objects.filter(
        round=item, unit=osf, verdict="met", comment="Ok"
    ).count() == len(own)
    other = reverse(
        "requirements:round_unit",
        kwargs={"org_slug": "solvik", "assessment_round_id": item.pk, "unit_id": adm.pk},
    )
    assert client.post(other, {}).status_code == 403
    coordinator = _person("samordnare@solvik.example")
    services.round_close(
        scope=access.scope_for(coordinator, solvik), assessment_round=item, by=coordinator
    )
    data = {k: ("not_met" if k.startswith("verdict") else "sent") for k in data}
    assert client.post(url, data).status_code == 409
    assert not Assessment.objects.filter(round=item, comment="sent").exists()
    with pytest.raises(Conflict):
        services.assessments_save(
            scope=access.scope_for(member, solvik), assessment_round=item, unit=osf, by=member,
            answers={own[0].pk: ("not_met", "")},
        )  # fmt: skip


def test_new_version_keeps_the_old_and_history_spans_versions(solvik, client_for):
    coordinator = _person("samordnare@solvik.example")
    old = RequirementSet.objects.get(organisation=solvik)
    new = services.set_new_version(
        scope=access.scope_for(coordinator, solvik), requirement_set=old, by=coordinator
    )
    old.refresh_from_db()
    assert (old.is_current, new.version, new.requirements.count()) == (False, 2, 9)
    osf = old.rounds.first().units.get(code="OSF")
    url = reverse(
        "requirements:unit_history",
        kwargs={"org_slug": "solvik", "requirement_set_id": new.pk, "unit_id": osf.pk},
    )
    html = client_for(coordinator).get(url).content.decode()
    assert "2025" in html
    assert "2026" in html


def test_outsider_gets_404(norreby, client_for, coordinator, solvik):
    item = RequirementSet.objects.get(organisation=solvik)
    url = reverse("requirements:set", kwargs={"org_slug": "norreby", "requirement_set_id": item.pk})
    assert client_for(coordinator).get(url).status_code == 404
    api = f"/api/v1/organisations/norreby/requirement-sets/{item.pk}/requirements"
    assert client_for(coordinator).get(api).status_code == 404


@pytest.mark.parametrize("page", ["set", "round", "round_unit", "unit_history"])
def test_fixed_query_counts(page, norreby, coordinator, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scope = access.scope_for(coordinator, norreby)
    client = client_for(coordinator)
    units = list(norreby.units.all())
    counts = []
    for n in (3, 30):
        item = services.set_create(scope=scope, by=coordinator, title=f"Set {n}")
        for i in range(n):
            services.requirement_save(
                scope=scope, by=coordinator, requirement_set=item, number=str(i), title=f"R{i}"
            )
        rnd = services.round_open(
            scope=scope,
            requirement_set=item,
            by=coordinator,
            year=2026,
            deadline="2026-12-31",
            units=units,
        )
        kwargs = {
            "set": {"requirement_set_id": item.pk},
            "round": {"assessment_round_id": rnd.pk},
            "round_unit": {"assessment_round_id": rnd.pk, "unit_id": units[0].pk},
            "unit_history": {"requirement_set_id": item.pk, "unit_id": units[0].pk},
        }[page]
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(
                    reverse(f"requirements:{page}", kwargs={"org_slug": "norreby", **kwargs})
                ).status_code
                == 200
            )
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_requirement_page_lists_the_documents_that_cover_it(norreby, coordinator, client_for):
    from kvalitet.documents.models import Document
    from kvalitet.requirements.models import Requirement

    requirement = Requirement.objects.get(requirement_set__organisation=norreby, number="5")
    url = reverse(
        "requirements:requirement", kwargs={"org_slug": "norreby", "requirement_id": requirement.pk}
    )
    html = client_for(coordinator).get(url).content.decode()
    assert "SP-01" in html
    assert "Dokumentstyring" in html
    document = Document.objects.get(organisation=norreby, code="SP-01")
    covered = selectors.requirements_covered_by(document, access.scope_for(coordinator, norreby))
    assert [r.number for r in covered] == ["5"]
