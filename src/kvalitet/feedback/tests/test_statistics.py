"""Feedback statistics: the figures, the page's PDF (content, access, query count)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvalitet import pdf
from kvalitet.bench import pages
from kvalitet.feedback import selectors
from kvalitet.feedback.models import FeedbackCase, Kind
from kvalitet.feedback.tests.factories import make_case

YEAR = timezone.localdate().year - 1


def pdf_url(year=YEAR, slug="norreby"):
    return reverse("feedback:statistics_pdf", kwargs={"org_slug": slug}) + f"?year={year}"


def _received(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(YEAR, month, day, hour, minute))


def _fill(norreby, count: int) -> list[FeedbackCase]:
    FeedbackCase.objects.filter(organisation=norreby).delete()
    cases = [
        make_case(norreby, received_at=_received(1 + i % 12, 10), subject=f"Sag {i}")[0]
        for i in range(count)
    ]
    return cases


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF was made from (the PDF's text is compressed): still rendered to PDF."""
    rendered: list[str] = []
    original = pdf.render_to_string

    def spy(*args, **kwargs):
        rendered.append(original(*args, **kwargs))
        return rendered[-1]

    monkeypatch.setattr(pdf, "render_to_string", spy)
    return rendered


def test_figures_per_dimension_with_median_and_on_time_share(norreby):
    FeedbackCase.objects.filter(organisation=norreby).delete()
    first, _ = make_case(norreby, received_at=_received(3, 2, 9))
    second, _ = make_case(norreby, received_at=_received(3, 3, 9), kind=Kind.SUGGESTION)
    make_case(norreby, received_at=_received(12, 31, 23, 30))  # local time: still this year
    make_case(norreby, received_at=_received(1, 1, 0, 30))  # and already this year
    make_case(norreby, received_at=_received(5, 5))  # not answered
    make_case(norreby, received_at=timezone.make_aware(datetime.datetime(YEAR - 1, 12, 31, 22)))
    FeedbackCase.objects.filter(pk=first.pk).update(
        answered_at=first.received_at + datetime.timedelta(days=2)
    )
    FeedbackCase.objects.filter(pk=second.pk).update(
        answered_at=timezone.make_aware(
            datetime.datetime.combine(second.answer_due, datetime.time(20))
        )
        + datetime.timedelta(days=1)
    )
    total, groups = selectors.statistics(
        FeedbackCase.objects.filter(organisation=norreby),
        start=datetime.date(YEAR, 1, 1),
        end=datetime.date(YEAR, 12, 31),
    )
    assert (total.count, total.answered, total.on_time) == (5, 2, 1)
    assert total.on_time_share == 50
    by_kind = {g.label: g for g in groups["kind"]}
    assert by_kind["Klage"].count == 4
    assert by_kind["Klage"].median_days == 2.0
    assert by_kind["Forslag"].answered == 1
    assert by_kind["Forslag"].on_time == 0
    assert [g.label for g in groups["month"]] == [
        f"{YEAR}-01", f"{YEAR}-03", f"{YEAR}-05", f"{YEAR}-12"
    ]  # fmt: skip
    assert [g.count for g in groups["month"]] == [1, 2, 1, 1]
    assert "MT Miljøtilsyn" in {g.label for g in groups["unit"]}


def test_the_pdf_has_the_year_figures_charts_and_tables(client_for, norreby, coordinator, pdf_html):
    _fill(norreby, 5)
    response = client_for(coordinator).get(pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"feedback-statistics-{YEAR}.pdf" in response["Content-Disposition"]
    html = pdf_html[-1]
    assert f"Statistik for henvendelser {YEAR}" in html
    assert norreby.name in html
    assert "5 sager modtaget." in html
    assert html.count("<svg") >= 4  # a chart per unit, kind, channel and month
    for table in ("Pr. enhed", "Pr. type", "Pr. kanal", "Pr. måned"):
        assert table in html
    assert "MT " in html
    assert f"{YEAR}-01" in html
    # Counts only: nothing the citizen wrote.
    assert "Sag 1" not in html
    assert "hemmelig@privat.example" not in html


def test_the_statistics_page_links_to_the_pdf(client_for, norreby, coordinator):
    url = reverse("feedback:statistics", kwargs={"org_slug": "norreby"}) + f"?year={YEAR}"
    html = client_for(coordinator).get(url).content.decode()
    assert pdf_url().replace("&", "&amp;") in html


def test_the_benchmark_measures_the_pdf():
    assert "feedback:statistics_pdf" in {page.name for page in pages.pdf_pages()}


def test_another_organisations_person_gets_404_and_a_stranger_the_login(
    client, client_for, norreby, outsider, pdf_html
):
    _fill(norreby, 1)
    assert client_for(outsider).get(pdf_url()).status_code == 404
    response = client.get(pdf_url())
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert pdf_html == []  # nothing was rendered for either


def test_a_bad_year_shows_this_year(client_for, norreby, coordinator, pdf_html):
    response = client_for(coordinator).get(pdf_url(year="x'; drop"))
    assert response.status_code == 200
    assert f"Statistik for henvendelser {timezone.localdate().year}" in pdf_html[-1]


def test_the_pdf_makes_as_many_queries_for_30_cases_as_for_3(client_for, norreby, coordinator):
    client = client_for(coordinator)
    counts = []
    for count in (3, 30):
        _fill(norreby, count)
        cache.clear()  # counted anew, not the figures of the last round
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pdf_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 8


def _page_total(client) -> tuple[str, int]:
    url = reverse("feedback:statistics", kwargs={"org_slug": "norreby"}) + f"?year={YEAR}"
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    counted = [q for q in queries.captured_queries if "feedback_feedbackcase" in q["sql"]]
    return html, len(counted)


def test_the_organisations_figures_are_counted_at_most_every_five_minutes(
    client_for, norreby, coordinator, staff, monkeypatch
):
    _fill(norreby, 3)
    first, counted = _page_total(client_for(coordinator))
    assert counted == 1
    assert "Optalt kl." in first
    make_case(norreby, received_at=_received(6, 1), subject="Ny sag")
    again, counted = _page_total(client_for(coordinator))
    assert counted == 0  # the same figures, from the cache, for everyone who sees them all
    assert again.count("<td") == first.count("<td")
    # Staff see the cases they may see: counted for them, each time.
    assert _page_total(client_for(staff))[1] == 1
    assert _page_total(client_for(staff))[1] == 1
    cache.clear()  # five minutes later
    later, counted = _page_total(client_for(coordinator))
    assert counted == 1
    assert later != first
