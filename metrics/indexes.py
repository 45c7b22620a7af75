"""Index results over time (PAR INDEX, SIPAS, PAPI, PCI, 766): ranks, scores and components.

An index frame has: index_name, period, province, score, rank, n_ranked, component (blank = total),
max_points, source, is_demo.
"""

import re
from datetime import date

import pandas as pd

from metrics.errors import DomainError
from metrics.text import fold_each, fold_key
from texts import messages as M

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)


def period_start(period: str) -> date:
    """Return the first day of a period written as 2024, 2024-03, 2024-Q1 or 2024-W03."""
    text = str(period).strip()
    if m := _YEAR.match(text):
        return date(int(m[1]), 1, 1)
    if m := _MONTH.match(text):
        return date(int(m[1]), int(m[2]), 1)
    if m := _QUARTER.match(text):
        return date(int(m[1]), 3 * (int(m[2]) - 1) + 1, 1)
    if m := _WEEK.match(text):
        return date.fromisocalendar(int(m[1]), int(m[2]), 1)
    raise DomainError(M.INDEX_PERIOD_UNREADABLE.format(period=period))


def period_kind(period: str) -> str:
    """Return 'year', 'month', 'quarter' or 'week' for a period string."""
    text = str(period).strip()
    for kind, pattern in (("year", _YEAR), ("month", _MONTH), ("quarter", _QUARTER), ("week", _WEEK)):
        if pattern.match(text):
            return kind
    raise DomainError(M.PERIOD_UNREADABLE.format(period=period))


def _province_rows(results: pd.DataFrame, province: str, index_name: str) -> pd.DataFrame:
    province_key = fold_key(province)
    mask = (results["province"].pipe(fold_each) == province_key) & (results["index_name"] == index_name)
    return results.loc[mask].copy()


def rank_series(results: pd.DataFrame, province: str, index_name: str) -> pd.DataFrame:
    """Return the province's totals for one index, oldest first, with period_date and rank_share added."""
    rows = _province_rows(results, province, index_name)
    rows = rows.loc[rows["component"].isna() | (rows["component"].astype("string").str.strip() == "")]
    rows["period_date"] = pd.to_datetime(rows["period"].map(period_start))
    rows["rank_share"] = rows["rank"] / rows["n_ranked"]
    return rows.sort_values("period_date", kind="stable").reset_index(drop=True)


MERGER_DAY = date(2025, 7, 1)  # from this day the provinces are 34 (Nghị quyết 202/2025/QH15)


def is_before_merger(period: str) -> bool:
    """Return True for a period of the former provinces: a year before 2025, or a shorter period starting before
    1/7/2025 (the annual results of 2025 already rank the 34 new provinces)."""
    start = period_start(period)
    return start.year < MERGER_DAY.year if period_kind(period) == "year" else start < MERGER_DAY


def history_series(results: pd.DataFrame, province: str, index_name: str,
                   merged_from: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return rank_series of the province with `series` and `former` added: its own points before the merger
    (series = province, former True) and after (former False), plus, before the merger only, the points of the
    provinces merged into it (series = their name, former True), so that no line joins x/63 to x/34."""
    own = rank_series(results, province, index_name)
    own = own.assign(series=province, former=own["period"].map(is_before_merger).astype(bool))
    parts = [own]
    for name in merged_from:
        other = rank_series(results, name, index_name)
        other = other.loc[other["period"].map(is_before_merger).astype(bool)]
        parts.append(other.assign(series=name, former=True))
    out = pd.concat([p for p in parts if not p.empty] or [own], ignore_index=True)
    return out.sort_values(["period_date", "series"], kind="stable").reset_index(drop=True)


def latest_rank(results: pd.DataFrame, province: str, index_name: str) -> dict | None:
    """Return the latest ranked total of an index for the province as a dict, or None if never ranked."""
    series = rank_series(results, province, index_name)
    series = series.loc[series["rank"].notna()]
    if series.empty:
        return None
    row = series.iloc[-1]
    previous = series.iloc[-2] if len(series) > 1 else None
    return {
        "period": row["period"],
        "rank": int(row["rank"]),
        "n_ranked": int(row["n_ranked"]),
        "score": None if pd.isna(row["score"]) else float(row["score"]),
        "source": row["source"],
        "is_demo": bool(row["is_demo"]),
        "previous_period": None if previous is None else previous["period"],
        "previous_rank": None if previous is None else int(previous["rank"]),
        "previous_n_ranked": None if previous is None else int(previous["n_ranked"]),
    }


def latest_components(results: pd.DataFrame, province: str, index_name: str) -> pd.DataFrame:
    """Return the components of the latest period that has any, with share = score ÷ max_points."""
    rows = _province_rows(results, province, index_name)
    rows = rows.loc[rows["component"].notna() & (rows["component"].astype("string").str.strip() != "")]
    if rows.empty:
        return rows.assign(share=pd.Series(dtype="float64"))
    rows["period_date"] = rows["period"].map(period_start)
    latest = rows["period_date"].max()
    out = rows.loc[rows["period_date"] == latest].copy()
    out["share"] = out["score"] / out["max_points"]
    return out.sort_values("share", kind="stable").reset_index(drop=True)


def published_by(results: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return the results whose period starts on or before as_of (nothing from the future of a meeting)."""
    starts = results["period"].map(period_start)
    return results.loc[starts <= as_of].copy()
