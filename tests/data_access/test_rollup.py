"""The rollup path (dossier_daily + dossier_monthly + metrics.rollup) equals the direct DOMAIN §3 computation, on
SQLite and PostgreSQL, for random data, filters, groupings and periods; pandas and SQL build the same rollup; and
imports keep it exact."""

import random
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from data_access.figures.dossier_queries import NO_FILTER, DossierFilter, dossier_counts
from data_access.figures.rollup_queries import build_sums_query, dimension_names, period_sums
from data_access.store.rollup import RollupAccumulator, add_contributions, rebuild_rollup, write_rollup
from data_access.store.schema import dossier_daily, dossier_monthly, dossiers
from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.periods import Period, month_ends
from metrics.rollup import (
    DAILY_COUNTERS,
    active_groups,
    counts_from_daily,
    daily_events,
    detail_months,
    label_groups,
    last_month,
    narrow_sums,
    period_counts,
    series_from_daily,
)
from tests.data_access.helpers import (
    daily_rollup_rows,
    dossier_series,
    random_dossiers,
    read_dossier_rows,
    write_dossiers,
)
from tests.metrics.fixtures import MARCH_2024, dossier_frame
from tests.metrics.test_dossiers import EXPECTED_MARCH

MARCH = Period(*MARCH_2024)
KEYS = ["day", "agency_id", "field_id", "unit_id", "level"]


def _rolled(conn, period: Period, flt=NO_FILTER, by=None) -> pd.DataFrame:
    sums = period_sums(conn, flt, by, detail_months([period]), last_month([period]))
    return counts_from_daily(sums, period, by)


def _table(conn, table, day="day") -> pd.DataFrame:
    rows = conn.execute(select(table.c[day].label("day"), *[table.c[k] for k in KEYS[1:]],
                               *[table.c[n] for n in DAILY_COUNTERS])).fetchall()
    frame = pd.DataFrame(rows, columns=KEYS + list(DAILY_COUNTERS))
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    return frame.sort_values(KEYS).reset_index(drop=True).astype({n: "int64" for n in DAILY_COUNTERS})


def test_sums_query_binds_values_and_needs_no_database():
    query = build_sums_query(DossierFilter(unit_ids=(7,), levels=("Huyện",)), "agency",
                             (date(2024, 3, 1),), date(2024, 3, 1))
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        compiled = query.compile(dialect=dialect)
        assert "Huyện" not in str(compiled) and "2024" not in str(compiled)
        assert ["Huyện"] in compiled.params.values() and date(2024, 3, 31) in compiled.params.values()
    with pytest.raises(DomainError):
        build_sums_query(by="procedure")


def test_hand_made_march_through_the_rollup(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
        rebuild_rollup(conn)
    with engine.connect() as conn:
        counts = _rolled(conn, MARCH)
    assert counts[list(COUNT_COLUMNS)].iloc[0].to_dict() == EXPECTED_MARCH


def test_pandas_events_equal_the_sql_rollup(engine):
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(5))
        rebuild_rollup(conn)
    with engine.connect() as conn:
        in_sql = _table(conn, dossier_daily)
        in_pandas = daily_events(read_dossier_rows(conn))
        monthly = _table(conn, dossier_monthly, "month")
    in_pandas = in_pandas.sort_values(KEYS).reset_index(drop=True)
    pd.testing.assert_frame_equal(in_pandas, in_sql, check_dtype=False)
    assert monthly["n_received"].sum() == 500 and set(monthly["day"].map(lambda d: d.day)) == {1}
    assert (monthly[list(DAILY_COUNTERS)].sum() == in_sql[list(DAILY_COUNTERS)].sum()).all()


