"""Overdue-only breakdowns (procedure, agency holding the dossier, age) equal the full DOMAIN §3 counts, on
SQLite and PostgreSQL."""

import random
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy.dialects import postgresql, sqlite

from data_access.figures.dossier_queries import DossierFilter, dossier_counts
from data_access.figures.overdue_queries import OVERDUE_COLUMNS, build_overdue_query, overdue_ageing, overdue_counts
from metrics.ageing import bucket_counts
from metrics.errors import DomainError
from metrics.periods import Period
from tests.data_access.helpers import random_dossiers, read_dossier_rows, write_dossiers
from tests.metrics.fixtures import dossier_frame


def test_overdue_query_binds_values_and_allows_two_groupings():
    query = build_overdue_query(Period(date(2024, 3, 1), date(2024, 3, 31)), DossierFilter(levels=("Xã",)))
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        compiled = query.compile(dialect=dialect)
        assert "2024" not in str(compiled) and "Xã" not in str(compiled)
    with pytest.raises(DomainError):
        build_overdue_query(Period(date(2024, 3, 1), date(2024, 3, 31)), by="unit")


def test_ageing_hand_made(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
    with engine.connect() as conn:
        ageing = overdue_ageing(conn, date(2024, 3, 31)).set_index("bucket")["count"].to_dict()
    # D8 due 20/3 → 11 days, D10 due 25/3 → 6 days, D13 due 20/1 → 71 days
    assert ageing == {"1-5": 0, "6-15": 2, "16-30": 0, ">30": 1}


def test_overdue_breakdowns_equal_full_counts_for_random_periods_and_filters(engine):
    rng = random.Random(5)
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(21))
    with engine.connect() as conn:
        rows = read_dossier_rows(conn)
        for _ in range(10):
            start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 150))
            period = Period(start, start + timedelta(days=rng.randint(0, 60)))
            flt = rng.choice([DossierFilter(), DossierFilter(land_env_only=True), DossierFilter(levels=("Xã",))])
            for by in ("procedure", "current_agency"):
                mine = overdue_counts(conn, period, flt, by).set_index("key")[list(OVERDUE_COLUMNS)]
                full = dossier_counts(conn, period, flt, by).set_index("key")[list(OVERDUE_COLUMNS)]
                full = full.loc[full["overdue_total"] > 0]
                pd.testing.assert_frame_equal(mine.sort_index(), full.sort_index(), check_dtype=False,
                                              check_index_type=False, obj=f"{by} {period} {flt}")
            as_of = period.end
            open_at = rows.loc[(rows["received_on"] <= as_of)
                               & (rows["result_on"].isna() | (rows["result_on"] > as_of))
                               & (rows["due_on"] < as_of)]
            expected = bucket_counts(open_at["due_on"].map(lambda d, a=as_of: (a - d).days))
            mine = overdue_ageing(conn, as_of)
            assert mine.set_index("bucket")["count"].to_dict() == expected.set_index("bucket")["count"].to_dict()
