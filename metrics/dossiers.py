"""Dossier counting rules of DOMAIN §3, on dossier rows or on counts already aggregated in SQL.

A dossier frame has the columns:
    received_on, due_on, result_on (dates; result_on blank = not resolved or ended),
    ended (bool: ended without result), channel ("online" | "in_person" | "postal"),
    synced, apology, digitised, waiting_supplement, land_env (bool).
The rules that turn such rows into the COUNT_COLUMNS below are declared once in metrics/counting.py (the rollup
and SQL build from them; tests/oracle.py counts the rows independently); `dossier_rates` turns counts into rates.
"""


import numpy as np
import pandas as pd

from metrics.counting import FIGURES
from metrics.errors import DomainError
from metrics.text import fold_key
from texts import messages as M

ENDED_STATUS_KEYS = ("tu choi", "tra lai", "rut ho so", "dung xu ly", "huy")
SUPPLEMENT_STATUS_KEY = "bo sung"
CHANNELS = ("in_person", "online", "postal")

COUNT_COLUMNS = tuple(FIGURES)  # the figures of a period, declared with their rules in metrics/counting.py

RATE_COLUMNS = (
    "on_time_rate",
    "progress_rate_766",
    "land_env_share",
    "apology_compliance",
    "online_share",
    "postal_share",
    "sync_rate",
    "digitisation_rate",
    "overdue_per_1000",
)

def is_ended_status(status: object) -> bool:
    """Return True when a status names an ending without result (Từ chối, Trả lại, Rút hồ sơ, …)."""
    key = fold_key(status)
    return any(word in key for word in ENDED_STATUS_KEYS)


def is_supplement_status(status: object) -> bool:
    """Return True when a status says the dossier waits for the applicant to supplement it."""
    return SUPPLEMENT_STATUS_KEY in fold_key(status)


def ratio(numerator: float, denominator: float) -> float | None:
    """Return numerator ÷ denominator, or None when the denominator is 0 (shown as '—')."""
    if denominator is None or denominator == 0 or pd.isna(denominator):
        return None
    return float(numerator) / float(denominator)


def _ratio(num: pd.Series, den: pd.Series) -> np.ndarray:
    """Return num / den as floats, NaN where den is 0 (in numpy: a page computes these on every run)."""
    num_values = num.to_numpy(dtype="float64", na_value=np.nan)
    den_values = den.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den_values != 0, num_values / den_values, np.nan)


def dossier_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `counts` with RATE_COLUMNS added; a rate is NaN when its denominator is 0."""
    missing = [c for c in COUNT_COLUMNS if c not in counts.columns]
    if missing:
        raise DomainError(M.MISSING_COUNT_COLUMNS.format(columns=", ".join(missing)))
    on_time = counts["resolved_early"] + counts["resolved_on_day"]
    within = counts["in_progress"] - counts["in_progress_overdue"]
    return counts.assign(
        on_time_rate=_ratio(on_time, counts["resolved"]),
        progress_rate_766=_ratio(on_time + within, counts["resolved"] + counts["in_progress"]),
        land_env_share=_ratio(counts["overdue_land_env"], counts["overdue_total"]),
        apology_compliance=_ratio(counts["late_with_apology"], counts["overdue_total"]),
        online_share=_ratio(counts["received_online"], counts["received"]),
        postal_share=_ratio(counts["received_postal"], counts["received"]),
        sync_rate=_ratio(counts["received_synced"], counts["received"]),
        digitisation_rate=_ratio(counts["resolved_digitised"], counts["resolved"]),
        overdue_per_1000=_ratio(counts["in_progress_overdue"] * 1000, counts["received"]),
    )


def totals_row(counts: pd.DataFrame) -> dict[str, float | int | None]:
    """Return the single-row counts with its rates as a plain dict (rates None when undefined)."""
    if len(counts) != 1:
        raise DomainError(M.ONE_TOTAL_ROW.format(n=len(counts)))
    row = dossier_rates(counts).iloc[0]
    result: dict[str, float | int | None] = {c: int(row[c]) for c in COUNT_COLUMNS}
    for c in RATE_COLUMNS:
        result[c] = None if pd.isna(row[c]) else float(row[c])
    return result


def land_share_means_something(everything: dict, land_env: dict) -> bool:
    """Return True when the land/environment share of overdue dossiers can rank a scope: it handles both
    land/environment dossiers and others (a land registration office's share is 100 % by what it does, and a
    department without land dossiers has 0 %, whatever their performance)."""
    land = (land_env.get("received") or 0) + (land_env.get("carried_over") or 0)
    every = (everything.get("received") or 0) + (everything.get("carried_over") or 0)
    return 0 < land < every


def unknown_totals() -> dict[str, None]:
    """Return totals_row's keys, every value None: a comparison window that cannot be counted (no change shown)."""
    return dict.fromkeys((*COUNT_COLUMNS, *RATE_COLUMNS))


def overdue_split_long(series: pd.DataFrame) -> pd.DataFrame:
    """Return per period the overdue dossiers split into land/environment and other (long form).

    Columns: period_start, group ('land_env' | 'other'), count.
    """
    for column in ("period_start", "overdue_total", "overdue_land_env"):
        if column not in series.columns:
            raise DomainError(M.MISSING_COLUMN.format(column=column))
    land = series[["period_start"]].assign(group="land_env", count=series["overdue_land_env"].astype("int64"))
    other = series[["period_start"]].assign(
        group="other", count=(series["overdue_total"] - series["overdue_land_env"]).astype("int64"))
    return pd.concat([land, other], ignore_index=True).sort_values(["period_start", "group"], kind="stable")
