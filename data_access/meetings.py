"""Weekly review meetings: created with a cut-off, their figures frozen at creation, and their conclusions
recorded as tasks (issue #5)."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select

from config.settings import Settings, load_settings
from data_access.accounts import Account, require
from data_access.audit import record
from data_access.meta import TASKS_CHANGED_AT, write_meta
from data_access.schema import agencies, meetings, tasks
from data_access.snapshots import take_snapshot
from data_access.summary import summary
from data_access.task_queries import task_key
from metrics.errors import DomainError
from metrics.text import normalize_text
from texts import messages as M

DECISION_ISSUER = M.DECISION_ISSUER


@dataclass(frozen=True)
class Decision:
    """A conclusion of the chairman that becomes a task."""

    content: str
    lead_agency_id: int
    lead_agency: str
    deadline: date
    coordinating: str = ""
    leader: str = ""


def create_meeting(conn: Connection, held_on: date, title: str, cutoff_at: datetime,
                   settings: Settings | None = None, actor: Account | None = None, address: str | None = None) -> int:
    """Create a meeting as `actor` (None: the command line), freeze its headline figures and every page's frames as
    of the cut-off date, and return its id."""
    require(actor, "meetings")
    title = normalize_text(title) or ""
    if not title:
        raise DomainError(M.MEETING_NEEDS_TITLE)
    if cutoff_at.date() > held_on:
        raise DomainError(M.CUTOFF_AFTER_MEETING)
    figures = summary(conn, cutoff_at.date())
    meeting_id = conn.execute(insert(meetings).values(
        held_on=held_on, title=title, cutoff_at=cutoff_at, created_at=datetime.now(UTC).replace(tzinfo=None),
        figures=json.dumps(figures, ensure_ascii=False))).inserted_primary_key[0]
    take_snapshot(conn, meeting_id, cutoff_at.date(), settings or load_settings(), previous_meeting(conn, meeting_id))
    record(conn, actor, "meeting_create", f"#{meeting_id} {title} ({cutoff_at:%d/%m/%Y %H:%M})", address)
    return meeting_id


def list_meetings(conn: Connection) -> pd.DataFrame:
    """Return id, held_on, title, cutoff_at of every meeting, latest first."""
    query = select(meetings.c.id, meetings.c.held_on, meetings.c.title, meetings.c.cutoff_at).order_by(
        meetings.c.held_on.desc(), meetings.c.id.desc())
    return pd.DataFrame(conn.execute(query).fetchall(), columns=["id", "held_on", "title", "cutoff_at"])


def frozen_figures(conn: Connection, meeting_id: int) -> dict:
    """Return the figures frozen when the meeting was created (the `summary` structure)."""
    text = conn.execute(select(meetings.c.figures).where(meetings.c.id == meeting_id)).scalar_one_or_none()
    if text is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    return json.loads(text)


def previous_meeting(conn: Connection, meeting_id: int) -> int | None:
    """Return the id of the meeting held before this one (None for the first)."""
    held_on = conn.execute(select(meetings.c.held_on).where(meetings.c.id == meeting_id)).scalar_one()
    earlier = select(meetings.c.id).where(
        (meetings.c.held_on < held_on) | ((meetings.c.held_on == held_on) & (meetings.c.id < meeting_id)))
    return conn.execute(earlier.order_by(meetings.c.held_on.desc(), meetings.c.id.desc()).limit(1)).scalar()


def record_decision(conn: Connection, meeting_id: int, decision: Decision, actor: Account | None = None,
                    address: str | None = None) -> int:
    """Record a conclusion of the meeting as a task (issued on the meeting date) as `actor`; return the task id."""
    require(actor, "meetings")
    meeting = conn.execute(select(meetings.c.held_on, meetings.c.title).where(
        meetings.c.id == meeting_id)).one_or_none()
    if meeting is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    content = normalize_text(decision.content) or ""
    if not content:
        raise DomainError(M.DECISION_NEEDS_CONTENT)
    if decision.deadline < meeting.held_on:
        raise DomainError(M.DEADLINE_BEFORE_MEETING)
    doc_number = M.DECISION_DOCUMENT.format(title=meeting.title)[:80]
    write_meta(conn, **{TASKS_CHANGED_AT: datetime.now(UTC).isoformat(timespec="microseconds")})
    task_id = conn.execute(insert(tasks).values(
        task_key=task_key(doc_number, meeting.held_on, content, decision.lead_agency), doc_number=doc_number,
        doc_date=meeting.held_on, issuer=DECISION_ISSUER, content=content, lead_agency_id=decision.lead_agency_id,
        coordinating=normalize_text(decision.coordinating), leader=normalize_text(decision.leader),
        deadline=decision.deadline, source_meeting_id=meeting_id)).inserted_primary_key[0]
    record(conn, actor, "decision", f"#{meeting_id} → {decision.lead_agency}: {content[:200]}", address)
    return task_id


def meeting_decisions(conn: Connection, meeting_id: int, unit_ids: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Return the tasks a meeting decided: id, content, lead_agency_id, coordinating, deadline, completed_on; only
    those led from `unit_ids` when given (a commune account's scope)."""
    query = select(tasks.c.id, tasks.c.content, tasks.c.lead_agency_id, tasks.c.coordinating, tasks.c.deadline,
                   tasks.c.completed_on).where(tasks.c.source_meeting_id == meeting_id).order_by(tasks.c.id)
    if unit_ids is not None:
        query = query.where(tasks.c.lead_agency_id.in_(select(agencies.c.id).where(agencies.c.unit_id.in_(unit_ids))))
    return pd.DataFrame(conn.execute(query).fetchall(),
                        columns=["id", "content", "lead_agency_id", "coordinating", "deadline", "completed_on"])