def test_rollup_equals_direct_counts_for_random_filters_groupings_and_periods(engine):
    rng = random.Random(11)
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(3))
        accumulator = RollupAccumulator()
        rows = read_dossier_rows(conn)
        for offset in range(0, len(rows), 120):  # in chunks, as the demo and the importer do
            accumulator.add(rows.iloc[offset:offset + 120])
        write_rollup(conn, accumulator.total())
    with engine.connect() as conn:
        units = sorted(read_dossier_rows(conn)["unit_id"].unique().tolist())
        for _ in range(12):
            start = date(2023, 12, 20) + timedelta(days=rng.randint(0, 200))
            period = Period(start, start + timedelta(days=rng.randint(0, 70)))
            direct = dossier_counts(conn, period)[list(COUNT_COLUMNS)].iloc[0].to_dict()
            assert _rolled(conn, period).iloc[0].to_dict() == direct, period
            flt = DossierFilter(unit_ids=tuple(rng.sample(units, 2)), levels=("Xã",),
                                land_env_only=rng.random() < 0.5)
            rolled = _rolled(conn, period, flt).iloc[0].to_dict()
            assert rolled == dossier_counts(conn, period, flt)[list(COUNT_COLUMNS)].iloc[0].to_dict(), (period, flt)
            by = rng.choice(["unit", "agency", "field", "level"])
            grouped = label_groups(active_groups(_rolled(conn, period, by=by)), dimension_names(conn, by), by)
            reference = dossier_counts(conn, period, by=by)
            columns = ["key", "name", *COUNT_COLUMNS]
            pd.testing.assert_frame_equal(grouped[columns].set_index("key").sort_index(),
                                          reference[columns].set_index("key").sort_index(),
                                          check_dtype=False, check_index_type=False)


def test_month_boundaries_and_series(engine):
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(8))
        rebuild_rollup(conn)
    periods = month_ends(date(2024, 5, 17), 5)
    assert detail_months(periods) == (date(2024, 5, 1),)
    assert detail_months([Period(date(2024, 2, 1), date(2024, 3, 31))]) == ()
    assert detail_months([Period(date(2024, 2, 2), date(2024, 2, 29))]) == (date(2024, 2, 1),)
    with engine.connect() as conn:
        sums = period_sums(conn, months=detail_months(periods), until=last_month(periods))
        rolled = series_from_daily(sums, periods)
        direct = dossier_series(conn, periods)
        assert len(sums) < daily_rollup_rows(conn)  # whole months are read as one row each
        for day in (date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 31)):  # first and last days of months
            for period in (Period(day, day), Period(date(2024, 1, 1), day), Period(day, date(2024, 4, 30))):
                expected = dossier_counts(conn, period)[list(COUNT_COLUMNS)].iloc[0].to_dict()
                assert _rolled(conn, period).iloc[0].to_dict() == expected, period
    pd.testing.assert_frame_equal(rolled, direct, check_dtype=False)


def test_changes_applied_incrementally_equal_a_rebuild(engine):
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(4, 300))
        rebuild_rollup(conn)
        changed = dossiers.c.code.in_(["R1", "R2", "R3", "R50", "R77"])
        add_contributions(conn, changed, -1)
        conn.execute(update(dossiers).where(changed).values(result_on=date(2024, 6, 30), ended=False,
                                                            apology=True))
        add_contributions(conn, changed, 1)
        incremental = _table(conn, dossier_daily), _table(conn, dossier_monthly, "month")
        rebuild_rollup(conn)
        rebuilt = _table(conn, dossier_daily), _table(conn, dossier_monthly, "month")
    for mine, reference in zip(incremental, rebuilt, strict=True):
        pd.testing.assert_frame_equal(mine, reference)


def test_rollup_functions_should_not_side_effect(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
        rebuild_rollup(conn)
    with engine.connect() as conn:
        sums = period_sums(conn, by="unit")
        names = dimension_names(conn, "unit")
        rows = read_dossier_rows(conn)
    before = sums.copy(deep=True), names.copy(deep=True), rows.copy(deep=True)
    counts = counts_from_daily(sums, MARCH, by="unit")
    counts_before = counts.copy(deep=True)
    labelled = label_groups(active_groups(counts), names, "unit")
    pd.testing.assert_frame_equal(period_counts(sums, MARCH, "unit", names), labelled)
    narrow_sums(sums, land_env_only=True, column="unit", values=(1,), drop=True)
    daily_events(rows)
    series_from_daily(sums, [MARCH])
    pd.testing.assert_frame_equal(sums, before[0])
    pd.testing.assert_frame_equal(names, before[1])
    pd.testing.assert_frame_equal(rows, before[2])
    pd.testing.assert_frame_equal(counts, counts_before)
