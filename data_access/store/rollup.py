"""Maintenance of the rollups `dossier_daily` and `dossier_monthly` (see metrics/rollup.py for what they hold).

Three ways in, all inside the caller's transaction:
- `write_rollup`: rows computed in pandas (metrics.rollup.daily_events) while a demo or a first import is
  still in memory, into empty rollups;
- `apply_changes`: for an import into existing data, the contributions of the touched dossiers are taken out
  before the merge and put back after it (upserts that add to the stored sums);
- `rebuild_rollup`: recomputed from every dossier in SQL (after a migration, or on request).
"""

import pandas as pd
from sqlalchemy import (
    Connection,
    MetaData,
    Select,
    Table,
    delete,
    func,
    insert,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from data_access.figures.counting_sql import event_selects
from data_access.importing.staging import load
from data_access.store.schema import dossier_daily, dossier_monthly, dossiers, rollup_columns
from data_access.store.sql_dates import month_start
from metrics.rollup import DAILY_COUNTERS, EVENT_COLUMNS, ROLLUP_KEYS, daily_events, sum_events

d = dossiers.c
KEYS = ROLLUP_KEYS


def build_events(only: ColumnElement | None = None) -> Select:
    """Return the UNION ALL of the events of the dossiers matching `only` (all when None), one row per event
    (the rules: metrics/counting.py)."""
    return union_all(*event_selects(true() if only is None else only)).subquery("events")


def _summed(events, sign: int = 1) -> Select:
    keys = [events.c.day, *[events.c[k] for k in KEYS]]
    return select(*keys, *[(func.sum(events.c[name]) * sign).label(name) for name in DAILY_COUNTERS]).where(
        true()).group_by(*keys)


def _monthly_from(table: Table) -> Select:
    month = month_start(table.c.day)
    keys = [table.c[k] for k in KEYS]
    return select(month.label("month"), *keys, *[func.sum(table.c[n]).label(n) for n in DAILY_COUNTERS]).where(
        true()).group_by(month, *keys)


COLUMNS = ["day", *KEYS, *DAILY_COUNTERS]
MONTH_COLUMNS = ["month", *KEYS, *DAILY_COUNTERS]


def rebuild_rollup(conn: Connection) -> int:
    """Recompute both rollups from every dossier in SQL; return the number of daily rows."""
    conn.execute(delete(dossier_daily))
    conn.execute(delete(dossier_monthly))
    conn.execute(insert(dossier_daily).from_select(COLUMNS, _summed(build_events())))
    conn.execute(insert(dossier_monthly).from_select(MONTH_COLUMNS, _monthly_from(dossier_daily)))
    return conn.execute(select(func.count()).select_from(dossier_daily)).scalar_one()


class RollupAccumulator:
    """Sums the rollup rows of dossiers seen chunk by chunk (memory stays at about one rollup's size)."""

    def __init__(self, parts_kept: int = 16) -> None:
        self.parts: list[pd.DataFrame] = []
        self.dossiers = 0
        self.parts_kept = parts_kept  # partial sums kept before they are summed together (memory against time)

    def add(self, dossier_rows: pd.DataFrame | dict[str, list]) -> None:
        """Add the events of some dossiers (a frame or a dict of columns with EVENT_COLUMNS)."""
        frame = pd.DataFrame(dossier_rows) if isinstance(dossier_rows, dict) else dossier_rows
        if len(frame) == 0:
            return
        self.dossiers += len(frame)
        self.parts.append(daily_events(frame[list(EVENT_COLUMNS)], dates=False))
        if len(self.parts) >= self.parts_kept:
            self.parts = [sum_events(pd.concat(self.parts, ignore_index=True), dates=False)]

    def total(self) -> pd.DataFrame:
        """Return the summed rollup rows of everything added."""
        if not self.parts:
            return pd.DataFrame(columns=COLUMNS)
        return sum_events(pd.concat(self.parts, ignore_index=True))


def write_rollup(conn: Connection, rows: pd.DataFrame) -> int:
    """Replace both rollups with rows from metrics.rollup.daily_events / sum_events; return their number."""
    conn.execute(delete(dossier_daily))
    conn.execute(delete(dossier_monthly))
    records = {name: rows[name].tolist() for name in COLUMNS}
    load(conn, dossier_daily, records)
    conn.execute(insert(dossier_monthly).from_select(MONTH_COLUMNS, _monthly_from(dossier_daily)))
    return len(rows)


def _delta_table() -> Table:
    return Table("rollup_delta", MetaData(), *rollup_columns("day"), prefixes=["TEMPORARY"])


def _upsert(conn: Connection, table: Table, columns: list[str], rows: Select) -> None:
    dialect = {"sqlite": sqlite, "postgresql": postgresql}[conn.dialect.name]
    statement = dialect.insert(table).from_select(columns, rows)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c[columns[0]], *[table.c[k] for k in KEYS]],
        set_={name: table.c[name] + statement.excluded[name] for name in DAILY_COUNTERS})
    conn.execute(statement)


def add_contributions(conn: Connection, only: ColumnElement, sign: int) -> None:
    """Add (sign 1) or take out (sign −1) the events of the dossiers matching `only` in both rollups."""
    delta = _delta_table()
    delta.drop(conn, checkfirst=True)
    delta.create(conn)
    conn.execute(insert(delta).from_select(COLUMNS, _summed(build_events(only), sign)))
    if conn.execute(select(delta.c.day).limit(1)).first() is not None:
        _upsert(conn, dossier_daily, COLUMNS, select(*[delta.c[c] for c in COLUMNS]).where(true()))
        _upsert(conn, dossier_monthly, MONTH_COLUMNS, _monthly_from(delta))
        for table in (dossier_daily, dossier_monthly):
            conn.execute(delete(table).where(*[table.c[name] == 0 for name in DAILY_COUNTERS]))
    delta.drop(conn)


def rollup_is_missing(conn: Connection) -> bool:
    """Return True when there are dossiers but no rollup rows (after a migration that emptied it)."""
    has_dossiers = conn.execute(select(d.id).limit(1)).first() is not None
    return has_dossiers and conn.execute(select(dossier_daily.c.id).limit(1)).first() is None
