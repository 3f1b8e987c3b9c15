"""The assessment round's matrix as the page shows it: every assessment's link and verdict, every
requirement's link, and the gaps (the cells are read as values, not models)."""

import io

from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kvalitet.accounts.models import Person
from kvalitet.requirements.models import Assessment, AssessmentRound, Verdict


def test_round_page_shows_every_assessment_and_the_gaps(solvik, client_for):
    item = AssessmentRound.objects.get(requirement_set__organisation=solvik, status="closed")
    url = reverse(
        "requirements:round", kwargs={"org_slug": "solvik", "assessment_round_id": item.pk}
    )
    viewer = Person.objects.get(email="politiker@solvik.example")
    html = client_for(viewer).get(url).content.decode()

    assessments = list(Assessment.objects.filter(round=item).select_related("requirement", "unit"))
    assert {a.verdict for a in assessments} >= {Verdict.NOT_MET, Verdict.MET}
    with translation.override("sv"):  # Solvik's language
        for a in assessments:
            link = reverse(
                "requirements:assessment", kwargs={"org_slug": "solvik", "assessment_id": a.pk}
            )
            assert f'<td><a href="{link}">{a.get_verdict_display() or "–"}</a></td>' in html
        for requirement in {a.requirement for a in assessments}:
            link = reverse(
                "requirements:requirement",
                kwargs={"org_slug": "solvik", "requirement_id": requirement.pk},
            )
            assert f'<a href="{link}">{requirement.number}</a>' in html
        gaps = html.split("<h2>")[-1]
        for a in assessments:
            shown = f"{a.requirement.number} ({a.get_verdict_display()})"
            assert (shown in gaps) == (a.verdict in (Verdict.NOT_MET, Verdict.PARTLY)), shown


def test_round_xlsx_has_the_verdicts_and_the_comments(solvik, client_for):
    item = AssessmentRound.objects.get(requirement_set__organisation=solvik, status="closed")
    commented = Assessment.objects.filter(round=item).exclude(verdict="").first()
    Assessment.objects.filter(pk=commented.pk).update(comment="Saknar rutin")
    url = reverse(
        "requirements:round_xlsx", kwargs={"org_slug": "solvik", "assessment_round_id": item.pk}
    )
    viewer = Person.objects.get(email="politiker@solvik.example")
    book = load_workbook(io.BytesIO(client_for(viewer).get(url).content))
    matrix, comments = (list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets)

    assessments = Assessment.objects.filter(round=item).select_related("requirement", "unit")
    with translation.override("sv"):
        for a in assessments:
            row = next(r for r in matrix[1:] if r[0] == a.requirement.number)
            assert row[1] == a.requirement.title
            assert (row[matrix[0].index(a.unit.code)] or "") == a.get_verdict_display()
        expected = [
            (a.requirement.number, a.unit.code, a.get_verdict_display(), a.comment)
            for a in assessments
            if a.comment
        ]
    assert "Saknar rutin" in [c[3] for c in comments[1:]]
    assert sorted(comments[1:]) == sorted(expected)
