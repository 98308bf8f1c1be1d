from datetime import date

import pytest

from eventwire.store.dates import event_bounds, parse_filter_date, published_day, timex_bounds


@pytest.mark.parametrize("value, first, last", [
    ("2015-10-14", date(2015, 10, 14), date(2015, 10, 14)),
    ("2015-10-14T08:30", date(2015, 10, 14), date(2015, 10, 14)),
    ("2015-10", date(2015, 10, 1), date(2015, 10, 31)),
    ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
    ("2015", date(2015, 1, 1), date(2015, 12, 31)),
    ("2015-W42", date(2015, 10, 12), date(2015, 10, 18)),
    ("2015-Q4", date(2015, 10, 1), date(2015, 12, 31)),
    ("2015-H1", date(2015, 1, 1), date(2015, 6, 30)),
    ("2015-WI", date(2015, 12, 1), date(2016, 2, 29)),
    ("201X", date(2010, 1, 1), date(2019, 12, 31)),
])
def test_timex_values_cover_their_days(value, first, last):
    assert timex_bounds(value) == (first, last)


@pytest.mark.parametrize("value", [None, "", "P2W", "PRESENT_REF", "2015-02-30", "2015-W60", "soon"])
def test_values_off_the_calendar_have_no_bounds(value):
    assert timex_bounds(value) == (None, None)


def test_an_explicit_range_wins_over_the_value():
    assert event_bounds("P1D", "2015-10-14", "2015-10-15") == (date(2015, 10, 14), date(2015, 10, 15))
    assert event_bounds("2015-10-14", None, None) == (date(2015, 10, 14), date(2015, 10, 14))


@pytest.mark.parametrize("published, day", [
    ("2015-10-15", date(2015, 10, 15)),
    ("2015-10-15T23:10:00Z", date(2015, 10, 15)),
    ("2015-10-15 08:00:00+02:00", date(2015, 10, 15)),
    ("Thu, 15 Oct 2015 08:00:00 GMT", date(2015, 10, 15)),
    ("yesterday", None),
    (None, None),
])
def test_publication_days(published, day):
    assert published_day(published) == day


def test_filter_dates_take_the_start_or_end_of_their_period():
    assert parse_filter_date("2015-10", end=False) == date(2015, 10, 1)
    assert parse_filter_date("2015-10", end=True) == date(2015, 10, 31)
    assert parse_filter_date("2015", end=True) == date(2015, 12, 31)
    assert parse_filter_date("last week", end=False) is None
    assert parse_filter_date("2015-W42", end=False) is None  # filters take calendar dates only
