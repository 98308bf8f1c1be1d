"""The days a TIMEX3-style value covers, so that date filters can be plain SQL comparisons.

``2015-10-14`` covers one day, ``2015-10`` a month, ``2015-W42`` a week, ``2015-Q4`` a quarter,
``2015`` a year, ``201X`` / ``201`` a decade. Durations (``P2W``), sets and anything else we
cannot place on the calendar give ``(None, None)``: such events fall back to the article's
publication day in queries.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional, Tuple

from ..resolve.dates import parse_reference

Bounds = Tuple[Optional[date], Optional[date]]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")
# Northern-hemisphere meteorological seasons: (first month, last month)
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2)}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def timex_bounds(value: Optional[str]) -> Bounds:
    """First and last day that ``value`` covers, or ``(None, None)``."""
    if not value:
        return None, None
    value = value.strip()
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _SEASON.match(value):
            y = int(m[1])
            first, last = _SEASONS[m[2]]
            return date(y, first, 1), _month_end(y + (1 if last < first else 0), last)
        if m := _DECADE.match(value):
            start = int(m[1]) * 10
            return date(start, 1, 1), date(start + 9, 12, 31)
    except ValueError:  # e.g. 2015-02-30 or week 54: not a real calendar position
        return None, None
    return None, None


def event_bounds(value: Optional[str], range_start: Optional[str] = None,
                 range_end: Optional[str] = None) -> Bounds:
    """Bounds of an event date, preferring an explicit range ("the last 24 hours")."""
    if range_start or range_end:
        first = timex_bounds(range_start)[0]
        last = timex_bounds(range_end)[1]
        if first or last:
            return first or last, last or first
    return timex_bounds(value)


def published_day(published: Optional[str]) -> Optional[date]:
    """The publication day (ISO dates/datetimes, RFC 2822 feed dates, written dates), read
    the way the time tagger reads its reference date."""
    return parse_reference(published) if published else None


def parse_filter_date(text: str, *, end: bool) -> Optional[date]:
    """A ``--since`` / ``--until`` value: ``2015``, ``2015-10`` or ``2015-10-14``.

    ``end`` picks the last day of the period (for ``--until 2015-10``: 31 October).
    """
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip()):
        return None
    first, last = timex_bounds(text.strip())
    return last if end else first
