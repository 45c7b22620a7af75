"""The counting spec read as SQL (data_access/figures/counting_sql.py) equals the oracle on hand-made dossiers, on
SQLite and PostgreSQL; a figure declared once in metrics/counting.py is counted by SQL and by the rollup alike."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from data_access.figures.counting_sql import figure_expressions
from data_access.figures.dossier_queries import dossier_counts
from data_access.figures.rollup_queries import period_sums
from data_access.store.rollup import rebuild_rollup
from metrics.counting import FIGURES, Term
from metrics.dossiers import COUNT_COLUMNS
from metrics.periods import Period
from metrics.rollup import counts_from_daily, detail_months, last_month
from tests.data_access.helpers import read_dossier_rows, write_dossiers
from tests.metrics.fixtures import dossier_frame
from tests.oracle import count_dossiers

PERIODS = [Period(date(2024, 3, 1), date(2024, 3, 31)), Period(date(2024, 3, 6), date(2024, 3, 15)),
           Period(date(2024, 2, 21), date(2024, 3, 20)), Period(date(2024, 1, 1), date(2024, 4, 30)),
           Period(date(2024, 3, 16), date(2024, 3, 16))]
IN_PERSON = (Term(1, "period", "n_received"), Term(-1, "period", "n_received_online"),
             Term(-1, "period", "n_received_postal"))


def test_the_figures_bind_their_dates():
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        compiled = select(*figure_expressions(PERIODS[1])).compile(dialect=dialect)
        assert "2024" not in str(compiled) and date(2024, 3, 6) in compiled.params.values()


def test_sql_from_the_spec_counts_as_the_oracle(engine):
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
        rebuild_rollup(conn)  # the spec's SQL events
    with engine.connect() as conn:
        rows = read_dossier_rows(conn)
        for period in PERIODS:
            expected = count_dossiers(rows, period).iloc[0].to_dict()
            direct = dossier_counts(conn, period)[list(COUNT_COLUMNS)].iloc[0].to_dict()
            sums = period_sums(conn, months=detail_months([period]), until=last_month([period]))
            rolled = counts_from_daily(sums, period).iloc[0].to_dict()
            assert direct == expected, period
            assert rolled == expected, period


def test_a_figure_declared_once_is_counted_by_sql_and_by_the_rollup(engine, monkeypatch):
    monkeypatch.setitem(FIGURES, "received_in_person", IN_PERSON)
    with engine.begin() as conn:
        write_dossiers(conn, dossier_frame())
        rebuild_rollup(conn)
    period = PERIODS[0]
    with engine.connect() as conn:
        direct = dossier_counts(conn, period)
        sums = period_sums(conn, months=detail_months([period]), until=last_month([period]))
    assert int(direct["received_in_person"].iloc[0]) == 5  # D2 D3 D8 D10 D11, received in March in person
    assert counts_from_daily(sums, period)["received_in_person"].tolist() == [5]
