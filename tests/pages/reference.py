"""Independent reference figures for page tests: metrics applied to raw rows read from the database."""

import pandas as pd
from sqlalchemy import create_engine

from config.settings import load_settings
from data_access.figures.index_queries import load_index_results
from data_access.figures.task_queries import load_tasks
from data_access.reference.lookup import list_units
from data_access.reference.territory import list_unit_lineage
from metrics.dossiers import dossier_rates, totals_row
from metrics.periods import Period
from metrics.scorecard import assemble_scorecard, score_table
from metrics.tasks import classify_tasks, open_overdue_by
from metrics.territory import attribution, units_in_force
from tests.data_access.helpers import read_dossier_rows
from tests.oracle import count_dossiers


class Reference:
    """Raw rows of one database and the metrics computed on them."""

    def __init__(self, url: str) -> None:
        engine = create_engine(url)
        with engine.connect() as conn:
            self.rows = read_dossier_rows(conn)
            self.tasks = load_tasks(conn)
            self.units = list_units(conn)
            self.lineage = list_unit_lineage(conn)
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
        """The scorecard of the units in force at the period's end, from raw rows: each dossier's unit replaced by
        the unit it counts for (whole predecessors), too few dossiers → not ranked."""
        settings = load_settings()
        mapping = attribution(self.units, self.lineage, period.end)
        shown = units_in_force(self.units, period.end)
        rows = self.rows.assign(shown=self.rows["unit_id"].map(lambda u: None if pd.isna(u) else mapping.get(int(u))))
        rows = rows.loc[rows["shown"].isin(shown["id"])]
        rates = dossier_rates(count_dossiers(rows, period, by="shown")).rename(columns={"shown": "key"})
        tasks = self.classified_tasks(period.end)
        tasks = tasks.assign(lead_unit_id=tasks["lead_unit_id"].map(
            lambda u: mapping.get(int(u)) if pd.notna(u) and isinstance(mapping.get(int(u)), int) else None))
        overdue = open_overdue_by(tasks, "lead_unit_id").rename(columns={"lead_unit_id": "unit_id"})
        table = assemble_scorecard(rates, overdue, shown)
        scored = score_table(table, settings.scorecard_specs, key="unit_id")
        few = (scored["received"].fillna(0) + scored["carried_over"].fillna(0)) < settings.min_dossiers
        scored.loc[few, "composite"] = float("nan")
        scored["rank"] = scored["composite"].rank(ascending=False, method="min")
        return scored.sort_values(["rank", "unit_id"], na_position="last", kind="stable").reset_index(drop=True)
