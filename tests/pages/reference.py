"""Independent reference figures for page tests: metrics applied to raw rows read from the database."""

import pandas as pd
from sqlalchemy import create_engine

from config.settings import load_settings
from data_access.index_queries import load_index_results
from data_access.reference import list_units
from data_access.task_queries import load_tasks
from metrics.dossiers import count_dossiers, dossier_rates, totals_row
from metrics.periods import Period
from metrics.scorecard import assemble_scorecard, score_table
from metrics.tasks import classify_tasks, open_overdue_by
from tests.data_access.helpers import read_dossier_rows


class Reference:
    """Raw rows of one database and the metrics computed on them."""

    def __init__(self, url: str) -> None:
        engine = create_engine(url)
        with engine.connect() as conn:
            self.rows = read_dossier_rows(conn)
            self.tasks = load_tasks(conn)
            self.units = list_units(conn)
            self.indexes = load_index_results(conn)
        engine.dispose()

    def totals(self, period: Period, **where) -> dict:
        rows = self.rows
        for column, values in where.items():
            rows = rows.loc[rows[column].isin(values)] if isinstance(values, list | tuple) else \
                rows.loc[rows[column] == values]
        return totals_row(count_dossiers(rows, period))

    def classified_tasks(self, as_of) -> pd.DataFrame:
        return classify_tasks(self.tasks.loc[self.tasks["doc_date"] <= pd.Timestamp(as_of)], as_of)

    def scorecard(self, period: Period) -> pd.DataFrame:
        rows = self.rows.loc[self.rows["unit_id"].notna()]
        rates = dossier_rates(count_dossiers(rows, period, by="unit_id")).rename(columns={"unit_id": "key"})
        tasks = open_overdue_by(self.classified_tasks(period.end), "lead_unit_id").rename(
            columns={"lead_unit_id": "unit_id"})
        table = assemble_scorecard(rates, tasks, self.units)
        return score_table(table, load_settings().scorecard_specs, key="unit_id")
