"""Headline indicators: value, change against a comparison, status, and who is accountable."""

from dataclasses import dataclass

import pandas as pd

from metrics.errors import DomainError
from metrics.scorecard import IndicatorSpec, rag_status
from texts import messages as M


@dataclass(frozen=True)
class KpiValue:
    """One indicator's value, its comparison value, the change and its red/amber/green status."""

    key: str
    value: float | None
    previous: float | None
    change: float | None
    status: str


def _number(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def kpi(key: str, value: float | None, previous: float | None, spec: IndicatorSpec) -> KpiValue:
    """Return a KpiValue; the change is value − previous, None when either is missing."""
    value, previous = _number(value), _number(previous)
    change = None if value is None or previous is None else value - previous
    return KpiValue(key, value, previous, change, rag_status(value, spec))


def most(table: pd.DataFrame, column: str, name: str = "name") -> tuple[str, float] | None:
    """Return (name, value) of the row with the largest positive `column`, or None when all are 0."""
    if column not in table.columns or name not in table.columns:
        raise DomainError(M.MISSING_EITHER_COLUMN.format(column=column, other=name))
    rows = table.loc[table[column].fillna(0) > 0]
    if rows.empty:
        return None
    row = rows.sort_values([column, name], ascending=[False, True], kind="stable").iloc[0]
    return str(row[name]), float(row[column])


def lowest(table: pd.DataFrame, column: str, base: str, min_base: int, name: str = "name") -> tuple[str, float] | None:
    """Return (name, value) of the row with the smallest `column` among rows whose `base` ≥ min_base."""
    for needed in (column, base, name):
        if needed not in table.columns:
            raise DomainError(M.MISSING_COLUMN.format(column=needed))
    rows = table.loc[(table[base] >= min_base) & table[column].notna()]
    if rows.empty:
        return None
    row = rows.sort_values([column, name], ascending=[True, True], kind="stable").iloc[0]
    return str(row[name]), float(row[column])


def rank_change(rank: int | None, previous_rank: int | None) -> int | None:
    """Return how many places a rank moved up (positive) or down (negative); None without both ranks."""
    if rank is None or previous_rank is None:
        return None
    return int(previous_rank) - int(rank)


def top_n(table: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """Return the n rows with the largest positive `column`, largest first."""
    if column not in table.columns:
        raise DomainError(M.MISSING_COLUMN.format(column=column))
    if n < 1:
        raise DomainError(M.N_AT_LEAST_ONE)
    rows = table.loc[table[column].fillna(0) > 0]
    return rows.sort_values(column, ascending=False, kind="stable").head(n).reset_index(drop=True)
