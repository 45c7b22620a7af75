"""The table of a meeting's headline figures (now, before, change) as Vietnamese text, for the page and the pack."""

from datetime import date

import pandas as pd

from texts import labels as L
from texts.fmt import fmt_int, fmt_pct, fmt_points, fmt_signed, fmt_window

RATE_KEYS = {"on_time_rate", "land_env_share_of_overdue", "apology_compliance", "online_share", "sync_rate"}


def figures_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """Return label, now, before, change as Vietnamese text (rates in %, changes in points or signed counts)."""
    rows = []
    for record in comparison.to_dict("records"):
        rate = record["key"] in RATE_KEYS
        value = fmt_pct if rate else fmt_int
        rows.append({"label": L.MEETING_FIGURE_NAMES[record["key"]], "now": value(record["now"]),
                     "before": value(record["before"]),
                     "change": fmt_points(record["change"]) if rate else fmt_signed(record["change"])})
    return pd.DataFrame(rows, columns=["label", "now", "before", "change"])


def figure_headers(now: tuple[date, date], before: tuple[date, date]) -> list[str]:
    """Return the table's column headers naming both windows: 'Tháng này (01/12–05/12/2026)', 'Cùng kỳ tháng trước
    (01/11–05/11/2026)' (the same days of the previous month: like for like)."""
    return [L.MEETING_FIGURE_COLUMNS["label"], L.MEETING_FIGURE_NOW.format(window=fmt_window(*now)),
            L.MEETING_FIGURE_BEFORE.format(window=fmt_window(*before)), L.MEETING_FIGURE_COLUMNS["change"]]
