"""Weekly review meetings: created with a cut-off, their figures frozen at creation, and their conclusions
recorded as tasks (issue #5)."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from config.settings import Settings, load_settings
from data_access.accounts.audit import record as record_audit
from data_access.accounts.store import Account, require
from data_access.meetings.conclusions import decided_suggestions, meeting_conclusions
from data_access.meetings.snapshots import take_snapshot
from data_access.store.schema import meetings
from metrics.errors import DomainError
from metrics.text import normalize_text
from texts import messages as M

DECISION_ISSUER = M.DECISION_ISSUER


@dataclass(frozen=True)
class MeetingRecord:
    """What the conclusion notice says of the meeting beside its figures (issue #32): who chaired it, the reports heard
    and who presented them, who attended, who signs the notice (empty: settings.toml [notice])."""

    chair: str = ""  # as it is written in the notice: "ông Nguyễn Văn A"
    chair_title: str = ""  # "Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo Cải cách hành chính tỉnh"
    presenters: tuple[tuple[str, str], ...] = ()  # (who, the report heard; "": the standard report)
    attendees: str = ""
    signer_name: str = ""
    signer_title: tuple[str, ...] = ()  # the title block, one line each


def presenter(text: str) -> tuple[str, str]:
    """Return (who, report) of a presenter typed as "who: report" or "who" (the standard report)."""
    who, _, report = str(text).partition(":")
    return normalize_text(who) or "", normalize_text(report) or ""


def _record_values(record: MeetingRecord) -> dict:
    presenters = [[who, report] for who, report in (
        (normalize_text(w) or "", normalize_text(r) or "") for w, r in record.presenters) if who]
    title = [line for line in (normalize_text(x) for x in record.signer_title) if line]
    values = dict(chair=normalize_text(record.chair), chair_title=normalize_text(record.chair_title),
                  presenters=json.dumps(presenters, ensure_ascii=False) if presenters else None,
                  attendees=normalize_text(record.attendees), signer_name=normalize_text(record.signer_name),
                  signer_title="\n".join(title) or None)
    for key, limit in (("chair", 200), ("chair_title", 300), ("signer_name", 200)):
        if values[key] is not None and len(values[key]) > limit:
            raise DomainError(M.MEETING_FIELD_TOO_LONG.format(field=M.MEETING_FIELD_NAMES[key], limit=limit))
    return values


def meeting_record(conn: Connection, meeting_id: int) -> MeetingRecord:
    """Return the record of a meeting (empty fields where nothing was written)."""
    row = conn.execute(select(meetings.c.chair, meetings.c.chair_title, meetings.c.presenters, meetings.c.attendees,
                              meetings.c.signer_name, meetings.c.signer_title).where(
        meetings.c.id == meeting_id)).one_or_none()
    if row is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    return MeetingRecord(row.chair or "", row.chair_title or "",
                         tuple((str(w), str(r)) for w, r in json.loads(row.presenters or "[]")), row.attendees or "",
                         row.signer_name or "", tuple((row.signer_title or "").splitlines()))


def set_meeting_record(conn: Connection, meeting_id: int, record: MeetingRecord, actor: Account | None = None,
                       address: str | None = None) -> None:
    """Replace a meeting's record as `actor` (audited)."""
    require(actor, "meetings")
    values = _record_values(record)
    if conn.execute(update(meetings).where(meetings.c.id == meeting_id).values(**values)).rowcount == 0:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    record_audit(conn, actor, "meeting_record", f"#{meeting_id} {values['chair'] or ''}".strip(), address)


def assessment(conn: Connection, meeting_id: int) -> tuple[str | None, str | None]:
    """Return the Office's edit of the notice's assessment (results, shortcomings); None where it was not edited."""
    row = conn.execute(select(meetings.c.assessment_results, meetings.c.assessment_shortcomings).where(
        meetings.c.id == meeting_id)).one_or_none()
    if row is None:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    return row.assessment_results, row.assessment_shortcomings


def set_assessment(conn: Connection, meeting_id: int, results: str | None, shortcomings: str | None,
                   actor: Account | None = None, address: str | None = None) -> None:
    """Keep the Office's edit of the notice's two assessment paragraphs as `actor` (None: back to the figures')."""
    require(actor, "meetings")
    kept = {"assessment_results": normalize_text(results), "assessment_shortcomings": normalize_text(shortcomings)}
    if conn.execute(update(meetings).where(meetings.c.id == meeting_id).values(**kept)).rowcount == 0:
        raise DomainError(M.NO_MEETING.format(id=meeting_id))
    record_audit(conn, actor, "assessment_edit", f"#{meeting_id}", address)


@dataclass(frozen=True)
class NoticeInputs:
    """What the conclusion notice reads of a meeting beside its frozen figures."""

    conclusions: pd.DataFrame  # data_access.meetings.conclusions.meeting_conclusions
    record: MeetingRecord
    edited: tuple[str | None, str | None]  # the Office's assessment paragraphs (None: written from the figures)
    decided: frozenset[str]  # proposed directives already accepted or dropped


def notice_inputs(conn: Connection, meeting_id: int) -> NoticeInputs:
    """Return a meeting's conclusions, record, assessment edits and decided suggestions."""
    return NoticeInputs(meeting_conclusions(conn, meeting_id), meeting_record(conn, meeting_id),
                        assessment(conn, meeting_id), frozenset(decided_suggestions(conn, meeting_id)))


def create_meeting(conn: Connection, held_on: date, title: str, cutoff_at: datetime,
                   settings: Settings | None = None, actor: Account | None = None, address: str | None = None,
                   record: MeetingRecord | None = None) -> int:
    """Create a meeting as `actor` (None: the command line) with its record, freeze every page's frames as of the
    cut-off date (its headline figures are counted from them), and return its id."""
    require(actor, "meetings")
    title = normalize_text(title) or ""
    if not title:
        raise DomainError(M.MEETING_NEEDS_TITLE)
    if cutoff_at.date() > held_on:
        raise DomainError(M.CUTOFF_AFTER_MEETING)
    meeting_id = conn.execute(insert(meetings).values(
        held_on=held_on, title=title, cutoff_at=cutoff_at, created_at=datetime.now(UTC).replace(tzinfo=None),
        **_record_values(record or MeetingRecord()))
    ).inserted_primary_key[0]
    take_snapshot(conn, meeting_id, cutoff_at.date(), settings or load_settings(), previous_meeting(conn, meeting_id))
    record_audit(conn, actor, "meeting_create", f"#{meeting_id} {title} ({cutoff_at:%d/%m/%Y %H:%M})", address)
    return meeting_id


def list_meetings(conn: Connection) -> pd.DataFrame:
    """Return id, held_on, title, cutoff_at of every meeting, latest first."""
    query = select(meetings.c.id, meetings.c.held_on, meetings.c.title, meetings.c.cutoff_at).order_by(
        meetings.c.held_on.desc(), meetings.c.id.desc())
    return pd.DataFrame(conn.execute(query).fetchall(), columns=["id", "held_on", "title", "cutoff_at"])


def stored_figures(conn: Connection, meeting_id: int) -> dict | None:
    """Return the headline figures (the `summary` structure) a meeting created before its frames were kept stored,
    or None for any meeting since (its figures are its frames) or an unknown one."""
    text = conn.execute(select(meetings.c.figures).where(meetings.c.id == meeting_id)).scalar_one_or_none()
    return None if text is None else json.loads(text)


def previous_meeting(conn: Connection, meeting_id: int) -> int | None:
    """Return the id of the meeting held before this one (None for the first)."""
    held_on = conn.execute(select(meetings.c.held_on).where(meetings.c.id == meeting_id)).scalar_one()
    earlier = select(meetings.c.id).where(
        (meetings.c.held_on < held_on) | ((meetings.c.held_on == held_on) & (meetings.c.id < meeting_id)))
    return conn.execute(earlier.order_by(meetings.c.held_on.desc(), meetings.c.id.desc()).limit(1)).scalar()


