"""Comparing a meeting with the previous one: frozen headline figures and what changed in the tasks."""

from datetime import date

import pandas as pd

from metrics.errors import DomainError
from metrics.tasks import classify_tasks
from texts import messages as M

# The frozen figures shown at a meeting, in order: (section, key) of the data_access.figures.summary structure.
MEETING_FIGURES = (
    ("dossiers", "received"), ("dossiers", "resolved"), ("dossiers", "on_time_rate"),
    ("dossiers", "in_progress"), ("dossiers", "in_progress_overdue"), ("dossiers", "overdue_total"),
    ("dossiers", "land_env_share_of_overdue"), ("dossiers", "apology_compliance"),
    ("dossiers", "online_share"), ("dossiers", "sync_rate"),
    ("tasks", "open_overdue"), ("tasks", "open_within_deadline"), ("tasks", "done_late"),
)


def compare_figures(now: dict, before: dict | None) -> pd.DataFrame:
    """Return section, key, now, before and change (now − before; NaN when either is missing) per figure."""
    rows = []
    for section, key in MEETING_FIGURES:
        if section not in now:
            raise DomainError(M.MISSING_FIGURES.format(section=section))
        value = now[section].get(key)
        previous = (before or {}).get(section, {}).get(key)
        change = value - previous if value is not None and previous is not None else None
        rows.append({"section": section, "key": key, "now": value, "before": previous, "change": change})
    return pd.DataFrame(rows).astype({"now": "float64", "before": "float64", "change": "float64"})


def task_changes(tasks: pd.DataFrame, before: date, now: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (tasks overdue at `now` that were not overdue at `before`, tasks completed after `before` up to `now`)."""
    if before > now:
        raise DomainError(M.PREVIOUS_MEETING_LATER)
    at_now = classify_tasks(tasks, now)
    at_before = classify_tasks(tasks, before)
    overdue_before = set(at_before.loc[at_before["status"] == "open_overdue", "id"])
    newly_overdue = at_now.loc[(at_now["status"] == "open_overdue") & ~at_now["id"].isin(overdue_before)]
    completed = pd.to_datetime(at_now["completed_on"])
    closed = at_now.loc[(completed > pd.Timestamp(before)) & (completed <= pd.Timestamp(now))]
    return newly_overdue.reset_index(drop=True), closed.reset_index(drop=True)
