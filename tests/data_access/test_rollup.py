"""The rollup path (dossier_daily + metrics.rollup) equals the direct DOMAIN §3 computation, on SQLite and
PostgreSQL, for random data, filters and periods."""

import random
from datetime import date, timedelta

import pandas as pd

from data_access.dossier_queries import DossierFilter, dossier_counts
from data_access.rollup import daily_sums, rebuild_daily
from metrics.dossiers import COUNT_COLUMNS
from metrics.periods import Period
from metrics.rollup import counts_from_daily
from tests.data_access.helpers import random_dossiers, read_dossier_rows, write_dossiers
from tests.metrics.fixtures import MARCH_2024, dossier_frame
from tests.metrics.test_dossiers import EXPECTED_MARCH


def test_hand_made_march_through_the_rollup(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
        rebuild_daily(conn)
    with engine.connect() as conn:
        counts = counts_from_daily(daily_sums(conn), Period(*MARCH_2024))
    assert counts[list(COUNT_COLUMNS)].iloc[0].to_dict() == EXPECTED_MARCH


def test_rollup_equals_direct_counts_for_random_filters_and_periods(engine):
    rng = random.Random(11)
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(3))
        rows = rebuild_daily(conn)
    assert rows > 0
    with engine.connect() as conn:
        units = sorted(read_dossier_rows(conn)["unit_id"].unique().tolist())
        everything = daily_sums(conn)
        by_unit = daily_sums(conn, by="unit")
        for _ in range(15):
            start = date(2023, 12, 20) + timedelta(days=rng.randint(0, 200))
            period = Period(start, start + timedelta(days=rng.randint(0, 70)))
            direct = dossier_counts(conn, period)[list(COUNT_COLUMNS)].iloc[0].to_dict()
            assert counts_from_daily(everything, period).iloc[0].to_dict() == direct, period
            flt = DossierFilter(unit_ids=tuple(rng.sample(units, 2)), levels=("Xã",),
                                land_env_only=rng.random() < 0.5)
            rolled = counts_from_daily(daily_sums(conn, flt), period).iloc[0].to_dict()
            assert rolled == dossier_counts(conn, period, flt)[list(COUNT_COLUMNS)].iloc[0].to_dict(), (period, flt)
            grouped = counts_from_daily(by_unit, period, by="unit").set_index("unit")[list(COUNT_COLUMNS)]
            reference = dossier_counts(conn, period, by="unit").set_index("key")[list(COUNT_COLUMNS)]
            grouped = grouped.loc[(grouped != 0).any(axis=1)].sort_index()
            reference = reference.loc[(reference != 0).any(axis=1)].sort_index()
            pd.testing.assert_frame_equal(grouped, reference, check_names=False, check_index_type=False)


def test_counts_from_daily_should_not_side_effect(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
        rebuild_daily(conn)
    with engine.connect() as conn:
        daily = daily_sums(conn, by="unit")
    before = daily.copy(deep=True)
    counts_from_daily(daily, Period(*MARCH_2024), by="unit")
    pd.testing.assert_frame_equal(daily, before)
