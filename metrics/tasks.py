"""Four-way classification of assigned tasks as of a date (DOMAIN §4).

A task frame has at least: doc_date, deadline (blank = no deadline), completed_on (blank = not done).
"""

from datetime import date

import pandas as pd

from metrics.ageing import bucket_counts
from metrics.errors import DomainError, check_option
from texts import messages as M

TASK_STATUSES = ("done_on_time", "done_late", "open_within_deadline", "open_overdue", "no_deadline")
_WORST_FIRST = ("open_overdue", "done_late", "open_within_deadline", "done_on_time", "no_deadline")


def classify_tasks(tasks: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return the tasks issued by as_of with `status` and `days_overdue` columns added (new frame)."""
    missing = [c for c in ("doc_date", "deadline", "completed_on") if c not in tasks.columns]
    if missing:
        raise DomainError(M.MISSING_TASK_COLUMNS.format(columns=", ".join(missing)))
    day = pd.Timestamp(as_of)
    doc_date = pd.to_datetime(tasks["doc_date"])
    out = tasks.loc[doc_date.isna() | (doc_date <= day)].copy()
    deadline = pd.to_datetime(out["deadline"])
    done = pd.to_datetime(out["completed_on"])
    done_by = done.notna() & (done <= day)

    status = pd.Series("open_within_deadline", index=out.index, dtype="object")
    status[~done_by & (deadline < day)] = "open_overdue"
    status[done_by & (done <= deadline)] = "done_on_time"
    status[done_by & (done > deadline)] = "done_late"
    status[deadline.isna()] = "no_deadline"
    out["status"] = status

    days = pd.Series(float("nan"), index=out.index)
    open_overdue = status == "open_overdue"
    days[open_overdue] = (day - deadline[open_overdue]).dt.days
    late = status == "done_late"
    days[late] = (done[late] - deadline[late]).dt.days
    out["days_overdue"] = days
    return out


def status_counts(classified: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return task counts per status (columns TASK_STATUSES + total), worst first when grouped."""
    if "status" not in classified.columns:
        raise DomainError(M.TASKS_NOT_CLASSIFIED)
    if by is None:
        counts = classified["status"].value_counts()
        row = {s: int(counts.get(s, 0)) for s in TASK_STATUSES}
        row["total"] = sum(row.values())
        return pd.DataFrame([row])
    if by not in classified.columns:
        raise DomainError(M.NO_GROUP_COLUMNS.format(columns=by))
    table = pd.crosstab(classified[by], classified["status"])
    table = table.reindex(columns=list(TASK_STATUSES), fill_value=0).astype("int64")
    table["total"] = table.sum(axis=1)
    table = table.sort_values(list(_WORST_FIRST[:2]) + ["total"], ascending=False, kind="stable")
    return table.reset_index()


def filter_tasks(classified: pd.DataFrame, column: str, values: list | tuple | None) -> pd.DataFrame:
    """Return the rows whose `column` is in `values` (all rows when values is empty or None)."""
    allowed = ("doc_number", "leader", "lead_agency", "status")
    check_option("column", column, allowed)
    if not values:
        return classified.copy()
    return classified.loc[classified[column].isin(list(values))].copy()


def overdue_list(classified: pd.DataFrame) -> pd.DataFrame:
    """Return open overdue tasks, most days overdue first."""
    rows = classified.loc[classified["status"] == "open_overdue"]
    return rows.sort_values(["days_overdue", "deadline"], ascending=[False, True], kind="stable").copy()


def due_soon(classified: pd.DataFrame, as_of: date, days: int) -> pd.DataFrame:
    """Return tasks still open as of as_of whose deadline falls within the next `days` days, soonest first."""
    if days < 0:
        raise DomainError(M.DAYS_NEGATIVE)
    deadline = pd.to_datetime(classified["deadline"])
    day = pd.Timestamp(as_of)
    mask = (classified["status"] == "open_within_deadline") & (deadline >= day) & (
        deadline <= day + pd.Timedelta(days=days)
    )
    out = classified.loc[mask].copy()
    out["days_left"] = (deadline[mask] - day).dt.days
    return out.sort_values(["days_left"], kind="stable")


def overdue_ageing(classified: pd.DataFrame) -> pd.DataFrame:
    """Return open overdue tasks per age bucket (bucket, count)."""
    return bucket_counts(classified.loc[classified["status"] == "open_overdue", "days_overdue"])


def status_long(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return grouped status counts in long form (by, status, count, stack_order), zero counts dropped."""
    if by not in counts.columns:
        raise DomainError(M.NO_COLUMN.format(column=by))
    long = counts.melt(id_vars=[by], value_vars=list(TASK_STATUSES), var_name="status", value_name="count")
    long["stack_order"] = long["status"].map({s: i for i, s in enumerate(_WORST_FIRST)})
    return long.loc[long["count"] > 0].reset_index(drop=True)


def open_overdue_by(classified: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return (by, overdue_tasks): open overdue tasks per value of `by` (values without any are absent)."""
    if by not in classified.columns:
        raise DomainError(M.NO_COLUMN.format(column=by))
    rows = classified.loc[classified["status"] == "open_overdue"]
    counts = rows.groupby(by, dropna=True).size().rename("overdue_tasks").reset_index()
    counts["overdue_tasks"] = counts["overdue_tasks"].astype("int64")
    return counts


def tasks_within(tasks: pd.DataFrame, agency_ids: tuple[int, ...] = (), unit_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    """Return a copy of the tasks led by one of `agency_ids` and by an agency of one of `unit_ids` (each empty: no
    condition): what the sidebar's agency and unit filters cover of the tasks (issue #28)."""
    keep = pd.Series(True, index=tasks.index)
    if agency_ids:
        keep &= tasks["lead_agency_id"].isin(agency_ids)
    if unit_ids:
        keep &= tasks["lead_unit_id"].isin(unit_ids)
    return tasks.loc[keep].reset_index(drop=True)


def top_groups(counts: pd.DataFrame, by: str, keep: int, others: str) -> pd.DataFrame:
    """Return the first `keep` rows of grouped status counts (status_counts order: most overdue first) and, when
    there are more, one row `others` summing the rest: a chart of the agencies that matter, not of 75."""
    if by not in counts.columns:
        raise DomainError(M.NO_COLUMN.format(column=by))
    if len(counts) <= keep:
        return counts.copy()
    rest = counts.iloc[keep:].drop(columns=[by]).sum(numeric_only=True).to_frame().T.astype("int64")
    rest.insert(0, by, others)
    return pd.concat([counts.iloc[:keep], rest], ignore_index=True)


def open_tasks_due(tasks: pd.DataFrame, as_of: date, until: date) -> int:
    """Return how many tasks issued by as_of and not completed by it have their deadline in (as_of, until]."""
    day, last = pd.Timestamp(as_of), pd.Timestamp(until)
    deadline, completed = pd.to_datetime(tasks["deadline"]), pd.to_datetime(tasks["completed_on"])
    keep = ((pd.to_datetime(tasks["doc_date"]) <= day) & (completed.isna() | (completed > day))
            & (deadline > day) & (deadline <= last))
    return int(keep.sum())
