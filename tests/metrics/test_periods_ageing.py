"""Reporting periods and overdue age buckets."""

from datetime import date

import pandas as pd
import pytest

from metrics.ageing import age_bucket, bucket_counts, due_date_bounds
from metrics.errors import DomainError
from metrics.periods import Period, month_ends, period_to_date, previous_period, same_period_week_before

AS_OF = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("kind", "start", "previous"),
    [
        ("week", date(2026, 11, 23), Period(date(2026, 11, 16), date(2026, 11, 22))),
        ("month", date(2026, 11, 1), Period(date(2026, 10, 1), date(2026, 10, 31))),
        ("quarter", date(2026, 10, 1), Period(date(2026, 7, 1), date(2026, 9, 30))),
        ("year", date(2026, 1, 1), Period(date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_period_to_date_and_previous(kind, start, previous):
    period = period_to_date(kind, AS_OF)
    assert period == Period(start, AS_OF)
    assert previous_period(kind, period) == previous


def test_custom_period_and_its_previous_span():
    period = period_to_date("custom", AS_OF, custom_start=date(2026, 11, 16))
    assert period.days == 10
    assert previous_period("custom", period) == Period(date(2026, 11, 6), date(2026, 11, 15))
    with pytest.raises(DomainError):
        period_to_date("custom", AS_OF)


def test_week_before_keeps_the_kind():
    month = period_to_date("month", AS_OF)
    assert same_period_week_before("month", month) == Period(date(2026, 11, 1), date(2026, 11, 18))
    week_start_sunday = period_to_date("week", AS_OF, week_starts_on=6)
    assert week_start_sunday.start == date(2026, 11, 22)


def test_unknown_kind_and_reversed_period_raise():
    with pytest.raises(DomainError, match="fortnight"):
        period_to_date("fortnight", AS_OF)
    with pytest.raises(DomainError):
        Period(date(2026, 2, 2), date(2026, 2, 1))


def test_month_ends_oldest_first():
    months = month_ends(date(2026, 3, 15), 3)
    assert months == [
        Period(date(2026, 1, 1), date(2026, 1, 31)),
        Period(date(2026, 2, 1), date(2026, 2, 28)),
        Period(date(2026, 3, 1), date(2026, 3, 15)),
    ]


def test_age_buckets_edges():
    assert [age_bucket(v) for v in (0, 1, 5, 6, 15, 16, 30, 31, 400, None)] == [
        None, "1-5", "1-5", "6-15", "6-15", "16-30", "16-30", ">30", ">30", None]
    counts = bucket_counts(pd.Series([1, 5, 31, 0]))
    assert counts["count"].tolist() == [2, 0, 0, 1]


def test_due_date_bounds_match_buckets():
    bounds = dict((k, (lo, hi)) for k, lo, hi in due_date_bounds(date(2024, 3, 31)))
    assert bounds["1-5"] == (date(2024, 3, 26), date(2024, 3, 30))
    assert bounds["6-15"] == (date(2024, 3, 16), date(2024, 3, 25))
    assert bounds[">30"] == (None, date(2024, 2, 29))


def test_months_since_counts_both_months_and_keeps_a_minimum():
    from metrics.periods import months_since

    assert months_since(date(2025, 4, 1), date(2026, 12, 2), 12) == 21  # April 2025 … December 2026
    assert months_since(date(2025, 4, 1), date(2025, 6, 30), 12) == 12


@pytest.mark.parametrize(("kind", "period", "compared"), [
    # week to date (weeks start on Monday): the same days of the previous week
    ("week", Period(date(2026, 11, 23), date(2026, 11, 25)), Period(date(2026, 11, 16), date(2026, 11, 18))),
    # month to date: the previous month from its first day to the same day number, clamped to its end
    ("month", Period(date(2026, 12, 1), date(2026, 12, 5)), Period(date(2026, 11, 1), date(2026, 11, 5))),
    ("month", Period(date(2026, 3, 1), date(2026, 3, 31)), Period(date(2026, 2, 1), date(2026, 2, 28))),
    ("month", Period(date(2024, 3, 1), date(2024, 3, 31)), Period(date(2024, 2, 1), date(2024, 2, 29))),  # leap
    ("month", Period(date(2026, 5, 1), date(2026, 5, 31)), Period(date(2026, 4, 1), date(2026, 4, 30))),
    ("month", Period(date(2026, 1, 1), date(2026, 1, 30)), Period(date(2025, 12, 1), date(2025, 12, 30))),
    # quarter to date: the previous quarter's same number of elapsed days (never past its end)
    ("quarter", Period(date(2026, 1, 1), date(2026, 1, 5)), Period(date(2025, 10, 1), date(2025, 10, 5))),
    ("quarter", Period(date(2026, 4, 1), date(2026, 5, 15)), Period(date(2026, 1, 1), date(2026, 2, 14))),
    ("quarter", Period(date(2026, 7, 1), date(2026, 9, 30)), Period(date(2026, 4, 1), date(2026, 6, 30))),
    # year to date: the same dates of the previous year (29/02 → 28/02)
    ("year", Period(date(2026, 1, 1), date(2026, 12, 5)), Period(date(2025, 1, 1), date(2025, 12, 5))),
    ("year", Period(date(2024, 1, 1), date(2024, 2, 29)), Period(date(2023, 1, 1), date(2023, 2, 28))),
    # the rolling 28 days: the same length ending a week earlier
    ("28d", Period(date(2026, 11, 8), date(2026, 12, 5)), Period(date(2026, 11, 1), date(2026, 11, 28))),
    # a custom window: the window of equal length just before it
    ("custom", Period(date(2026, 11, 16), date(2026, 11, 25)), Period(date(2026, 11, 6), date(2026, 11, 15))),
])
def test_each_kind_is_compared_like_for_like(kind, period, compared):
    from metrics.periods import comparable_period

    assert comparable_period(kind, period) == compared


def test_the_rolling_28_days():
    assert period_to_date("28d", date(2026, 12, 5)) == Period(date(2026, 11, 8), date(2026, 12, 5))
    assert period_to_date("28d", date(2024, 3, 1)) == Period(date(2024, 2, 3), date(2024, 3, 1))
    assert period_to_date("28d", date(2026, 12, 5)).days == 28


@pytest.mark.parametrize(("period", "window", "compared"), [
    # the first days of a month: three months back, compared with the same window a week earlier
    (Period(date(2026, 12, 1), date(2026, 12, 5)), Period(date(2026, 9, 6), date(2026, 12, 5)),
     Period(date(2026, 8, 30), date(2026, 11, 28))),
    (Period(date(2026, 5, 1), date(2026, 5, 31)), Period(date(2026, 3, 1), date(2026, 5, 31)),  # 28/02 + 1 day
     Period(date(2026, 2, 22), date(2026, 5, 24))),
    (Period(date(2024, 5, 1), date(2024, 5, 30)), Period(date(2024, 3, 1), date(2024, 5, 30)),  # 29/02 + 1 day
     Period(date(2024, 2, 23), date(2024, 5, 23))),
    # a period that reaches three months back is counted as it is (its own comparison applies)
    (Period(date(2026, 1, 1), date(2026, 12, 5)), Period(date(2026, 1, 1), date(2026, 12, 5)), None),
    (Period(date(2026, 9, 6), date(2026, 12, 5)), Period(date(2026, 9, 6), date(2026, 12, 5)), None),
])
def test_the_scorecard_counts_at_least_three_months(period, window, compared):
    from metrics.periods import scorecard_window

    assert scorecard_window(period, 3) == (window, compared)
    assert scorecard_window(period, 0) == (period, None)
