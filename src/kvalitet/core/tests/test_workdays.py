"""Working-day deadlines follow the organisation's country and its own closing days."""

import datetime

import pytest

from kvalitet.workdays import add_working_days, non_working_reason

D = datetime.date


@pytest.mark.parametrize(
    ("country", "start", "days", "due"),
    [
        # Friday + 2 working days skips the weekend.
        pytest.param("DK", D(2026, 11, 20), 2, D(2026, 11, 24), id="dk-over-weekend"),
        # 23 Dec + 2: the 24th counts in Denmark; Christmas Day and the weekend do not.
        pytest.param("DK", D(2026, 12, 23), 2, D(2026, 12, 28), id="dk-christmas"),
        # In Sweden Christmas Eve does not count either (lag 1930:173).
        pytest.param("SE", D(2026, 12, 23), 2, D(2026, 12, 29), id="se-christmas-eve"),
        # Denmark's Constitution Day (5 June) is not a public holiday in Sweden…
        pytest.param("SE", D(2026, 6, 4), 1, D(2026, 6, 5), id="se-5-june-works"),
        # Midsummer Eve moves a Swedish deadline like a Sunday: 18 June + 1 → 22 June.
        pytest.param("SE", D(2026, 6, 18), 1, D(2026, 6, 22), id="se-midsummer"),
        pytest.param("DK", D(2026, 11, 23), 0, D(2026, 11, 23), id="zero-days"),
    ],
)
def test_add_working_days_by_country(country, start, days, due):
    assert add_working_days(start, days, country=country).due == due


def test_skipped_days_are_explained():
    deadline = add_working_days(D(2026, 12, 23), 2, country="DK", language="en_US")
    reasons = {skipped.day: skipped.reason for skipped in deadline.skipped}
    assert reasons[D(2026, 12, 25)] == "Christmas Day"
    assert reasons[D(2026, 12, 26)] in {"Second Day of Christmas", "weekend"}
    assert reasons[D(2026, 12, 27)] == "weekend"
    assert D(2026, 12, 28) not in reasons


def test_closing_days_of_the_organisation_are_skipped():
    plain = add_working_days(D(2026, 11, 23), 1, country="DK")
    closed = add_working_days(D(2026, 11, 23), 1, country="DK", closing_days=[plain.due])
    assert closed.due == plain.due + datetime.timedelta(days=1)
    assert non_working_reason(plain.due, country="DK", closing_days=[plain.due]) == "closing day"


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2026, 11, 23), -1, country="SE")
