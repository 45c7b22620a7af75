"""Working days (issue #33): Monday to Friday, less the public holidays and their compensatory days off, plus the
Saturdays or Sundays the Government names as compensatory working days. Dossier deadlines are set in working days.

A year with no holiday list is not silently treated as all working days: `missing_years` names it, and the pages and
the command line say so.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from metrics.errors import DomainError
from texts import messages as M

DAY_OFF = "nghi"  # a weekday off: a public holiday or its compensatory day off
WORKING_DAY = "lam_bu"  # a Saturday or Sunday worked in compensation
KINDS = (DAY_OFF, WORKING_DAY)
HOLIDAY_COLUMNS = ("day", "kind", "name")
LONGEST_SPAN = 366  # working days counted forward at most (a longer ask is a mistake)


@dataclass(frozen=True)
class Calendar:
    """The days off and compensatory working days on file, and the years they cover."""

    days_off: frozenset[date] = frozenset()
    working: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()

    def is_working(self, day: date) -> bool:
        """Return True when `day` is a working day."""
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def add_working_days(self, day: date, n: int) -> date:
        """Return the n-th working day after `day` (n ≥ 1)."""
        if not 1 <= n <= LONGEST_SPAN:
            raise DomainError(M.WORKING_DAYS_RANGE.format(longest=LONGEST_SPAN, n=n))
        current, left = day, n
        while left:
            current += timedelta(days=1)
            if self.is_working(current):
                left -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Return how many working days fall in (start, end] (0 when end ≤ start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working(current)
        return count

    def missing_years(self, start: date, end: date) -> list[int]:
        """Return the years of [start, end] that have no holiday list on file, in order."""
        return [year for year in range(start.year, end.year + 1) if year not in self.years]


def calendar_of(holidays: pd.DataFrame) -> Calendar:
    """Return the Calendar of HOLIDAY_COLUMNS rows (kind DAY_OFF or WORKING_DAY); the input is not changed."""
    days_off = frozenset(d for d, k in zip(holidays["day"], holidays["kind"], strict=True) if k == DAY_OFF)
    working = frozenset(d for d, k in zip(holidays["day"], holidays["kind"], strict=True) if k == WORKING_DAY)
    return Calendar(days_off, working, frozenset(d.year for d in days_off))


def working_days_left(calendar: Calendar, as_of: date, due: Iterable[date]) -> list[int]:
    """Return, for each due date (a date, datetime or Timestamp), the working days from as_of to it ((as_of, due])."""
    return [calendar.working_days_between(as_of, d.date() if isinstance(d, datetime) else d) for d in due]
