"""Guards of the sign-in form (issue #30): nobody can turn the lockout against the chairman.

- **A lock per name and address.** After FREE_FAILURES wrong passwords in a row for one name from one address,
  that name is locked *for that address* for 30 s, then 60 s, 120 s … capped at LONGEST_LOCK (no overflow at any
  count). The right password from another address still signs in: one address cannot keep an account locked.
- **A throttle per address.** More than ADDRESS_FAILURES failed attempts from one address within ADDRESS_WINDOW
  make that address wait, whatever the name, before any password is checked. Counted in this process (behind
  deploy/'s nginx a browser address always reaches the same process).
- **Unknown names are answered exactly as known ones**, lock included: failures are kept by a hash of the name typed,
  whether an account has it or not.
- **The audit trail** gets one line per action, address and minute ("7 lần: quantri, #1a2b3c4d (9 ký tự)"), not one
  per attempt; a name that is no account is recorded only as a short hash and its length (it may be a password
  typed into the wrong box).
"""

import hashlib
import threading
from collections import OrderedDict, deque
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from data_access.accounts.audit import record
from data_access.store.engine import is_read_only
from data_access.store.schema import audit_log, sign_in_failures
from texts import messages as M

FREE_FAILURES = 5  # failed sign-ins of one name from one address before it locks there
FIRST_LOCK = timedelta(seconds=30)  # then 30 s, 60 s, 120 s … up to LONGEST_LOCK
LONGEST_LOCK = timedelta(minutes=15)
ADDRESS_FAILURES = 10  # failed attempts one address may make in ADDRESS_WINDOW before it waits
ADDRESS_WINDOW = timedelta(minutes=1)
FORGET_AFTER = timedelta(days=1)  # failure rows not touched for this long are removed
NAMES_SHOWN = 5  # distinct names listed on one audit line

_lock = threading.Lock()
_address_failures: dict[str, deque[datetime]] = {}
_kept: dict[tuple[str, str], tuple[int, datetime | None]] = {}  # a read-only database's failures, in this process
_lines: OrderedDict[tuple[str, str, datetime], tuple[int, int, list[str]]] = OrderedDict()  # → (row, count, names)


def lock_for(failures: int) -> timedelta | None:
    """Return how long a name stays locked for an address after `failures` failures in a row (None: not locked)."""
    if failures < FREE_FAILURES:
        return None
    doublings = min(failures - FREE_FAILURES, 16)  # 30 s × 2^16 is far past the cap: no overflow at any count
    return min(FIRST_LOCK * 2 ** doublings, LONGEST_LOCK)


def name_key(username: str) -> str:
    """Return the key failures of a typed name are kept by (a hash: the name typed may be a password)."""
    return hashlib.sha256(username.encode("utf-8")).hexdigest()[:32]


def shown_name(username: str, known: bool) -> str:
    """Return the name as the audit trail records it: a known account's name, else '#1a2b3c4d (9 ký tự)'."""
    if known:
        return username
    return M.AUDIT_UNKNOWN_NAME.format(hash=name_key(username)[:8], length=len(username))


def throttled(address: str | None, now: datetime) -> int | None:
    """Return the seconds the address must wait before its next attempt, or None when it may try."""
    with _lock:
        recent = _recent(address or "", now)
        if len(recent) < ADDRESS_FAILURES:
            return None
        return max(1, int((recent[0] + ADDRESS_WINDOW - now).total_seconds()) + 1)


def note_address_failure(address: str | None, now: datetime) -> None:
    """Count one failed attempt from the address."""
    with _lock:
        _recent(address or "", now).append(now)
        if len(_address_failures) > 10_000:  # bounded: the oldest addresses go first
            for stale in list(_address_failures)[:1_000]:
                _address_failures.pop(stale, None)


def _recent(address: str, now: datetime) -> deque[datetime]:
    recent = _address_failures.setdefault(address, deque())
    while recent and recent[0] <= now - ADDRESS_WINDOW:
        recent.popleft()
    return recent


