"""Deadlines in working days: public holidays of the country, weekends and closing days."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kvalitet import access
from kvalitet.feedback import deadlines, services_setup
from kvalitet.feedback.models import DeadlineRule
from kvalitet.feedback.tests.factories import make_case


def at(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.mark.parametrize(
    ("slug", "received", "acknowledge", "answer"),
    [
        # Maundy Thursday 2026-04-02: Easter skips Thu, Fri, Sat, Sun, Mon in Denmark.
        pytest.param(
            "norreby",
            datetime.date(2026, 4, 1),
            datetime.date(2026, 4, 8),
            datetime.date(2026, 4, 20),
            id="dk-easter",
        ),
        # Sweden: Good Friday and Easter Monday, but Maundy Thursday is a working day.
        pytest.param(
            "solvik",
            datetime.date(2026, 4, 1),
            datetime.date(2026, 4, 7),
            datetime.date(2026, 4, 17),
            id="se-easter",
        ),
        # Christmas in Sweden: Christmas Eve and New Year's Eve count as Sundays (lag 1930:173),
        # then Christmas, Boxing Day, New Year's Day and Epiphany.
        pytest.param(
            "solvik",
            datetime.date(2025, 12, 22),
            datetime.date(2025, 12, 29),
            datetime.date(2026, 1, 13),
            id="se-christmas",
        ),
        # Denmark: Christmas Eve and New Year's Eve are working days; Epiphany is not a holiday.
        pytest.param(
            "norreby",
            datetime.date(2025, 12, 22),
            datetime.date(2025, 12, 24),
            datetime.date(2026, 1, 8),
            id="dk-christmas",
        ),
        # Sweden's national day, Friday 6 June 2025 (and Midsummer Eve on the 20th).
        pytest.param(
            "solvik",
            datetime.date(2025, 6, 5),
            datetime.date(2025, 6, 10),
            datetime.date(2025, 6, 23),
            id="se-national-day",
        ),
    ],
)
def test_deadlines_skip_the_holidays_of_the_country(
    slug, received, acknowledge, answer, norreby, solvik
):
    organisation = norreby if slug == "norreby" else solvik
    # The demo's own closing days would change these dates: count public holidays only.
    organisation.closing_days.all().delete()
    case, _token = make_case(organisation, unit_code=None, received_at=at(received))
    assert (case.acknowledge_due, case.answer_due) == (acknowledge, answer)


def test_the_organisations_closing_days_are_skipped(norreby):
    norreby.closing_days.all().delete()
    scope = access.scope_for(None, norreby)
    scope.grants = [access.Grant("coordinator", 0, "")]
    services_setup.closing_day_add(
        scope=scope, day=datetime.date(2026, 3, 3), reason="Personaledag", by=None
    )
    # Monday 2 March; Tuesday is closed: acknowledged by Thursday.
    case, _token = make_case(norreby, unit_code=None, received_at=at(datetime.date(2026, 3, 2)))
    assert case.acknowledge_due == datetime.date(2026, 3, 5)


def test_deadlines_per_kind_are_configurable(norreby):
    DeadlineRule.objects.create(
        organisation=norreby, kind="praise", acknowledge_days=5, answer_days=20
    )
    assert deadlines.days_for(norreby, "praise") == (5, 20)
    assert deadlines.days_for(norreby, "complaint") == (2, 10)


def test_the_case_page_explains_how_each_deadline_was_counted(client_for, coordinator, norreby):
    norreby.closing_days.all().delete()
    case, _token = make_case(norreby, received_at=at(datetime.date(2026, 4, 1)))
    response = client_for(coordinator).get(
        reverse("feedback:case", kwargs={"org_slug": "norreby", "case_id": case.pk})
    )
    html = response.content.decode()
    assert "10 arbejdsdage" in html
    assert "Skærtorsdag" in html
    assert "Langfredag" in html
    assert "Anden påskedag" in html
    assert "weekend" in html
