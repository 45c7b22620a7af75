"""SQL aggregates equal DOMAIN §3 as computed by metrics, on SQLite and PostgreSQL."""

import random
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy.dialects import postgresql, sqlite

from data_access.figures.dossier_queries import (
    DossierFilter,
    build_counts_query,
    dossier_counts,
)
from data_access.store.schema import units
from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.periods import Period, month_ends
from tests.data_access.helpers import dossier_series, random_dossiers, read_dossier_rows, write_dossiers
from tests.metrics.fixtures import MARCH_2024, dossier_frame
from tests.metrics.test_dossiers import EXPECTED_MARCH
from tests.oracle import count_dossiers

MARCH = Period(*MARCH_2024)


def test_query_builder_binds_every_value_and_needs_no_database():
    flt = DossierFilter(agency_ids=(3, 4), levels=("Huyện",), unit_ids=(7,), land_env_only=True)
    query = build_counts_query(MARCH, flt, by="unit")
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        compiled = query.compile(dialect=dialect)
        sql = str(compiled)
        assert "2024-03" not in sql and "Huyện" not in sql  # values are parameters, not SQL text
        assert date(2024, 3, 1) in compiled.params.values() and date(2024, 3, 31) in compiled.params.values()
        assert "GROUP BY" in sql
    with pytest.raises(DomainError):
        build_counts_query(MARCH, by="applicant")


def test_hand_made_counts_in_sql(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
    with engine.connect() as conn:
        total = dossier_counts(conn, MARCH)
        assert total[list(COUNT_COLUMNS)].iloc[0].to_dict() == EXPECTED_MARCH
        by_unit = dossier_counts(conn, MARCH, by="unit").set_index("name")
        assert by_unit.loc["Huyện B", "overdue_land_env"] == 3 and by_unit.loc["Huyện A", "received"] == 6
        unit_b = conn.execute(units.select().where(units.c.name == "Huyện B")).mappings().one()["id"]
        only_b = dossier_counts(conn, MARCH, DossierFilter(unit_ids=(unit_b,))).iloc[0]
        assert only_b["carried_over"] == 3 and only_b["received"] == 2
        land = dossier_counts(conn, MARCH, DossierFilter(land_env_only=True)).iloc[0]
        assert land["overdue_total"] == 3 and land["overdue_land_env"] == 3


def test_series_matches_per_period_counts(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
    months = month_ends(date(2024, 4, 15), 4)
    with engine.connect() as conn:
        series = dossier_series(conn, months)
        assert series["period_start"].tolist() == [m.start for m in months]
        for row, month in zip(series.to_dict("records"), months, strict=True):
            single = dossier_counts(conn, month).iloc[0]
            assert {c: row[c] for c in COUNT_COLUMNS} == {c: single[c] for c in COUNT_COLUMNS}


def test_sql_equals_metrics_on_random_data(engine):
    """Random dossiers, random periods and filters: SQL and metrics must agree exactly."""
    rng = random.Random(7)
    frame = random_dossiers(7, n=400)
    with engine.begin() as conn:
        write_dossiers(conn, frame)
    with engine.connect() as conn:
        raw = read_dossier_rows(conn)
        unit_ids = sorted(raw["unit_id"].unique().tolist())
        for _ in range(12):
            start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 160))
            period = Period(start, start + timedelta(days=rng.randint(0, 60)))
            chosen = tuple(rng.sample(unit_ids, rng.randint(0, 2)))
            land = rng.random() < 0.3
            subset = raw
            if chosen:
                subset = subset.loc[subset["unit_id"].isin(chosen)]
            if land:
                subset = subset.loc[subset["land_env"]]
            sql = dossier_counts(conn, period, DossierFilter(unit_ids=chosen, land_env_only=land))
            expected = count_dossiers(subset, period)
            assert sql[list(COUNT_COLUMNS)].iloc[0].to_dict() == expected.iloc[0].to_dict(), (period, chosen, land)
            grouped = dossier_counts(conn, period, by="unit").set_index("key")[list(COUNT_COLUMNS)]
            reference = count_dossiers(raw, period, by="unit_id").set_index("unit_id")[list(COUNT_COLUMNS)]
            reference = reference.loc[(reference > 0).any(axis=1)]
            grouped = grouped.loc[(grouped > 0).any(axis=1)]
            pd.testing.assert_frame_equal(grouped.sort_index(), reference.sort_index(), check_names=False,
                                          check_index_type=False)
