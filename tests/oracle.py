"""The tests' independent oracle of the counting rules (DOMAIN §3): each dossier row's flags for a period, in pandas,
written apart from metrics/counting.py so that the rollup's and SQL's figures can be checked against it."""

from datetime import date

import pandas as pd

from metrics.dossiers import COUNT_COLUMNS, is_ended_status
from metrics.errors import DomainError
from metrics.periods import Period
from metrics.text import fold_key
from texts import messages as M

REQUIRED_COLUMNS = (
    "received_on", "due_on", "result_on", "ended", "channel",
    "synced", "apology", "digitised", "waiting_supplement", "land_env",
)


def dossier_outcome(status: object, result_on: date | None) -> str:
    """Return 'ended', 'resolved' or 'in_progress' by DOMAIN §3 status vocabulary (dates decide)."""
    if is_ended_status(status):
        if result_on is None:
            raise DomainError("an ended dossier needs its end date")
        return "ended"
    return "resolved" if result_on is not None else "in_progress"


def in_group(names: pd.Series, group: list[str] | tuple[str, ...]) -> pd.Series:
    """Return a boolean Series: True where a name belongs to the group, accent- and case-insensitively."""
    keys = {fold_key(g) for g in group}
    return names.map(lambda n: fold_key(n) in keys).astype(bool)


def _as_dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="raise").dt.normalize()


def dossier_flags(dossiers: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Return one boolean column per COUNT_COLUMNS entry for each dossier row, for `period`."""
    missing = [c for c in REQUIRED_COLUMNS if c not in dossiers.columns]
    if missing:
        raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing)))
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    received = _as_dates(dossiers["received_on"])
    due = _as_dates(dossiers["due_on"])
    result = _as_dates(dossiers["result_on"])
    ended = dossiers["ended"].fillna(False).astype(bool)
    has_result = result.notna()

    received_in = (received >= start) & (received <= end)
    closed_in = has_result & (result >= start) & (result <= end)
    resolved = closed_in & ~ended
    late = resolved & (result > due)
    in_progress = (received <= end) & (~has_result | (result > end))
    overdue_open = in_progress & (due < end)
    overdue = late | overdue_open
    channel = dossiers["channel"]

    flags = pd.DataFrame(
        {
            "received": received_in,
            "received_online": received_in & (channel == "online"),
            "received_postal": received_in & (channel == "postal"),
            "received_synced": received_in & dossiers["synced"].fillna(False).astype(bool),
            "carried_over": (received < start) & (~has_result | (result >= start)),
            "resolved": resolved,
            "resolved_early": resolved & (result < due),
            "resolved_on_day": resolved & (result == due),
            "resolved_late": late,
            "resolved_digitised": resolved & dossiers["digitised"].fillna(False).astype(bool),
            "ended_without_result": closed_in & ended,
            "in_progress": in_progress,
            "in_progress_overdue": overdue_open,
            "in_progress_supplement": in_progress & ~has_result
            & dossiers["waiting_supplement"].fillna(False).astype(bool),
            "overdue_total": overdue,
            "overdue_land_env": overdue & dossiers["land_env"].fillna(False).astype(bool),
            "late_with_apology": overdue & dossiers["apology"].fillna(False).astype(bool),
        },
        index=dossiers.index,
    )
    return flags


def count_dossiers(dossiers: pd.DataFrame, period: Period, by: str | list[str] | None = None) -> pd.DataFrame:
    """Return COUNT_COLUMNS for `period`: one row in total, or one row per value of `by`."""
    flags = dossier_flags(dossiers, period).astype("int64")
    if by is None:
        return flags.sum().to_frame().T.reset_index(drop=True)[list(COUNT_COLUMNS)]
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in dossiers.columns]
    if missing:
        raise DomainError(M.NO_GROUP_COLUMNS.format(columns=", ".join(missing)))
    grouped = pd.concat([dossiers[keys], flags], axis=1).groupby(keys, dropna=False, sort=True).sum()
    return grouped.reset_index()[keys + list(COUNT_COLUMNS)]


