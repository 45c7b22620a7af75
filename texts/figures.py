"""The table of a meeting's headline figures (now, before, change) as Vietnamese text, for the page and the pack."""

import pandas as pd

from texts import labels as L
from texts.fmt import fmt_int, fmt_pct, fmt_points, fmt_signed

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
