"""The `summary` figures of issue #3: DOMAIN §3 dossier counts and rates and §4 task counts, as JSON-ready data."""

from datetime import date

import pandas as pd
from sqlalchemy import Connection

from data_access.figures.dossier_queries import dossier_counts
from data_access.figures.task_queries import load_tasks
from metrics.dossiers import totals_row
from metrics.periods import Period
from metrics.tasks import TASK_STATUSES, classify_tasks, status_counts

DOSSIER_KEYS = ("received", "carried_over", "resolved", "resolved_early", "resolved_on_day", "resolved_late",
                "ended_without_result", "in_progress", "in_progress_overdue", "on_time_rate", "progress_rate_766",
                "overdue_total", "land_env_share_of_overdue", "apology_compliance", "online_share", "sync_rate")


def dossier_figures(counts: pd.DataFrame) -> dict:
    """Return the `dossiers` object of the summary (DOSSIER_KEYS) from one row of COUNT_COLUMNS."""
    totals = totals_row(counts)
    totals["land_env_share_of_overdue"] = totals.pop("land_env_share")
    return {key: totals[key] for key in DOSSIER_KEYS}


def summary(conn: Connection, as_of: date, start: date | None = None) -> dict:
    """Return {"as_of", "from", "dossiers": {...}, "tasks": {...}} for the period [start, as_of]."""
    period = Period(start or as_of.replace(day=1), as_of)
    return summary_of(period, dossier_counts(conn, period), classify_tasks(load_tasks(conn, issued_by=as_of), as_of))


def summary_of(period: Period, counts: pd.DataFrame, classified: pd.DataFrame) -> dict:
    """Return the summary dict of a period from its one row of dossier counts and its tasks classified at its end."""
    statuses = status_counts(classified).iloc[0]
    return {
        "as_of": period.end.isoformat(),
        "from": period.start.isoformat(),
        "dossiers": dossier_figures(counts),
        "tasks": {status: int(statuses[status]) for status in TASK_STATUSES},
    }
