"""Working days (issue #33) on hand-made dates: weekends, a holiday spanning a weekend, a compensatory working
Saturday, a year without a holiday list; the input frame is never changed."""

from datetime import date

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.workdays import DAY_OFF, WORKING_DAY, Calendar, calendar_of, working_days_left

# 2026 as shipped, in part: Tết Dương lịch 01/01 (Thu) and the swapped 02/01 (Fri) made up on Saturday 10/01;
# Tết Bính Ngọ 16–20/02 (Mon–Fri, between two weekends); Giỗ Tổ on Sunday 26/04 made up on Monday 27/04.
HOLIDAYS = pd.DataFrame({
    "day": [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 10), *(date(2026, 2, d) for d in range(16, 21)),
            date(2026, 4, 27)],
    "kind": [DAY_OFF, DAY_OFF, WORKING_DAY, *[DAY_OFF] * 5, DAY_OFF],
    "name": ["Tết Dương lịch", "Hoán đổi", "Làm bù", *["Tết Nguyên đán"] * 5, "Nghỉ bù Giỗ Tổ"],
})


@pytest.fixture
def calendar() -> Calendar:
    return calendar_of(HOLIDAYS)


def test_weekends_are_not_working_days(calendar):
    assert calendar.add_working_days(date(2026, 3, 5), 1) == date(2026, 3, 6)  # Thu → Fri
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri → Mon
    assert calendar.add_working_days(date(2026, 3, 6), 3) == date(2026, 3, 11)
    assert calendar.add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # from a Saturday


def test_a_holiday_spanning_two_weekends_is_skipped_whole(calendar):
    # Thu 12/02: Fri 13/02 is the 1st; 14/02–22/02 are off (weekend, Tết, weekend); Mon 23/02 the 2nd, Tue 24/02 the 3rd
    assert calendar.add_working_days(date(2026, 2, 12), 3) == date(2026, 2, 24)
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 22)) == 0
    assert calendar.working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3


def test_a_compensatory_saturday_is_worked_and_the_swapped_friday_is_not(calendar):
    assert not calendar.is_working(date(2026, 1, 2)) and calendar.is_working(date(2026, 1, 10))
    assert calendar.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)  # Fri → the Saturday worked
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)  # 2027 has no list: see below
    # Giỗ Tổ falls on Sunday 26/04; Monday 27/04 is off instead
    assert calendar.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_a_year_without_a_holiday_list_is_named(calendar):
    assert calendar.missing_years(date(2026, 12, 29), date(2027, 1, 4)) == [2027]
    assert calendar.missing_years(date(2026, 1, 1), date(2026, 12, 31)) == []
    assert Calendar().missing_years(date(2025, 6, 1), date(2026, 2, 1)) == [2025, 2026]


def test_working_days_left_counts_after_the_as_of_date(calendar):
    due = [date(2026, 4, 24), date(2026, 4, 25), date(2026, 4, 28), date(2026, 4, 29)]
    assert working_days_left(calendar, date(2026, 4, 24), due) == [0, 0, 1, 2]
    assert working_days_left(calendar, date(2026, 4, 24), pd.to_datetime(pd.Series(due))) == [0, 0, 1, 2]


def test_an_unreasonable_number_of_days_is_refused(calendar):
    for n in (0, -1, 367):
        with pytest.raises(DomainError, match="Số ngày làm việc phải từ 1 đến 366"):
            calendar.add_working_days(date(2026, 3, 5), n)


def test_calendar_of_should_not_side_effect():
    before = HOLIDAYS.copy(deep=True)
    calendar_of(HOLIDAYS)
    pd.testing.assert_frame_equal(HOLIDAYS, before)
