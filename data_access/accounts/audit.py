"""The audit trail: who did what, when and from which address. The application only ever appends to it."""

import getpass
import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select

from data_access.store.engine import is_read_only
from data_access.store.schema import audit_log
from texts import messages as M

log = logging.getLogger(__name__)

ACTIONS = ("sign_in", "sign_in_failed", "sign_in_locked", "sign_in_throttled", "session_refused", "sign_out",
           "import", "import_refused", "demo",
           "meeting_create", "decision",
           "account_add", "account_password", "account_disable", "account_enable", "account_role", "pack_download",
           "notice_download")


_operator: tuple[str, str] | None = None  # (who, host) of the command line running now, else None


@contextmanager
def command_line_operator() -> Iterator[None]:
    """Within it, a line without an account names the operating-system user and host running the command line."""
    global _operator
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment (a container without one)
        user = str(os.getuid())
    _operator = (M.AUDIT_COMMAND_LINE.format(user=user)[:80], socket.gethostname()[:64])
    try:
        yield
    finally:
        _operator = None


def record(conn: Connection, actor, action: str, detail: str = "", address: str | None = None) -> None:
    """Append one line: `actor` is an Account or a username (kept as the username), or None for the command line
    (named by its operating-system user and host) or an anonymous visitor."""
    who = actor if actor is None or isinstance(actor, str) else actor.username
    if who is None and _operator is not None:
        who, address = _operator[0], address or _operator[1]
    if is_read_only(conn):  # nothing can be appended: the line goes to the server log instead
        log.warning("audit (read-only database): %s %s %s %s", who, action, detail, address)
        return
    conn.execute(insert(audit_log).values(at=datetime.now(UTC).replace(tzinfo=None), account=who, action=action,
                                          detail=detail or None, address=(address or None) and address[:64]))


def read_audit(conn: Connection, since: date | None = None, account: str | None = None,
               action: str | None = None, limit: int = 5000) -> pd.DataFrame:
    """Return at, account, action, detail, address, latest first, filtered by date, account and action."""
    query = select(audit_log.c.at, audit_log.c.account, audit_log.c.action, audit_log.c.detail, audit_log.c.address)
    if since is not None:
        query = query.where(audit_log.c.at >= datetime.combine(since, datetime.min.time()))
    if account:
        query = query.where(audit_log.c.account == account)
    if action:
        query = query.where(audit_log.c.action == action)
    rows = conn.execute(query.order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit)).fetchall()
    return pd.DataFrame(rows, columns=["at", "account", "action", "detail", "address"])
