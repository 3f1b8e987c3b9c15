"""The generator: the same seed gives the same rows; the tiny scale loads what it promises."""

import random

import pytest
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import resolve

from kvalitet import access, search
from kvalitet.bench import gen_plans, pages
from kvalitet.bench import generate as gen
from kvalitet.bench.people import largest_organisation, person
from kvalitet.documents.models import Document, DocumentVersion
from kvalitet.feedback.models import FeedbackCase
from kvalitet.feedback.services import next_reference
from kvalitet.organisations.models import Membership, Organisation, Unit
from kvalitet.plans.models import FollowUpRound, Plan, Report

START = {"organisations.Organisation": 1000, "accounts.Person": 5000}


def _rows(seed: int) -> dict[str, list[dict]]:
    world = gen.plan_world(gen.SCALES["tiny"], seed, dict(START))
    tables = gen.foundation_tables(world)
    for module in gen.area_modules():
        tables += module.tables(world)
    return {model._meta.label: list(rows()) for model, rows, _total in tables}


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows():
    first, again, other = _rows(7), _rows(7), _rows(8)

    assert first == again
    bodies = [v["body"] for v in first["documents.DocumentVersion"]]
    assert bodies != [v["body"] for v in other["documents.DocumentVersion"]]


def test_rows_match_the_counts_the_tables_announce():
    world = gen.plan_world(gen.SCALES["tiny"], 1, dict(START))
    tables = gen.foundation_tables(world)
    for module in gen.area_modules():
        tables += module.tables(world)

    for model, rows, total in tables:
        assert len(list(rows())) == total, model


def test_organisation_sizes_fall_steeply_from_the_largest():
    shares = gen.shares(300)

    assert sum(shares) == pytest.approx(1.0)
    assert shares[0] > 0.08
    assert shares[0] > 40 * shares[-1]


def test_text_is_danish_or_swedish_with_inflected_words():
    rows = _rows(1)["documents.DocumentVersion"]
    danish = " ".join(v["body"] for v in rows[:40])

    assert "## Formål" in danish or "## Ansvar" in danish
    assert {"sagsbehandling", "borgerne"} & set(danish.lower().split())


@pytest.mark.parametrize("total", [8, 119, 120, 121, 127, 128, 2_400])
def test_actions_are_cut_into_plans_of_real_sizes_the_largest_last(total):
    sizes = gen_plans.plan_sizes(total, random.Random(total))

    assert sum(sizes) == total
    assert all(gen_plans.SMALLEST_PLAN <= size <= gen_plans.LARGEST_PLAN for size in sizes)
    assert sizes[-1] == max(sizes)


def test_a_large_organisation_has_many_plans_and_the_nation_its_actions():
    world = gen.plan_world(gen.SCALES["national"], 1, dict(START))
    plans = {org.index: gen_plans._plans_of(world, org) for org in world.organisations}

    assert sum(p.size for org_plans in plans.values() for p in org_plans) == pytest.approx(
        gen.SCALES["national"].actions, rel=0.01
    )
    largest = plans[world.organisations[0].index]
    assert len(largest) > 15
    assert len({p.size for p in largest}) > 10  # sizes vary
    assert largest[-1].size > 100
    assert all(1 <= len(units) <= 3 for p in largest for units in p.units)


@pytest.mark.django_db
def test_tiny_scale_loads_organisations_people_and_a_searchable_handbook():
    summary = gen.generate(scale="tiny", seed=1, progress=False)

    organisations = Organisation.objects.filter(slug__startswith="bench-")
    assert organisations.count() == 3 == summary.counts["organisations.Organisation"]
    versions = DocumentVersion.objects.filter(organisation__in=organisations)
    assert versions.count() == summary.counts["documents.DocumentVersion"] >= 250
    assert (
        Unit.objects.filter(organisation__in=organisations).count()
        == (summary.counts["organisations.Unit"])
    )
    # Every organisation has its coordinator, and every unit path starts at the root's.
    for organisation in organisations:
        coordinator = person(organisation, "koordinator")
        assert Membership.objects.filter(person=coordinator, role="coordinator").exists()
        root = Unit.objects.get(organisation=organisation, parent=None)
        assert (
            not Unit.objects.filter(organisation=organisation)
            .exclude(path__startswith=root.path)
            .exists()
        )
    # Each document points at its one published version.
    documents = Document.objects.filter(organisation__in=organisations).annotate(
        published=Count("versions", filter=Q(versions__status="published"))
    )
    assert {d.published for d in documents} == {1}
    assert not documents.filter(current_version=None).exists()
    assert all(d.current_version.document_id == d.pk for d in documents[:20])

    # Feedback: the cases, and reference numbers that go on after the generated ones.
    cases = FeedbackCase.objects.filter(organisation__in=organisations)
    assert cases.count() == summary.counts["feedback.FeedbackCase"] == 600
    largest = largest_organisation()
    with transaction.atomic():
        reference = next_reference(largest, 2026)
    assert reference.startswith("S-2026-")
    assert not cases.filter(organisation=largest, reference=reference).exists()
    # Plans: every report belongs to its assignment's unit and organisation.
    reports = Report.objects.filter(organisation__in=organisations)
    assert reports.count() == summary.counts["plans.Report"] > 0
    assert not reports.exclude(unit=F("assignment__unit")).exists()
    assert not reports.exclude(organisation=F("assignment__organisation")).exists()

    # Plans of real sizes; the bench's PDF is the open round of the largest organisation's
    # largest plan (the newest round it may see).
    for plan in Plan.objects.filter(organisation__in=organisations).annotate(n=Count("actions")):
        assert gen_plans.SMALLEST_PLAN <= plan.n <= gen_plans.LARGEST_PLAN
    scope = access.scope_for(person(largest, "koordinator"), largest)
    page = next(p for p in pages.pdf_pages() if p.name == "plans:round_report_pdf")
    url = pages.address(page, scope) or ""
    measured = FollowUpRound.objects.get(pk=resolve(url).kwargs["followup_round_id"])
    plans = Plan.objects.filter(organisation=largest).annotate(n=Count("actions"))
    assert measured.plan.actions.count() == max(p.n for p in plans)
    assert measured.status == "open"

    # The search finds the generated text, as staff and on the portal.
    staff = search.search(search.staff_candidates(scope), "kvalitet")
    portal = search.search(search.portal_candidates(largest), "kvalitet")
    assert staff.total > portal.total > 0
    assert all(hit.version.organisation_id == largest.pk for hit in staff.hits)


@pytest.mark.django_db
def test_a_second_data_set_is_refused():
    gen.generate(scale="tiny", seed=1, progress=False)

    with pytest.raises(ValueError, match="already holds"):
        gen.generate(scale="tiny", seed=1, progress=False)


@pytest.mark.django_db
def test_big_tables_get_their_indexes_back(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(gen, "BIG_TABLE", 100)  # every table of 100 rows or more counts as big
    before = FeedbackCase.objects.count()  # (the demo data of the test database)
    gen.generate(scale="tiny", seed=1, progress=False)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes "
                "WHERE tablename IN ('documents_documentversion', 'documents_search')"
            )
            definitions = " ".join(row[0] for row in cursor.fetchall())
        assert "gin (organisation_id, vector)" in definitions.lower()
        assert "(organisation_id, status) include (id, document_id)" in definitions.lower()
    assert FeedbackCase.objects.count() - before == 600