def failures(conn: Connection, username: str, address: str | None) -> tuple[int, datetime | None]:
    """Return (failures in a row, locked until) of the name typed from the address."""
    key = (name_key(username), address or "")
    if is_read_only(conn):
        return _kept.get(key, (0, None))
    row = conn.execute(select(sign_in_failures.c.failed_count, sign_in_failures.c.locked_until)
                       .where(sign_in_failures.c.name_key == key[0], sign_in_failures.c.address == key[1])).first()
    return (int(row[0]), row[1]) if row else (0, None)


def keep_failures(conn: Connection, username: str, address: str | None, count: int, locked_until: datetime | None,
                  now: datetime) -> None:
    """Store the failures of the name typed from the address (count 0: forget them)."""
    key = (name_key(username), address or "")
    if is_read_only(conn):
        if count:
            _kept[key] = (count, locked_until)
        else:
            _kept.pop(key, None)
        return
    where = (sign_in_failures.c.name_key == key[0], sign_in_failures.c.address == key[1])
    if count == 0:
        conn.execute(delete(sign_in_failures).where(*where))
        return
    conn.execute(delete(sign_in_failures).where(sign_in_failures.c.updated_at < now - FORGET_AFTER))
    values = {"failed_count": count, "locked_until": locked_until, "updated_at": now}
    if conn.execute(update(sign_in_failures).where(*where).values(**values)).rowcount == 0:
        conn.execute(insert(sign_in_failures).values(name_key=key[0], address=key[1], **values))


def forget_failures(conn: Connection, username: str) -> None:
    """Lift every lock of a name, from every address (a new password was set)."""
    key = name_key(username)
    if is_read_only(conn):
        for kept in [k for k in _kept if k[0] == key]:
            _kept.pop(kept)
        return
    conn.execute(delete(sign_in_failures).where(sign_in_failures.c.name_key == key))


def locks_until(conn: Connection, usernames: list[str], now: datetime) -> dict[str, datetime]:
    """Return {username: the latest time it stays locked from some address} of the names locked now."""
    keys = {name_key(name): name for name in usernames}
    rows = conn.execute(select(sign_in_failures.c.name_key, sign_in_failures.c.locked_until)
                        .where(sign_in_failures.c.locked_until > now)).all()
    found: dict[str, datetime] = {}
    for key, until in rows:
        if key in keys:
            found[keys[key]] = max(until, found.get(keys[key], until))
    return found


def record_attempt(conn: Connection, action: str, shown: str, address: str | None,
                   attempted: datetime | None = None) -> None:
    """Append the failed attempt to the audit trail: one line per action, address and minute of the attempt
    (`attempted`, the sign-in's clock; now by default), counting attempts."""
    if is_read_only(conn):
        record(conn, None, action, shown, address)
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    slot = (action, address or "", (attempted or now).replace(second=0, microsecond=0))
    with _lock:
        found = _lines.get(slot)
    if found is not None:
        row_id, count, names = found
        names = names if shown in names or len(names) >= NAMES_SHOWN else [*names, shown]
        stored = audit_log.c.address == address[:64] if address else audit_log.c.address.is_(None)
        written = min(slot[2], now.replace(second=0, microsecond=0))  # by this minute at the earliest
        same_line = (audit_log.c.id == row_id, audit_log.c.action == action, audit_log.c.at >= written,
                     stored)  # the line is this database's (a process may open several)
        done = conn.execute(update(audit_log).where(*same_line).values(detail=_detail(count + 1, names))).rowcount
        if done:
            with _lock:
                _lines[slot] = (row_id, count + 1, names)
            return
    row_id = conn.execute(insert(audit_log).values(at=now, account=None, action=action, detail=_detail(1, [shown]),
                                                   address=(address or None) and address[:64])).inserted_primary_key[0]
    with _lock:
        _lines[slot] = (row_id, 1, [shown])
        while len(_lines) > 1_000:
            _lines.popitem(last=False)


def _detail(count: int, names: list[str]) -> str:
    return M.AUDIT_ATTEMPTS.format(n=count, names=", ".join(names))


def reset_for_tests() -> None:
    """Forget what this process counted (the throttle, a read-only database's failures, the audit lines)."""
    with _lock:
        _address_failures.clear()
        _kept.clear()
        _lines.clear()
