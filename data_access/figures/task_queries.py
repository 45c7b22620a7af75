"""Assigned tasks: a few hundred rows a year, read whole and classified by metrics.tasks."""

import hashlib
from datetime import date

import pandas as pd
from sqlalchemy import Connection, select

from data_access.store.schema import agencies, tasks, units

TASK_COLUMNS = ["id", "doc_number", "doc_date", "issuer", "content", "lead_agency_id", "lead_agency",
                "lead_unit_id", "lead_unit", "coordinating", "leader", "deadline", "completed_on", "progress_note"]


def task_key(doc_number: str, doc_date: date | None, content: str, lead_agency: str) -> str:
    """Return the stable identity of a task (sha256 of its document, date, content and lead agency)."""
    from metrics.text import fold_key

    text = f"{fold_key(doc_number)}|{doc_date}|{fold_key(content)}|{fold_key(lead_agency)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_tasks(conn: Connection, issued_by: date | None = None,
               unit_ids: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Return tasks (TASK_COLUMNS) issued on or before `issued_by` (all when None), with lead agency names; only
    those whose lead agency sits in `unit_ids` when given (a commune account's scope)."""
    query = (
        select(tasks.c.id, tasks.c.doc_number, tasks.c.doc_date, tasks.c.issuer, tasks.c.content,
               tasks.c.lead_agency_id, agencies.c.name.label("lead_agency"),
               agencies.c.unit_id.label("lead_unit_id"), units.c.name.label("lead_unit"),
               tasks.c.coordinating, tasks.c.leader, tasks.c.deadline, tasks.c.completed_on,
               tasks.c.progress_note)
        .select_from(tasks.join(agencies, agencies.c.id == tasks.c.lead_agency_id)
                     .outerjoin(units, units.c.id == agencies.c.unit_id))
        .order_by(tasks.c.doc_date, tasks.c.id)
    )
    if issued_by is not None:
        query = query.where(tasks.c.doc_date <= issued_by)
    if unit_ids is not None:
        query = query.where(agencies.c.unit_id.in_(unit_ids))
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=TASK_COLUMNS)
    for column in ("doc_date", "deadline", "completed_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
