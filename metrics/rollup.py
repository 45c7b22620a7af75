"""DOMAIN §3 counts for any period from per-day sums (the `dossier_daily` rollup), without dossier rows.

Each dossier adds 1 to counters on up to four days: received `r`, closed `c` (resolved or ended), due `d`,
and, once closed, "cleared" on `c` when `c > d` or on `d` when `c ≤ d`. With r ≤ d and r ≤ c (import
rules), for a period [s, e]:
    in progress at e           = Σ_{day ≤ e} received − Σ_{day ≤ e} closed
    carried over               = the same at s − 1
    in progress, overdue at e  = Σ_{day < e} due − Σ_{day ≤ e} cleared_after_due − Σ_{day < e} cleared_by_due
and the other counts are sums over [s, e] of counters keyed by r or c.

A daily frame has: day, land_env (bool), optional grouping columns, and DAILY_COUNTERS.
"""

from datetime import timedelta

import pandas as pd

from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.periods import Period

DAILY_COUNTERS = (
    "n_received", "n_received_online", "n_received_postal", "n_received_synced", "n_open_supplement",
    "n_closed", "n_resolved", "n_resolved_early", "n_resolved_on_day", "n_resolved_late", "n_resolved_digitised",
    "n_ended",
    "n_late_apology", "n_due", "n_due_apology", "n_cleared_after_due", "n_cleared_after_due_apology",
    "n_cleared_by_due", "n_cleared_by_due_apology",
)


def counts_from_daily(daily: pd.DataFrame, period: Period, by: str | None = None) -> pd.DataFrame:
    """Return COUNT_COLUMNS for `period` (one row, or one per value of `by`) from per-day sums."""
    missing = [c for c in ("day", "land_env", *DAILY_COUNTERS) if c not in daily.columns]
    if by is not None and by not in daily.columns:
        missing.append(by)
    if missing:
        raise DomainError(f"Thiếu cột: {', '.join(missing)}")
    day = pd.to_datetime(daily["day"])
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    in_period = (day >= start) & (day <= end)
    to_end = day <= end
    before_end = day <= end - timedelta(days=1)
    before_start = day <= start - timedelta(days=1)
    n = {c: daily[c].astype("int64") for c in DAILY_COUNTERS}

    def window(column: str) -> pd.Series:
        return n[column].where(in_period, 0)

    open_overdue = (n["n_due"].where(before_end, 0) - n["n_cleared_after_due"].where(to_end, 0)
                    - n["n_cleared_by_due"].where(before_end, 0))
    open_overdue_apology = (n["n_due_apology"].where(before_end, 0)
                            - n["n_cleared_after_due_apology"].where(to_end, 0)
                            - n["n_cleared_by_due_apology"].where(before_end, 0))
    late = window("n_resolved_late")
    overdue = late + open_overdue
    parts = pd.DataFrame({
        "received": window("n_received"),
        "received_online": window("n_received_online"),
        "received_postal": window("n_received_postal"),
        "received_synced": window("n_received_synced"),
        "carried_over": n["n_received"].where(before_start, 0) - n["n_closed"].where(before_start, 0),
        "resolved": window("n_resolved"),
        "resolved_early": window("n_resolved_early"),
        "resolved_on_day": window("n_resolved_on_day"),
        "resolved_late": late,
        "resolved_digitised": window("n_resolved_digitised"),
        "ended_without_result": window("n_ended"),
        "in_progress": n["n_received"].where(to_end, 0) - n["n_closed"].where(to_end, 0),
        "in_progress_overdue": open_overdue,
        "in_progress_supplement": n["n_open_supplement"].where(to_end, 0),
        "overdue_total": overdue,
        "overdue_land_env": overdue.where(daily["land_env"].astype(bool), 0),
        "late_with_apology": window("n_late_apology") + open_overdue_apology,
    }, index=daily.index)[list(COUNT_COLUMNS)]
    if by is None:
        return parts.sum().to_frame().T.astype("int64").reset_index(drop=True)
    grouped = pd.concat([daily[[by]], parts], axis=1).groupby(by, dropna=False, sort=True).sum()
    return grouped.astype("int64").reset_index()
