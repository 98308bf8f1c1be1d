from __future__ import annotations

import datetime as dt

from eventwire.resolve import dates as D


def test_parse_reference_takes_dates_and_datetimes():
    assert D.parse_reference("2015-10-15") == dt.date(2015, 10, 15)
    assert D.parse_reference("2015-10-15T08:30:00Z") == dt.date(2015, 10, 15)
    assert D.parse_reference("Thu, 15 Oct 2015 08:00:00 GMT") == dt.date(2015, 10, 15)
    assert D.parse_reference("October 15th, 2015") == dt.date(2015, 10, 15)
    assert D.parse_reference("15 Oct. 2015") == dt.date(2015, 10, 15)
    assert D.parse_reference("2015-13-45") is None
    assert D.parse_reference("yesterday") is None
    assert D.parse_reference(None) is None


def test_month_arithmetic_crosses_years():
    assert D.add_months(2015, 12, 1) == (2016, 1)
    assert D.add_months(2015, 1, -1) == (2014, 12)
    assert D.add_quarters(2007, 1, -1) == (2006, 4)


def test_weekday_resolution_looks_back_or_forward_and_keeps_the_same_day():
    thursday = dt.date(2015, 10, 15)
    assert D.resolve_weekday(thursday, 3, -1) == dt.date(2015, 10, 14)  # Wednesday before
    assert D.resolve_weekday(thursday, 3, 1) == dt.date(2015, 10, 21)  # Wednesday after
    assert D.resolve_weekday(thursday, 4, -1) == thursday


def test_month_day_takes_the_nearest_year_and_tense_breaks_ties():
    ref = dt.date(2010, 1, 25)
    assert D.resolve_month_day(ref, 12, 11) == 2009  # "11 December" in a January article
    assert D.resolve_month_day(dt.date(2007, 10, 15), 10, 25) == 2007
    # "January" in a September article: a past clause means the January before
    assert D.resolve_month_day(dt.date(2005, 9, 7), 1, None, direction=-1) == 2005
    assert D.resolve_month_day(dt.date(2005, 9, 7), 1, None, direction=1) == 2006


def test_two_digit_years_go_to_the_nearest_century():
    assert D.expand_two_digit_year(7, dt.date(2007, 7, 9)) == 2007
    assert D.expand_two_digit_year(98, dt.date(2007, 7, 9)) == 1998


def test_timex_formats():
    assert D.fmt_week(dt.date(2004, 11, 17)) == "2004-W47"
    assert D.fmt_duration(2, "W") == "P2W"
    assert D.fmt_duration(24, "H", clock=True) == "PT24H"
    assert D.fmt_duration(2.5, "Y") == "P2.5Y"
    assert D.fmt_duration(None, "Y") == "PXY"


def test_period_bounds_cover_the_whole_period():
    assert D.period_bounds("2015-10") == ("2015-10-01", "2015-10-31")
    assert D.period_bounds("2006-Q4") == ("2006-10-01", "2006-12-31")
    assert D.period_bounds("2010-W04-WE") == ("2010-01-30", "2010-01-31")
    assert D.period_bounds("PRESENT_REF") is None


def test_weekday_years_lists_every_fitting_year():
    assert D.weekday_years(10, 15, 4, 2005, 2026) == [2009, 2015, 2020, 2026]


def test_inference_without_hints_takes_the_latest_year_not_after_today():
    got = D.infer_reference([(10, 15, 4), (10, 14, 3)], today=dt.date(2026, 11, 26))
    assert got.date == dt.date(2026, 10, 15)
    assert got.candidates[:4] == [2026, 2020, 2015, 2009]
    assert got.anchor.startswith("inferred:2026|2020|2015|2009")
    assert got.certainty < 0.9


def test_inference_prefers_the_year_after_the_latest_mentioned_year():
    got = D.infer_reference([(10, 15, 4)], years=[2014], today=dt.date(2026, 11, 26))
    assert got.date == dt.date(2015, 10, 15)
    assert got.candidates[0] == 2015 and 2020 in got.candidates


def test_inference_ignores_candidates_in_the_future():
    got = D.infer_reference([(10, 15, 4)], today=dt.date(2026, 6, 1))
    assert got.date.year == 2020


def test_inference_without_pairs_falls_back_to_the_latest_full_date():
    got = D.infer_reference([], full_dates=[dt.date(2015, 9, 30), dt.date(2015, 10, 2)])
    assert got.date == dt.date(2015, 10, 2) and got.how == "full-date"
    assert D.infer_reference([]) is None


def test_a_dateline_day_takes_the_latest_mentioned_year_else_the_last_one_passed():
    got = D.infer_reference([], years=[2014, 2015], head_days=[(10, 15)], today=dt.date(2026, 11, 26))
    assert got.date == dt.date(2015, 10, 15) and got.certainty <= 0.3
    got = D.infer_reference([], head_days=[(12, 29)], today=dt.date(2026, 11, 26))
    assert got.date == dt.date(2025, 12, 29)


def test_unit_values_and_shifts_keep_the_unit_precision():
    ref = dt.date(2007, 1, 18)
    assert D.unit_value(ref, "quarter", -1)["value"] == "2006-Q4"
    assert D.unit_value(ref, "weekend", 0)["value"] == "2007-W03-WE"
    assert D.shift(ref, "month", {"code": "M"}, 9, -1)["value"] == "2006-04"
    assert D.shift(ref, "decade", {"code": "Y", "factor": 10}, 1, -1)["value"] == "1997"
    assert D.shift(ref, "hour", {"code": "H", "clock": True}, 3, -1) is None


def test_period_duration_is_a_range_at_the_reference():
    spec = D.period_duration(dt.date(2015, 10, 15), "hour", {"code": "H", "clock": True, "precision": "hour"}, 24, past=True)
    assert (spec["value"], spec["range_start"], spec["range_end"]) == ("PT24H", "2015-10-14", "2015-10-15")
    spec = D.period_duration(dt.date(2015, 10, 15), "month", {"code": "M", "precision": "month"}, 6, past=False)
    assert (spec["range_start"], spec["range_end"]) == ("2015-10-15", "2016-04-15")


def test_anchors_know_how_coarse_they_are():
    assert D.as_anchor("2015-10-15") == (dt.date(2015, 10, 15), 0)
    assert D.as_anchor("2015-10") == (dt.date(2015, 10, 1), 1)
    assert D.as_anchor("2015") == (dt.date(2015, 1, 1), 2)
    assert D.as_anchor("PRESENT_REF") is None
