"""A local account's sign-in kept by its browser across reloads and tabs (issue #29 §3).

1. The sign-in form succeeds: `open_session` stores a session with the hash of a one-time code (valid CODE_SECONDS)
   and returns the code, which the page hands to the server's /api/phien route from the browser.
2. The route calls `redeem`: the code's hash gives way to the hash of a random token, which the route sets in an
   HttpOnly, SameSite=Strict cookie. Only hashes are stored: a copy of the database signs nobody in.
3. A new tab or a reload presents the cookie: `resume` finds the session by its token's hash. Every run of a signed
   in page calls `check` with the session's id, so a sign-out, the idle timeout or a disabled account ends it in every
   tab of the browser at once. Both only read (a page run never waits for an import's write lock); `settle` writes
   what they found, at most once per TOUCH_EVERY for a session in use.

A session ends (ENDINGS) by sign-out, after `idle_minutes` without a run in any tab, LONGEST after its start, when
its account is disabled or its password set again (data_access.accounts.store ends them), or when its account is
removed.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from data_access.accounts.store import Account, current_account
from data_access.store.engine import is_read_only
from data_access.store.schema import web_sessions

CODE_SECONDS = 60  # the page hands its one-time code to the server within this
LONGEST = timedelta(hours=12)  # a kept sign-in ends this long after it began, however active (a working day)
TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most this often (not on every run)
ENDINGS = ("sign_out", "idle", "expired", "disabled", "password")


@dataclass(frozen=True)
class Checked:
    """What `check` or `resume` found (they only read): the account, or None with why the session ended; and what
    `settle` should write (the end found now, or a run to note) off the page's path."""

    account: Account | None
    session_id: int | None = None
    ended_why: str | None = None  # one of ENDINGS when the session has ended
    cookie_set: bool = False  # True once the browser holds the cookie (the one-time code was redeemed)
    to_end: bool = False  # it ran out at this check: settle() stores the end
    to_touch: bool = False  # its last run is older than TOUCH_EVERY: settle() notes this one


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(conn: Connection, account_id: int, browser: str | None, now: datetime | None = None
                 ) -> tuple[int, str]:
    """Return the id of a new kept session of `account_id` and the one-time code the browser exchanges for its
    cookie (only the code's hash is stored)."""
    now = now or _now()
    code = secrets.token_urlsafe(32)
    session_id = conn.execute(insert(web_sessions).values(
        account_id=account_id, code_hash=_hash(code), token_hash=None, browser=browser, created_at=now,
        last_seen_at=now, ended_at=None, ended_why=None).returning(web_sessions.c.id)).scalar_one()
    return int(session_id), code


def redeem(conn: Connection, code: str, browser: str | None, now: datetime | None = None) -> str | None:
    """Return the cookie's new token for a one-time code still valid and presented by the browser that signed in,
    or None (unknown, used, older than CODE_SECONDS, another browser, or the session ended)."""
    now = now or _now()
    if not isinstance(code, str) or not code or len(code) > 200:
        return None
    row = conn.execute(select(web_sessions).where(web_sessions.c.code_hash == _hash(code))).first()
    if (row is None or row.ended_at is not None or row.token_hash is not None
            or now - row.created_at > timedelta(seconds=CODE_SECONDS)
            or (row.browser is not None and row.browser != browser)):
        return None
    token = secrets.token_urlsafe(32)
    conn.execute(update(web_sessions).where(web_sessions.c.id == row.id)
                 .values(code_hash=None, token_hash=_hash(token), last_seen_at=now))
    return token


def _checked(conn: Connection, row, now: datetime, idle_minutes: int) -> Checked:
    """Return the account of a stored session row, or why it ended (reading only)."""
    if row.ended_at is not None:
        return Checked(None, row.id, row.ended_why)
    why = None
    if now - row.last_seen_at > timedelta(minutes=idle_minutes):
        why = "idle"
    elif now - row.created_at > LONGEST:
        why = "expired"
    account = current_account(conn, row.account_id) if why is None else None
    if why is None and account is None:
        why = "disabled"
    if why is not None:
        return Checked(None, row.id, why, to_end=True)
    return Checked(account, row.id, None, row.token_hash is not None,
                   to_touch=now - row.last_seen_at >= TOUCH_EVERY)


def settle(conn: Connection, checked: Checked, now: datetime | None = None) -> None:
    """Write what a check found: the end of a session that ran out, or the time of its last run."""
    now = now or _now()
    if checked.session_id is None or is_read_only(conn):
        return
    if checked.to_end:
        _end(conn, web_sessions.c.id == checked.session_id, checked.ended_why, now)
    elif checked.to_touch:
        conn.execute(update(web_sessions).where(web_sessions.c.id == checked.session_id,
                                                web_sessions.c.last_seen_at < now).values(last_seen_at=now))


def check(conn: Connection, session_id: int, idle_minutes: int, now: datetime | None = None) -> Checked:
    """Return the account a kept session still signs in at `now`, or why it ended."""
    row = conn.execute(select(web_sessions).where(web_sessions.c.id == session_id)).first()
    if row is None:
        return Checked(None, session_id, "disabled")  # its account was removed (with its sessions)
    return _checked(conn, row, now or _now(), idle_minutes)


def resume(conn: Connection, token: str | None, idle_minutes: int, now: datetime | None = None) -> Checked:
    """Return the account the cookie's token signs in, or Checked(None) for no, unknown or ended session."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return Checked(None)
    row = conn.execute(select(web_sessions).where(web_sessions.c.token_hash == _hash(token))).first()
    if row is None:
        return Checked(None)
    return _checked(conn, row, now or _now(), idle_minutes)


def _end(conn: Connection, where, why: str, now: datetime) -> int:
    return conn.execute(update(web_sessions).where(where, web_sessions.c.ended_at.is_(None))
                        .values(ended_at=now, ended_why=why, code_hash=None)).rowcount


def end_session(conn: Connection, session_id: int, why: str = "sign_out", now: datetime | None = None) -> bool:
    """End one kept session (every tab of its browser); return True when it was still open."""
    return _end(conn, web_sessions.c.id == session_id, why, now or _now()) > 0


def end_by_token(conn: Connection, token: str | None, now: datetime | None = None) -> bool:
    """End the kept session a cookie's token names (its browser signs out); return True when it was open."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return False
    return _end(conn, web_sessions.c.token_hash == _hash(token), "sign_out", now or _now()) > 0
