"""DOMAIN §3 counts for any period from per-day (or per-month) sums of dossier events, without dossier rows.

Each dossier adds 1 to counters on a few days: received `r`, closed `c` (resolved or ended), and, when it
has a due date `d`, "overdue from" on d + 1 (the first day it can be overdue) and, once closed, "cleared" on
`c` when `c > d` or on `d + 1` when `c ≤ d`. With r ≤ d and r ≤ c (import rules), for a period [s, e]:
    in progress at e           = Σ_{day ≤ e} received − Σ_{day ≤ e} closed
    carried over               = the same at s − 1
    in progress, overdue at e  = Σ_{day ≤ e} (overdue from − cleared after due − cleared by due)
and the other counts are sums over [s, e] of counters keyed by r or c. Every count is therefore a sum over
days ≤ s − 1, days ≤ e or days in [s, e]: a whole month that contains neither s − 1 nor e (unless it is
that month's last day) can be read as one row dated on its first day. `detail_months` names the months
that must be read day by day; all other months come from the monthly rollup.

A daily frame has: day, land_env (bool), optional grouping columns, and DAILY_COUNTERS.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import numpy as np
import pandas as pd

from metrics.counting import COUNTERS, FIGURES, Term, events
from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.periods import Period
from texts import messages as M

DAILY_COUNTERS = COUNTERS
ROLLUP_KEYS = ("agency_id", "field_id", "unit_id", "level")
EVENT_COLUMNS = ("received_on", "due_on", "result_on", "ended", "channel", "synced", "apology", "digitised",
                 "waiting_supplement", *ROLLUP_KEYS)


def _month(day: date) -> date:
    return day.replace(day=1)


def _splits(day: date) -> date | None:
    """Return the month that a threshold `day ≤ t` cuts in two (None when t is a month's last day)."""
    return None if (day + timedelta(days=1)).day == 1 else _month(day)


def detail_months(periods: list[Period] | tuple[Period, ...]) -> tuple[date, ...]:
    """Return the first days of the months that must be read per day to count every period exactly."""
    months = set()
    for period in periods:
        for threshold in (period.start - timedelta(days=1), period.end):
            month = _splits(threshold)
            if month is not None:
                months.add(month)
    return tuple(sorted(months))


def last_month(periods: list[Period] | tuple[Period, ...]) -> date:
    """Return the first day of the month of the latest period end (later months add nothing)."""
    return _month(max(p.end for p in periods))


def counts_from_daily(daily: pd.DataFrame, period: Period, by: str | None = None) -> pd.DataFrame:
    """Return COUNT_COLUMNS for `period` (one row, or one per value of `by`) from per-day sums."""
    missing = [c for c in ("day", "land_env", *DAILY_COUNTERS) if c not in daily.columns]
    if by is not None and by not in daily.columns:
        missing.append(by)
    if missing:
        raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing)))
    day = pd.to_datetime(daily["day"]).to_numpy()
    start, end = np.datetime64(period.start), np.datetime64(period.end)
    land_env = daily["land_env"].astype(bool).to_numpy()
    windows = {"period": (day >= start) & (day <= end), "to_end": day <= end, "before_start": day < start}
    rows = {(w, land): mask & land_env if land else mask for w, mask in windows.items() for land in (False, True)}
    n = {c: daily[c].to_numpy("int64") for c in DAILY_COUNTERS}

    def figure(terms: tuple[Term, ...]) -> np.ndarray:
        total = np.zeros(len(daily), "int64")
        for term in terms:
            total += term.sign * np.where(rows[(term.window, term.land_env)], n[term.counter], 0)
        return total

    parts = pd.DataFrame({name: figure(terms) for name, terms in FIGURES.items()}, index=daily.index)
    if by is None:
        return parts.sum().to_frame().T.astype("int64").reset_index(drop=True)
    grouped = pd.concat([daily[[by]], parts], axis=1).groupby(by, dropna=False, sort=True).sum()
    return grouped.astype("int64").reset_index()


def active_groups(counts: pd.DataFrame) -> pd.DataFrame:
    """Return the groups with at least one dossier in the period (carried over or received), as SQL would."""
    return counts.loc[(counts["carried_over"] + counts["received"]) > 0].reset_index(drop=True)


