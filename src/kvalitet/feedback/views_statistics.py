"""Feedback statistics for staff: the page, the spreadsheet and the PDF, all for one year."""

import datetime

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kvalitet import charts, pdf, xlsx
from kvalitet.core.decorators import member_required
from kvalitet.feedback import selectors

DIMENSIONS = {
    "unit": gettext_lazy("unit"),
    "kind": gettext_lazy("kind"),
    "channel": gettext_lazy("channel"),
    "month": gettext_lazy("month"),
}
TABLE_TITLES = {
    "unit": gettext_lazy("Per unit"),
    "kind": gettext_lazy("Per kind"),
    "channel": gettext_lazy("Per channel"),
    "month": gettext_lazy("Per month"),
}
STATISTICS_SECONDS = 300
# A chart of all an organisation's units would be taller than a printed page (an SVG does not
# break across pages): the PDF draws the units with the most cases; its table lists them all.
PDF_CHART_UNITS = 15


def _period(request) -> tuple[int, datetime.date, datetime.date]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year)
    return year, datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _chart(rows: list[selectors.Group], title: str) -> charts.Chart:
    return charts.bar_chart(
        categories=[g.label for g in rows],
        series=[
            (_("Cases"), [g.count for g in rows]),
            (_("Answered on time"), [g.on_time for g in rows]),
        ],
        title=title,
    )


def _figures(scope, *, start: datetime.date, end: datetime.date):
    """The year's figures, and when they were counted.

    Those who see the whole organisation see the same figures, which take the largest
    organisation's year (20,000 cases) a few hundred milliseconds to count: they are counted at
    most every STATISTICS_SECONDS per organisation, language and year, and the page says when.
    Everyone else's figures depend on what they may see and are counted each time.
    """

    def count():
        cases = selectors.statistics_cases(scope)
        return (*selectors.statistics(cases, start=start, end=end), timezone.now())

    if not scope.has_role(*selectors.ORGANISATION_WIDE):
        return count()
    key = f"feedback-statistics:{scope.organisation.pk}:{get_language()}:{start:%Y}"
    return cache.get_or_set(key, count, STATISTICS_SECONDS)


def _context(request, *, chart_units: int | None = None) -> dict:
    """The year's figures and one chart per dimension; `chart_units` limits the units' chart."""
    year, start, end = _period(request)
    total, groups, generated = _figures(request.scope, start=start, end=end)
    sections = []
    for key, label in DIMENSIONS.items():
        rows, title = groups[key], _("Cases by %(dimension)s") % {"dimension": label}
        if key == "unit" and chart_units is not None and len(rows) > chart_units:
            rows = sorted(rows, key=lambda g: -g.count)[:chart_units]
            title = _("The %(count)s units with the most cases") % {"count": chart_units}
        sections.append(
            {"chart": _chart(rows, title), "groups": groups[key], "title": TABLE_TITLES[key]}
        )
    return {
        "year": year,
        "total": total,
        "sections": sections,
        "groups": groups,
        "generated": generated,
    }


def _workbook(year: int, groups: dict):
    headers = [
        _("Cases"),
        _("Answered"),
        _("Median days to answer"),
        _("Answered on time (%)"),
    ]
    return xlsx.workbook_response(
        filename=f"feedback-{year}.xlsx",
        sheets=[
            xlsx.Sheet(
                title=str(label).capitalize(),
                headers=[str(label).capitalize(), *headers],
                rows=[
                    [g.label, g.count, g.answered, g.median_days, g.on_time_share]
                    for g in groups[key]
                ],
            )
            for key, label in DIMENSIONS.items()
        ],
    )


@member_required
def statistics(request, org_slug):
    context = _context(request)
    if request.GET.get("format") == "xlsx":
        return _workbook(context["year"], context["groups"])
    context["charts"] = [section["chart"] for section in context["sections"]]
    context["years"] = range(timezone.localdate().year, timezone.localdate().year - 5, -1)
    return render(request, "feedback/statistics.html", context)


@member_required
def statistics_pdf(request, org_slug):
    context = _context(request, chart_units=PDF_CHART_UNITS)
    context["organisation"] = request.organisation
    body = pdf.render_pdf("feedback/statistics_pdf.html", context, request=request)
    return pdf.pdf_response(body, filename=f"feedback-statistics-{context['year']}.pdf")
