"""Calendar arithmetic and TIMEX3 value formatting for the time tagger.

Everything here is a pure function of its arguments (no clock reads unless ``today`` is
left out), so that resolution is reproducible: the same text and reference date always give
the same values.

Reference dates come from the article's ``published`` field; when that is missing,
:func:`infer_reference` narrows the year from weekday/date pairs ("Thursday (Oct 15)") and
explicit year mentions, and says how sure it is.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

Date = dt.date

# ------------------------------------------------------------------ parsing the reference
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


def parse_reference(value) -> Optional[Date]:
    """A ``date`` from an ISO date/datetime, an RFC 2822 date or a written one ("October 15,
    2015", "15 Oct 2015"); None when unusable."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    # feeds hand over RFC 2822 ("Thu, 15 Oct 2015 08:00:00 GMT"); other sources print dates
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _WRITTEN_FORMATS:
        try:
            return dt.datetime.strptime(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text.replace(".", "")), fmt).date()
        except ValueError:
            continue
    return None


_WRITTEN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


# ------------------------------------------------------------------ arithmetic
def valid_date(year: int, month: int, day: int) -> Optional[Date]:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def iso_week(day: Date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_quarters(year: int, quarter: int, delta: int) -> tuple[int, int]:
    total = year * 4 + (quarter - 1) + delta
    return total // 4, total % 4 + 1


def resolve_weekday(ref: Date, weekday: int, direction: int) -> Date:
    """The day named ``weekday`` (1 = Monday) nearest ``ref`` in ``direction``.

    ``direction`` -1 looks back, +1 forward; the reference day itself counts for either
    (news says "on Monday" on a Monday for the same day).
    """
    diff = weekday - ref.isoweekday()
    if diff == 0:
        return ref
    if direction >= 0:
        return ref + dt.timedelta(days=diff % 7)
    return ref - dt.timedelta(days=(-diff) % 7)


def resolve_month_day(ref: Date, month: int, day: Optional[int], direction: int = 0) -> int:
    """The year of a month (and day) given without one: the occurrence nearest ``ref``.

    ``direction`` breaks the choice when the context says past (-1) or future (+1): then the
    nearest occurrence on that side wins unless the other side is within about three months,
    since tense cues are read from a few words and are sometimes wrong.
    """
    best_year, best_cost = ref.year, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        when = valid_date(year, month, day or 15)
        if when is None and day == 29 and month == 2:
            when = Date(year, 2, 28)
        if when is None:
            continue
        delta = (when - ref).days
        if day is None and year == ref.year and month == ref.month:
            delta = 0
        cost = abs(delta)
        if (direction < 0 < delta) or (direction > 0 > delta):
            cost += 183
        if best_cost is None or cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def expand_two_digit_year(yy: int, ref: Optional[Date]) -> int:
    """'07 -> 2007: the century that puts the year nearest the reference (or now)."""
    pivot = (ref or Date.today()).year
    candidates = [c * 100 + yy for c in (pivot // 100 - 1, pivot // 100, pivot // 100 + 1)]
    return min(candidates, key=lambda y: (abs(y - pivot), y))


# ------------------------------------------------------------------ TIMEX3 formatting
def fmt_day(day: Date) -> str:
    return day.isoformat()


def fmt_week(day: Date) -> str:
    year, week = iso_week(day)
    return f"{year:04d}-W{week:02d}"


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def fmt_year(year: int) -> str:
    return f"{year:04d}"


def fmt_duration(amount, code: str, clock: bool = False) -> str:
    """P2W, PT24H, P2.5Y, PXY (``amount`` None means unknown)."""
    if amount is None:
        number = "X"
    elif float(amount).is_integer():
        number = str(int(amount))
    else:
        number = f"{float(amount):g}"
    return f"P{'T' if clock else ''}{number}{code}"


def period_bounds(value: str) -> Optional[tuple[str, str]]:
    """First and last day (ISO) covered by a DATE value; None for values without bounds."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return value, value
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return (monday + dt.timedelta(days=5)).isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        ny, nm = add_months(year, month, 1)
        return Date(year, month, 1).isoformat(), (Date(ny, nm, 1) - dt.timedelta(days=1)).isoformat()
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        year, q = int(m.group(1)), int(m.group(2))
        ny, nm = add_months(year, q * 3, 1)
        return Date(year, q * 3 - 2, 1).isoformat(), (Date(ny, nm, 1) - dt.timedelta(days=1)).isoformat()
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return f"{value}-01-01", f"{value}-12-31"
    return None


# ------------------------------------------------------------------ year inference
@dataclass
class InferredReference:
    """A reference date guessed from the text when the article carries none."""

    date: Date
    certainty: float
    candidates: list = field(default_factory=list)  # candidate years, most likely first
    how: str = ""  # "weekday-date", "full-date", "dateline", "today"

    @property
    def anchor(self) -> str:
        years = "|".join(str(y) for y in self.candidates) or str(self.date.year)
        return f"inferred:{years}"


def weekday_years(month: int, day: int, weekday: int, lo: int, hi: int) -> list[int]:
    """Years in [lo, hi] in which month/day falls on ``weekday`` (1 = Monday)."""
    out = []
    for year in range(lo, hi + 1):
        when = valid_date(year, month, day)
        if when is not None and when.isoweekday() == weekday:
            out.append(year)
    return out


def infer_reference(pairs: Sequence[tuple[int, int, int]], full_dates: Iterable[Date] = (),
                    years: Iterable[int] = (), today: Optional[Date] = None,
                    window: int = 25, head_days: Sequence[tuple[int, int]] = ()) -> Optional[InferredReference]:
    """Guess the reference date of an undated article.

    ``pairs`` are (month, day, weekday) read from "Thursday (Oct 15)"-style mentions; the
    year must make every pair's weekday right. Without world knowledge several years fit
    (Oct 15 is a Thursday in 2009, 2015, 2020, 2026); the text's own explicit years break the
    tie (an article is written in or after the latest year it mentions as past, usually soon
    after), else the most recent candidate not after ``today``. The latest weekday/date pair
    is taken as the reference day, since news reports the newest day it names.
    ``full_dates`` (explicit dates by the headline or dateline) serve when there are no pairs;
    last, ``head_days`` (a month and day by the dateline, "BEIRUT, Oct 15 (Reuters)") take the
    latest year the text mentions, else the latest year in which that day is not after ``today``.
    """
    today = today or Date.today()
    full_dates = sorted(set(full_dates))
    years = sorted(set(years))
    if pairs:
        lo, hi = today.year - window, today.year + 1
        common = None
        for month, day, weekday in pairs:
            fit = set(weekday_years(month, day, weekday, lo, hi))
            common = fit if common is None else common & fit
        if common:
            cands = sorted(common, reverse=True)
            cands = [y for y in cands if valid_date(y, pairs[0][0], pairs[0][1]) and
                     valid_date(y, pairs[0][0], pairs[0][1]) <= today] or cands
            hint = max([d.year for d in full_dates] + list(years), default=None)
            if hint is not None:
                ranked = sorted(cands, key=lambda y: (y < hint, abs(y - hint)))
            else:
                ranked = cands  # most recent first
            year = ranked[0]
            month, day = max(((m, d) for m, d, _ in pairs))
            certainty = 0.9 if len(ranked) == 1 else round(min(0.8, 1.0 / len(ranked) + 0.3), 2)
            if hint is not None and len(ranked) > 1:
                certainty = min(0.8, certainty + 0.2)
            return InferredReference(Date(year, month, day), certainty, ranked, "weekday-date")
    if full_dates:
        latest = full_dates[-1]
        return InferredReference(latest, 0.5, [latest.year], "full-date")
    for month, day in head_days:
        hint = max(years, default=None)
        year = hint if hint is not None else today.year
        if hint is None and (valid_date(year, month, day) is None or valid_date(year, month, day) > today):
            year -= 1
        when = valid_date(year, month, day)
        if when is not None:
            return InferredReference(when, 0.3, [year], "dateline")
    return None


# ------------------------------------------------------------------ TIMEX3 values of calendar units
Spec = dict  # the fields of a TimeValue being built: type, value, precision, range_start ...


def day_value(day: Date) -> Spec:
    return {"type": "DATE", "value": fmt_day(day), "precision": "day"}


def unit_value(ref: Date, unit: str, delta: int) -> Optional[Spec]:
    """The calendar unit containing ``ref`` shifted by ``delta`` units."""
    if unit == "day":
        return day_value(ref + dt.timedelta(days=delta))
    if unit in ("week", "weekend"):
        value = fmt_week(ref + dt.timedelta(weeks=delta))
        return {"type": "DATE", "value": value + ("-WE" if unit == "weekend" else ""), "precision": "week"}
    if unit == "month":
        y, mo = add_months(ref.year, ref.month, delta)
        return {"type": "DATE", "value": fmt_month(y, mo), "precision": "month"}
    if unit == "quarter":
        y, q = add_quarters(ref.year, quarter_of(ref.month), delta)
        return {"type": "DATE", "value": f"{y:04d}-Q{q}", "precision": "quarter"}
    if unit in ("year", "fiscal year", "financial year"):
        return {"type": "DATE", "value": fmt_year(ref.year + delta), "precision": "year"}
    if unit == "decade":
        return {"type": "DATE", "value": str(ref.year // 10 + delta), "precision": "decade"}
    if unit == "century":
        return {"type": "DATE", "value": str(ref.year // 100 + delta), "precision": "century"}
    return None


def shift(ref: Date, unit: str, info: dict, amount: float, sign: int) -> Optional[Spec]:
    """The date ``amount`` units before (sign -1) or after ``ref``, at the unit's precision."""
    if amount is None:
        return None
    n = amount * info.get("factor", 1)
    if unit in ("hour", "minute", "second"):
        return None
    if unit in ("day", "night"):
        return day_value(ref + dt.timedelta(days=sign * int(n)))
    if unit in ("week", "fortnight", "weekend"):
        return {"type": "DATE", "value": fmt_week(ref + dt.timedelta(weeks=sign * n)), "precision": "week"}
    if unit == "month":
        y, mo = add_months(ref.year, ref.month, sign * int(n))
        return {"type": "DATE", "value": fmt_month(y, mo), "precision": "month"}
    if unit == "quarter":
        y, q = add_quarters(ref.year, quarter_of(ref.month), sign * int(n))
        return {"type": "DATE", "value": f"{y:04d}-Q{q}", "precision": "quarter"}
    if unit in ("year", "decade", "century"):
        return {"type": "DATE", "value": fmt_year(ref.year + sign * int(n)), "precision": "year"}
    return None


def period_duration(ref: Optional[Date], unit: str, info: dict, amount, past: bool) -> Spec:
    """A stretch that ends (past) or starts (future) at the reference: "the last 24 hours"."""
    factor = info.get("factor", 1)
    n = None if amount is None else amount * factor
    spec = {"type": "DURATION", "value": fmt_duration(n, info["code"], info.get("clock", False)),
            "precision": "fuzzy" if n is None else info["precision"]}
    if ref is not None:
        if n is None:
            span = None
        elif info.get("clock"):
            seconds = n * {"H": 3600, "M": 60, "S": 1}[info["code"]]
            span = dt.timedelta(seconds=seconds)
        else:
            days = {"D": 1, "W": 7, "M": 30.44, "Q": 91.3, "Y": 365.25, "WE": 2}[info["code"]]
            span = dt.timedelta(days=round(n * days))
        spec["relative"] = True  # the range is only as sure as the reference
        if past:
            spec["range_end"] = ref.isoformat()
            spec["range_start"] = (ref - span).isoformat() if span is not None else None
        else:
            spec["range_start"] = ref.isoformat()
            spec["range_end"] = (ref + span).isoformat() if span is not None else None
    return spec


# how coarse an anchor may be for a unit: "the following day" needs a day, "the following year" any date
COARSENESS = {"day": 0, "night": 0, "week": 0, "weekend": 0, "fortnight": 0, "month": 1, "quarter": 1,
              "year": 2, "fiscal year": 2, "financial year": 2, "decade": 2, "century": 2}


_ANCHOR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def as_anchor(value: str) -> Optional[tuple[Date, int]]:
    """A resolved DATE value as a point to count from, with how coarse it is (0 day, 1 month, 2 year)."""
    m = _ANCHOR.fullmatch(value or "")
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    coarseness = 0 if m.group(3) else 1 if m.group(2) else 2
    when = valid_date(year, month, day)
    return (when, coarseness) if when else None
