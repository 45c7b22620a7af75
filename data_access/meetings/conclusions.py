"""A meeting's conclusions (issue #32): each addressed to one body (a lead agency with its coordinating bodies) or to
a category of bodies, with or without a deadline. One addressed to a body with a deadline is also recorded as a task,
followed on the tasks page like any other (issue #5); the directives the draft notice proposes from the figures
become conclusions when the Office accepts them, and are remembered when it drops them."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select

from data_access.accounts.audit import record
from data_access.accounts.store import Account, require
from data_access.figures.task_queries import task_key
from data_access.store.meta import TASKS_CHANGED_AT, write_meta
from data_access.store.schema import agencies, conclusions, dropped_suggestions, meetings, tasks
from metrics.errors import DomainError
from metrics.text import fold_key, normalize_text
from texts import messages as M

# Categories a conclusion may be addressed to (cli.py conclusion add --category KEY); texts/notice.py words them.
CATEGORIES = ("co_quan", "nguoi_dung_dau", "dia_phuong")
COLUMNS = ["id", "content", "lead_agency_id", "category", "coordinating", "deadline", "task_id", "suggestion",
           "completed_on"]


@dataclass(frozen=True)
class Conclusion:
    """A conclusion of the meeting: to one body (lead_agency_id) or to a category, with or without a deadline."""

    content: str
    lead_agency_id: int | None = None
    category: str | None = None
    deadline: date | None = None
    coordinating: str = ""
    leader: str = ""
    suggestion: str | None = None  # the key of the proposed directive it accepts (metrics.notice.Suggestion)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check(conn: Connection, meeting_id: int, conclusion: Conclusion) -> tuple[object, str]:
    """Return (the meeting row, the lead agency's name or ""), or raise a DomainError in Vietnamese."""
    meeting = conn.execute(select(meetings.c.held_on, meetings.c.title).where(
        meetings.c.id == meeting_id)).one_or_none()
    if meeting is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    if not normalize_text(conclusion.content):
        raise DomainError(M.DECISION_NEEDS_CONTENT)
    if (conclusion.lead_agency_id is None) == (conclusion.category is None) and conclusion.suggestion is None:
        raise DomainError(M.CONCLUSION_ONE_ADDRESSEE)
    if conclusion.category is not None and conclusion.category not in CATEGORIES:
        raise DomainError(M.CONCLUSION_UNKNOWN_CATEGORY.format(category=conclusion.category,
                                                               allowed=", ".join(CATEGORIES)))
    lead = ""
    if conclusion.lead_agency_id is not None:
        lead = conn.execute(select(agencies.c.name).where(agencies.c.id == conclusion.lead_agency_id)).scalar()
        if lead is None:
            raise DomainError(M.CONCLUSION_UNKNOWN_AGENCY.format(agency=conclusion.lead_agency_id))
    if conclusion.deadline is not None and conclusion.deadline < meeting.held_on:
        raise DomainError(M.DEADLINE_BEFORE_MEETING)
    return meeting, lead


def agency_id(conn: Connection, name: str) -> int:
    """Return the id of the agency named `name` (accents, spaces and case aside, as agencies are keyed), or raise a
    DomainError in Vietnamese."""
    found = conn.execute(select(agencies.c.id).where(agencies.c.name_key == fold_key(name))).scalar()
    if found is None:
        raise DomainError(M.CONCLUSION_UNKNOWN_AGENCY.format(agency=name))
    return int(found)


def add_conclusion(conn: Connection, meeting_id: int, conclusion: Conclusion, actor: Account | None = None,
                   address: str | None = None) -> int:
    """Record a conclusion of the meeting as `actor` (a task too when it has a lead agency and a deadline); return
    the conclusion's id."""
    require(actor, "meetings")
    meeting, lead = _check(conn, meeting_id, conclusion)
    content = normalize_text(conclusion.content) or ""
    task_id = None
    if conclusion.lead_agency_id is not None and conclusion.deadline is not None and conclusion.suggestion is None:
        doc_number = M.DECISION_DOCUMENT.format(title=meeting.title)[:80]
        write_meta(conn, **{TASKS_CHANGED_AT: datetime.now(UTC).isoformat(timespec="microseconds")})
        task_id = conn.execute(insert(tasks).values(
            task_key=task_key(doc_number, meeting.held_on, content, lead), doc_number=doc_number,
            doc_date=meeting.held_on, issuer=M.DECISION_ISSUER, content=content,
            lead_agency_id=conclusion.lead_agency_id, coordinating=normalize_text(conclusion.coordinating),
            leader=normalize_text(conclusion.leader), deadline=conclusion.deadline,
            source_meeting_id=meeting_id)).inserted_primary_key[0]
    conclusion_id = conn.execute(insert(conclusions).values(
        meeting_id=meeting_id, content=content, lead_agency_id=conclusion.lead_agency_id,
        category=conclusion.category, coordinating=normalize_text(conclusion.coordinating),
        deadline=conclusion.deadline, task_id=task_id, suggestion=conclusion.suggestion,
        created_at=_now())).inserted_primary_key[0]
    addressee = lead or conclusion.category or conclusion.suggestion
    record(conn, actor, "decision", f"#{meeting_id} → {addressee}: {content[:200]}", address)
    return conclusion_id


def meeting_conclusions(conn: Connection, meeting_id: int, unit_ids: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Return a meeting's conclusions in the order recorded: COLUMNS (completed_on: of its task, if any); with
    `unit_ids` (a commune account's scope) only those addressed to a category or led from those units."""
    query = (select(conclusions.c.id, conclusions.c.content, conclusions.c.lead_agency_id, conclusions.c.category,
                    conclusions.c.coordinating, conclusions.c.deadline, conclusions.c.task_id,
                    conclusions.c.suggestion, tasks.c.completed_on)
             .select_from(conclusions.outerjoin(tasks, tasks.c.id == conclusions.c.task_id))
             .where(conclusions.c.meeting_id == meeting_id).order_by(conclusions.c.id))
    if unit_ids is not None:
        query = query.where(conclusions.c.lead_agency_id.is_(None) | conclusions.c.lead_agency_id.in_(
            select(agencies.c.id).where(agencies.c.unit_id.in_(unit_ids))))
    return pd.DataFrame(conn.execute(query).fetchall(), columns=COLUMNS)


def drop_suggestion(conn: Connection, meeting_id: int, key: str, actor: Account | None = None,
                    address: str | None = None) -> None:
    """Leave a proposed directive out of the meeting's notice as `actor` (kept, audited)."""
    require(actor, "meetings")
    if conn.execute(select(meetings.c.id).where(meetings.c.id == meeting_id)).scalar() is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    known = select(dropped_suggestions.c.suggestion).where(dropped_suggestions.c.meeting_id == meeting_id,
                                                           dropped_suggestions.c.suggestion == key)
    if conn.execute(known).scalar() is None:
        conn.execute(insert(dropped_suggestions).values(meeting_id=meeting_id, suggestion=key, dropped_at=_now()))
    record(conn, actor, "suggestion_drop", f"#{meeting_id} {key}", address)


def decided_suggestions(conn: Connection, meeting_id: int) -> set[str]:
    """Return the keys of the proposed directives already accepted or dropped for the meeting."""
    accepted = select(conclusions.c.suggestion).where(conclusions.c.meeting_id == meeting_id,
                                                      conclusions.c.suggestion.is_not(None))
    dropped = select(dropped_suggestions.c.suggestion).where(dropped_suggestions.c.meeting_id == meeting_id)
    return {key for (key,) in conn.execute(accepted)} | {key for (key,) in conn.execute(dropped)}