def label_groups(counts: pd.DataFrame, names: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return key, name (and any other name columns) then COUNT_COLUMNS, ordered by name, missing names last.

    `counts` is keyed by the `by` column of the rollup, where unit 0 and level "" stand for "not given"
    (returned as key None).
    """
    missing = [c for c in (by, *COUNT_COLUMNS) if c not in counts.columns]
    if missing or "key" not in names.columns:
        raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing or ["key"])))
    keys = counts[by].map(lambda v: None if v in (0, "") else v)
    out = counts.drop(columns=[by]).assign(key=keys.astype(object).to_numpy())
    lookup = names.drop_duplicates("key").set_index("key")
    extra = [c for c in names.columns if c != "key"]
    for column in extra:
        out[column] = out["key"].map(lookup[column])
    ordered = out[["key", *extra, *COUNT_COLUMNS]].sort_values("name", kind="stable", na_position="last")
    return ordered.reset_index(drop=True)


def period_counts(sums: pd.DataFrame, period: Period, by: str | None = None,
                  names: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return COUNT_COLUMNS for `period` from per-day sums: one row, or with `by` key, name and counts of the groups
    with dossiers in the period (as dossier_queries.dossier_counts returns them)."""
    counts = counts_from_daily(sums, period, by)
    if by is None:
        return counts
    if names is None:
        raise DomainError(M.NAMES_NEEDED.format(by=by))
    return label_groups(active_groups(counts), names, by)


def narrow_sums(sums: pd.DataFrame, land_env_only: bool = False, column: str | None = None,
                values: tuple = (), drop: bool = False) -> pd.DataFrame:
    """Return per-day sums restricted to land/environment rows and/or to `values` of `column`; with `drop`,
    that column is summed away (per-unit sums give the sums of one unit)."""
    if column is not None and column not in sums.columns:
        raise DomainError(M.MISSING_COLUMNS.format(columns=column))
    keep = pd.Series(True, index=sums.index)
    if land_env_only:
        keep &= sums["land_env"].astype(bool)
    if column is not None and values:
        keep &= sums[column].isin(values)
    out = sums.loc[keep]
    if column is not None and drop:
        keys = [c for c in out.columns if c not in DAILY_COUNTERS and c != column]
        out = out.drop(columns=[column]).groupby(keys, sort=True, as_index=False)[list(DAILY_COUNTERS)].sum()
    return out.reset_index(drop=True)


def remap_keys(sums: pd.DataFrame, column: str, mapping: dict[int, int]) -> pd.DataFrame:
    """Return per-day sums with the ids of `column` replaced by mapping[id] (unmapped ids kept) and summed again
    (a merged agency's sums become its successor's)."""
    if column not in sums.columns:
        raise DomainError(M.MISSING_COLUMNS.format(columns=column))
    out = sums.assign(**{column: sums[column].map(lambda v: mapping.get(int(v), int(v))).astype("int64")})
    keys = [c for c in out.columns if c not in DAILY_COUNTERS]
    return out.groupby(keys, sort=True, as_index=False)[list(DAILY_COUNTERS)].sum()


def series_from_daily(daily: pd.DataFrame, periods: list[Period] | tuple[Period, ...]) -> pd.DataFrame:
    """Return period_start, period_end and COUNT_COLUMNS for each period, in the given order."""
    rows = []
    for period in periods:
        row = counts_from_daily(daily, period).iloc[0].to_dict()
        rows.append({"period_start": period.start, "period_end": period.end, **row})
    frame = pd.DataFrame(rows, columns=["period_start", "period_end", *COUNT_COLUMNS])
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame


def _bool(series: pd.Series) -> np.ndarray:
    return series.fillna(False).astype(bool).to_numpy()


def _days(series: pd.Series) -> np.ndarray:
    return pd.to_datetime(series).to_numpy().astype("datetime64[D]")


def _encode(keys: pd.DataFrame) -> tuple[np.ndarray, list, list[int]]:
    """Return one integer per row for its ROLLUP_KEYS, with the distinct values and their counts to decode it."""
    codes, uniques = zip(*(pd.factorize(keys[name].to_numpy()) for name in ROLLUP_KEYS), strict=True)
    sizes = [max(1, len(u)) for u in uniques]
    combo = np.zeros(len(keys), "int64")
    for code, size in zip(codes, sizes, strict=True):
        combo = combo * size + code
    return combo, list(uniques), sizes


def _sum_by_day_and_key(days: np.ndarray, combo: np.ndarray, encoding: tuple[list, list[int]],
                        counts: list[np.ndarray], dates: bool = True) -> pd.DataFrame:
    """Return day, ROLLUP_KEYS and DAILY_COUNTERS (`counts`: one array per counter) summed per (day, key), without
    all-zero rows; `day` holds dates, or numpy days with dates=False (cheaper to sum again)."""
    uniques, sizes = encoding
    width = int(np.prod(sizes))
    key = days.astype("int64") * width + combo
    order = np.argsort(key)
    ordered = key[order]
    first = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(key) else np.zeros(0, bool)
    unique = ordered[first]
    inverse = np.empty(len(key), "int64")
    inverse[order] = np.cumsum(first) - 1
    sums = [np.bincount(inverse[column], minlength=len(unique)) if column.dtype == bool else
            np.bincount(inverse, weights=column, minlength=len(unique)).astype("int64") for column in counts]
    keep = np.logical_or.reduce([column != 0 for column in sums]) if len(unique) else np.zeros(0, bool)
    unique = unique[keep]
    rest = unique % width
    digits = []
    for size in reversed(sizes):
        digits.append(rest % size)
        rest = rest // size
    day = (unique // width).astype("datetime64[D]")
    out = {"day": day.astype(object) if dates else day}
    for name, values, digit in zip(ROLLUP_KEYS, uniques, reversed(digits), strict=True):
        out[name] = np.asarray(values)[digit]
    out.update({name: column[keep] for name, column in zip(DAILY_COUNTERS, sums, strict=True)})
    return pd.DataFrame(out).astype({"agency_id": "int64", "field_id": "int64", "unit_id": "int64"})


def _numpy_dossier(dossiers: pd.DataFrame) -> SimpleNamespace:
    """Return the attributes of metrics.counting.Dossier as numpy arrays, one value per dossier row."""
    due, result = _days(dossiers["due_on"]), _days(dossiers["result_on"])
    channel = dossiers["channel"].to_numpy()
    return SimpleNamespace(
        received=_days(dossiers["received_on"]), due=due, result=result, day_after_due=due + np.timedelta64(1, "D"),
        everyone=np.ones(len(dossiers), bool), closed=~np.isnat(result), has_due=~np.isnat(due),
        ended=_bool(dossiers["ended"]), online=channel == "online", postal=channel == "postal",
        synced=_bool(dossiers["synced"]), apology=_bool(dossiers["apology"]), digitised=_bool(dossiers["digitised"]),
        waiting_supplement=_bool(dossiers["waiting_supplement"]))


def daily_events(dossiers: pd.DataFrame, dates: bool = True) -> pd.DataFrame:
    """Return the rollup rows of some dossiers: day, ROLLUP_KEYS and DAILY_COUNTERS summed per day and key.

    A missing unit becomes 0 and a missing level "", as in the rollup tables; rows with only zeros are left out.
    With dates=False, `day` holds numpy days (for sum_events; a table wants dates).
    """
    missing = [c for c in EVENT_COLUMNS if c not in dossiers.columns]
    if missing:
        raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing)))
    x = _numpy_dossier(dossiers)
    keys = pd.DataFrame({
        "agency_id": dossiers["agency_id"].astype("int64").to_numpy(),
        "field_id": dossiers["field_id"].astype("int64").to_numpy(),
        "unit_id": dossiers["unit_id"].fillna(0).astype("int64").to_numpy(),
        "level": dossiers["level"].fillna("").astype(str).to_numpy(object),
    })
    events_ = [(getattr(x, event.day), event.when, event.counters) for event in events(x)]
    combo, uniques, sizes = _encode(keys)
    days = np.concatenate([day[present] for day, present, _ in events_])
    combos = np.concatenate([combo[present] for _, present, _ in events_])
    counts = [np.concatenate([counters[name][present] if name in counters else np.zeros(int(present.sum()), bool)
                              for _, present, counters in events_]) for name in DAILY_COUNTERS]
    return _sum_by_day_and_key(days, combos, (uniques, sizes), counts, dates)


def sum_events(events: pd.DataFrame, dates: bool = True) -> pd.DataFrame:
    """Return rollup rows summed per day and key (to merge partial results), without all-zero rows; `day` as in
    daily_events."""
    if len(events) == 0:
        return events[["day", *ROLLUP_KEYS, *DAILY_COUNTERS]].copy()
    combo, uniques, sizes = _encode(events)
    counts = [events[name].to_numpy("int64") for name in DAILY_COUNTERS]
    return _sum_by_day_and_key(_days(events["day"]), combo, (uniques, sizes), counts, dates)
