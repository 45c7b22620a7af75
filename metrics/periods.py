"""Reporting periods: week, month, quarter, year to date, the rolling 28 days or custom, ending at an as-of date;
and the window each is compared with (issue #28: like for like)."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from metrics.errors import DomainError, check_option
from texts import messages as M

PERIOD_KINDS = ("week", "month", "quarter", "year", "28d", "custom")
ROLLING_DAYS = {"28d": 28}  # rolling kinds: the last N days to the as-of date


@dataclass(frozen=True)
class Period:
    """A closed date interval [start, end]; `end` is the as-of date."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise DomainError(M.PERIOD_REVERSED.format(start=self.start, end=self.end))

    @property
    def days(self) -> int:
        """Return the number of days in the period, both ends included."""
        return (self.end - self.start).days + 1


def _period_start(kind: str, as_of: date, week_starts_on: int) -> date:
    if kind == "week":
        return as_of - timedelta(days=(as_of.weekday() - week_starts_on) % 7)
    if kind == "month":
        return as_of.replace(day=1)
    if kind == "quarter":
        return date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    return date(as_of.year, 1, 1)


def period_to_date(kind: str, as_of: date, custom_start: date | None = None, week_starts_on: int = 0) -> Period:
    """Return the period of the given kind that contains as_of and ends on it (period-to-date; the last N days for
    a rolling kind)."""
    check_option("kind", kind, PERIOD_KINDS)
    if kind == "custom":
        if custom_start is None:
            raise DomainError(M.CUSTOM_NEEDS_START)
        return Period(custom_start, as_of)
    if kind in ROLLING_DAYS:
        return Period(as_of - timedelta(days=ROLLING_DAYS[kind] - 1), as_of)
    return Period(_period_start(kind, as_of, week_starts_on), as_of)


def _minus_years(day: date, years: int) -> date:
    """Return the same date `years` earlier (29/02 becomes 28/02)."""
    year = day.year - years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def comparable_period(kind: str, period: Period, week_starts_on: int = 0) -> Period:
    """Return the window a period is compared with, like for like (issue #28):
    - week to date: the same days of the previous week;
    - month to date: the previous month from its first day to the same day number, clamped to its end
      (01/03–31/03 → 01/02–28/02);
    - quarter to date: the previous quarter's same number of elapsed days;
    - year to date: the same dates of the previous year;
    - the rolling 28 days: the window of the same length ending 7 days earlier (last week's view);
    - a custom window: the window of equal length just before it."""
    check_option("kind", kind, PERIOD_KINDS)
    if kind == "week":
        return Period(period.start - timedelta(days=7), period.end - timedelta(days=7))
    if kind == "month":
        start = (period.start - timedelta(days=1)).replace(day=1)
        last = calendar.monthrange(start.year, start.month)[1]
        return Period(start, start.replace(day=min(period.end.day, last)))
    if kind == "quarter":
        end = period.start - timedelta(days=1)
        start = _period_start("quarter", end, week_starts_on)
        return Period(start, min(start + timedelta(days=period.days - 1), end))
    if kind == "year":
        return Period(_minus_years(period.start, 1), _minus_years(period.end, 1))
    if kind in ROLLING_DAYS:
        return Period(period.start - timedelta(days=7), period.end - timedelta(days=7))
    end = period.start - timedelta(days=1)
    return Period(end - timedelta(days=period.days - 1), end)


def previous_period(kind: str, period: Period, week_starts_on: int = 0) -> Period:
    """Return the whole period just before `period` (the previous week, month, quarter, year or span)."""
    check_option("kind", kind, PERIOD_KINDS)
    if kind == "custom" or kind in ROLLING_DAYS:
        end = period.start - timedelta(days=1)
        return Period(end - timedelta(days=period.days - 1), end)
    end = period.start - timedelta(days=1)
    return Period(_period_start(kind, end, week_starts_on), end)


def same_period_week_before(kind: str, period: Period, week_starts_on: int = 0) -> Period:
    """Return the comparable period as of one week earlier (for 'change against last week')."""
    check_option("kind", kind, PERIOD_KINDS)
    week = timedelta(days=7)
    if kind == "custom" or kind in ROLLING_DAYS:
        return Period(period.start - week, period.end - week)
    return period_to_date(kind, period.end - week, week_starts_on=week_starts_on)


def month_ends(as_of: date, months: int) -> list[Period]:
    """Return the last `months` calendar months up to as_of, oldest first; the last one ends at as_of."""
    if months < 1:
        raise DomainError(M.MONTHS_AT_LEAST_ONE)
    periods: list[Period] = []
    end = as_of
    for _ in range(months):
        start = end.replace(day=1)
        periods.append(Period(start, end))
        end = start - timedelta(days=1)
    return list(reversed(periods))


def months_since(first: date, as_of: date, at_least: int = 1) -> int:
    """Return how many calendar months from the month of `first` to that of `as_of` (both counted), at least
    `at_least` (a unit's trend that always reaches back across a given date)."""
    return max(at_least, (as_of.year - first.year) * 12 + as_of.month - first.month + 1)


def months_back(as_of: date, months: int) -> date:
    """Return the day after the same date `months` earlier (clamped to that month's end): the first day of a rolling
    window of `months` months ending on as_of (05/12 → 06/09 for three months)."""
    month_index = as_of.year * 12 + as_of.month - 1 - months
    year, month = divmod(month_index, 12)
    back = date(year, month + 1, min(as_of.day, calendar.monthrange(year, month + 1)[1]))
    return back + timedelta(days=1)


def scorecard_window(period: Period, months: int) -> tuple[Period, Period | None]:
    """Return (the window the scorecard counts, the one its ranks move against, None to use the period's own): the
    period itself when it reaches `months` months back, else the rolling `months` months to its end, compared with
    the same window a week earlier (issue #28: the first days of a month must not empty the map)."""
    if months <= 0 or period.start <= months_back(period.end, months):
        return period, None
    window = Period(months_back(period.end, months), period.end)
    week = timedelta(days=7)
    return window, Period(window.start - week, window.end - week)
