"""Accounts and sign-in: roles kept in one table (ROLES), passwords hashed with argon2 and never stored or logged in
clear, the locks and throttle of data_access.accounts.sign_in_guard, and the audit trail of every sign-in."""

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, func, insert, select, update

from data_access.accounts import sign_in_guard as guard
from data_access.accounts.audit import record
from data_access.store.engine import is_read_only, writing
from data_access.store.schema import accounts, agencies, units, web_sessions
from metrics.errors import DomainError
from metrics.territory import LEVEL_COMMUNE
from texts import messages as M

# role → what it may do beyond viewing; the scope of so_nganh and xa is applied by the query layer (see issue #12)
ROLES: dict[str, frozenset[str]] = {
    "lanh_dao": frozenset(),
    "van_phong": frozenset({"import", "meetings"}),
    "quan_tri": frozenset({"import", "meetings", "accounts"}),
    "so_nganh": frozenset(),
    "xa": frozenset(),
}
MIN_PASSWORD = 10
USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,80}")
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("nobody-has-this-password")  # unknown names cost as much as known ones


@dataclass(frozen=True)
class Account:
    """A signed-in account: who, with which role and scope."""

    id: int
    username: str
    role: str
    agency_id: int | None = None
    unit_id: int | None = None

    def home_agency(self) -> int | None:
        """Return the agency whose detail a department account sees first (so_nganh; it may widen), or None."""
        return self.agency_id if self.role == "so_nganh" else None

    def detail_unit(self) -> int | None:
        """Return the commune whose detail alone this account may see (the xa role), or None for all."""
        return self.unit_id if self.role == "xa" else None

    def may(self, action: str) -> bool:
        """Return True when the role may do `action` (import, meetings, accounts)."""
        return action in ROLES.get(self.role, frozenset())


class SignInRefused(DomainError):
    """A sign-in that did not succeed; the message says why without telling which part was wrong."""


class NotAllowed(DomainError):
    """An action the account's role does not allow."""


def require(actor: Account | None, action: str) -> None:
    """Return None when `actor` may do `action` (None is the command line, run by the server's operator)."""
    if actor is not None and not actor.may(action):
        raise NotAllowed(M.NOT_ALLOWED.format(role=actor.role))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DomainError(M.PASSWORD_TOO_SHORT.format(n=MIN_PASSWORD))


def _scope_ids(conn: Connection, role: str, agency: str | None, commune: str | None) -> tuple[int | None, int | None]:
    """Return (agency id, unit id) of a role's scope, checked: so_nganh needs an agency, xa a commune (GSO code)."""
    if role not in ROLES:
        raise DomainError(M.UNKNOWN_ROLE.format(role=role, roles=", ".join(ROLES)))
    agency_id = unit_id = None
    if role == "so_nganh":
        if not agency:
            raise DomainError(M.ROLE_NEEDS_AGENCY)
        agency_id = conn.execute(select(agencies.c.id).where(agencies.c.name == agency)).scalar()
        if agency_id is None:
            raise DomainError(M.UNKNOWN_AGENCY.format(name=agency))
    if role == "xa":
        if not commune:
            raise DomainError(M.ROLE_NEEDS_COMMUNE)
        unit_id = conn.execute(select(units.c.id).where(units.c.code == commune, units.c.level == LEVEL_COMMUNE,
                                                        units.c.valid_to.is_(None))).scalar()
        if unit_id is None:
            raise DomainError(M.UNKNOWN_COMMUNE.format(code=commune))
    return agency_id, unit_id


def add_account(conn: Connection, username: str, role: str, password: str | None, *, agency: str | None = None,
                commune: str | None = None, email: str | None = None, is_demo: bool = False,
                actor: Account | None = None, address: str | None = None) -> int:
    """Create an account (password None: single sign-on only); return its id."""
    require(actor, "accounts")
    username = username.strip()
    if not USERNAME.fullmatch(username):  # plain names: safe in a message, a log line and the audit trail
        raise DomainError(M.BAD_USERNAME)
    if conn.execute(select(accounts.c.id).where(accounts.c.username == username)).first() is not None:
        raise DomainError(M.USERNAME_TAKEN.format(name=username))
    if password is not None:
        _check_password(password)
    email = (email or "").strip().lower() or None
    if email and conn.execute(select(accounts.c.id).where(accounts.c.email == email)).first() is not None:
        raise DomainError(M.EMAIL_TAKEN.format(email=email))  # single sign-on matches one account per e-mail
    agency_id, unit_id = _scope_ids(conn, role, agency, commune)
    now = _now()
    new_id = conn.execute(insert(accounts).values(
        username=username, password_hash=None if password is None else _hasher.hash(password),
        email=email, role=role, agency_id=agency_id, unit_id=unit_id,
        disabled=False, failed_count=0, locked_until=None, is_demo=is_demo, created_at=now,
        updated_at=now)).inserted_primary_key[0]
    record(conn, actor, "account_add", f"{username} ({role})", address)
    return new_id


def _changed(conn: Connection, username: str, actor: Account | None, action: str, detail: str,
             address: str | None, **values) -> None:
    require(actor, "accounts")
    done = conn.execute(update(accounts).where(accounts.c.username == username).values(updated_at=_now(), **values))
    if done.rowcount == 0:
        raise DomainError(M.NO_ACCOUNT.format(name=username))
    record(conn, actor, action, detail, address)


def _end_kept_sign_ins(conn: Connection, username: str, why: str) -> None:
    """End every browser's kept sign-in of an account (data_access.accounts.web_sessions): each of its tabs signs
    out."""
    ids = select(accounts.c.id).where(accounts.c.username == username).scalar_subquery()
    conn.execute(update(web_sessions).where(web_sessions.c.account_id == ids, web_sessions.c.ended_at.is_(None))
                 .values(ended_at=_now(), ended_why=why, code_hash=None))


def set_password(conn: Connection, username: str, password: str, *, actor: Account | None = None,
                 address: str | None = None) -> None:
    """Set an account's password (and lift its lockout); the browsers it kept signed in sign in again."""
    _check_password(password)
    _changed(conn, username, actor, "account_password", username, address, password_hash=_hasher.hash(password),
             failed_count=0, locked_until=None)
    guard.forget_failures(conn, username)
    _end_kept_sign_ins(conn, username, "password")


def set_disabled(conn: Connection, username: str, disabled: bool = True, *, actor: Account | None = None,
                 address: str | None = None) -> None:
    """Disable (or enable again) an account; a disabled account is signed out at its next page run, in every
    browser. An account whose role needs a scope it lost (its agency or commune was removed) cannot be enabled before
    its role is set again."""
    row = conn.execute(select(accounts).where(accounts.c.username == username)).first()
    if not disabled and row is not None and _scope_missing(row):
        raise DomainError(M.ROLE_NEEDS_AGENCY if row.role == "so_nganh" else M.ROLE_NEEDS_COMMUNE)
    if disabled:
        _keep_an_administrator(conn, row)
    _changed(conn, username, actor, "account_disable" if disabled else "account_enable", username, address,
             disabled=disabled)
    if disabled:
        _end_kept_sign_ins(conn, username, "disabled")


def set_role(conn: Connection, username: str, role: str, *, agency: str | None = None, commune: str | None = None,
             actor: Account | None = None, address: str | None = None) -> None:
    """Change an account's role and scope."""
    agency_id, unit_id = _scope_ids(conn, role, agency, commune)
    if role != "quan_tri":
        _keep_an_administrator(conn, conn.execute(select(accounts).where(accounts.c.username == username)).first())
    _changed(conn, username, actor, "account_role", f"{username} → {role}", address, role=role, agency_id=agency_id,
             unit_id=unit_id)


def _keep_an_administrator(conn: Connection, row) -> None:
    """Refuse to disable or demote the last enabled administrator (nobody could manage accounts any more)."""
    if row is None or row.role != "quan_tri" or row.disabled:
        return
    others = conn.execute(select(func.count()).select_from(accounts).where(
        accounts.c.role == "quan_tri", accounts.c.disabled.is_(False), accounts.c.id != row.id)).scalar_one()
    if others == 0:
        raise DomainError(M.LAST_ADMIN)


def list_accounts(conn: Connection) -> pd.DataFrame:
    """Return username, role, agency, commune, email, disabled, locked_until, is_demo, created_at (no hashes)."""
    query = (select(accounts.c.username, accounts.c.role, agencies.c.name.label("agency"),
                    units.c.name.label("commune"), accounts.c.email, accounts.c.disabled, accounts.c.locked_until,
                    accounts.c.is_demo, accounts.c.created_at)
             .select_from(accounts.outerjoin(agencies, agencies.c.id == accounts.c.agency_id)
                          .outerjoin(units, units.c.id == accounts.c.unit_id))
             .order_by(accounts.c.username))
    rows = conn.execute(query).fetchall()
    locked = guard.locks_until(conn, [row.username for row in rows], _now())  # from some address, until
    rows = [(*row[:6], locked.get(row.username), *row[7:]) for row in rows]
    return pd.DataFrame(rows, columns=["username", "role", "agency", "commune", "email", "disabled", "locked_until",
                                       "is_demo", "created_at"])


def account_count(conn: Connection) -> int:
    """Return how many accounts exist."""
    return int(conn.execute(select(func.count()).select_from(accounts)).scalar_one())


def _account(row) -> Account:
    return Account(int(row.id), row.username, row.role, row.agency_id, row.unit_id)


def sign_in(engine: Engine, username: str, password: str, address: str | None = None,
            now: datetime | None = None) -> Account:
    """Return the account when the password is right; else record the failure (committed) and raise
    SignInRefused. Locks and the throttle are those of data_access.accounts.sign_in_guard."""
    now = now or _now()
    username = username.strip()
    wait = guard.throttled(address, now)
    if wait is not None:
        with writing(engine) as conn:
            guard.record_attempt(conn, "sign_in_throttled", _shown(conn, username), address, now)
        raise SignInRefused(M.SIGN_IN_THROTTLED.format(seconds=wait))
    with writing(engine) as conn:
        outcome = _try_password(conn, username, password, address, now)
    if isinstance(outcome, SignInRefused):
        raise outcome
    return outcome


def _shown(conn: Connection, username: str) -> str:
    known = conn.execute(select(accounts.c.id).where(accounts.c.username == username)).first() is not None
    return guard.shown_name(username, known)


def _try_password(conn: Connection, username: str, password: str, address: str | None,
                  now: datetime) -> Account | SignInRefused:
    row = conn.execute(select(accounts).where(accounts.c.username == username)).first()
    usable = row is not None and row.password_hash is not None and not row.disabled and not _scope_missing(row)
    shown = guard.shown_name(username, row is not None)
    failed_count, locked_until = guard.failures(conn, username, address)
    if locked_until is not None and locked_until > now:  # known or not, the same answer
        guard.record_attempt(conn, "sign_in_locked", shown, address, now)
        return SignInRefused(M.SIGN_IN_LOCKED.format(seconds=int((locked_until - now).total_seconds())))
    try:
        _hasher.verify(row.password_hash if usable else _DUMMY, password)  # unknown names cost as much
        right = usable
    except (VerificationError, InvalidHashError):
        right = False
    if not right:
        failures = failed_count + 1
        lock = guard.lock_for(failures)
        guard.keep_failures(conn, username, address, failures, None if lock is None else now + lock, now)
        guard.note_address_failure(address, now)
        guard.record_attempt(conn, "sign_in_failed", shown, address, now)
        return SignInRefused(M.SIGN_IN_WRONG)
    if failed_count:
        guard.keep_failures(conn, username, address, 0, None, now)
    if _hasher.check_needs_rehash(row.password_hash) and not is_read_only(conn):
        conn.execute(update(accounts).where(accounts.c.id == row.id).values(password_hash=_hasher.hash(password)))
    account = _account(row)
    record(conn, account, "sign_in", "", address)
    return account


def sign_in_by_email(engine: Engine, email: str, address: str | None = None) -> Account:
    """Return the enabled account an identity provider's e-mail names (single sign-on), or raise SignInRefused."""
    with writing(engine) as conn:
        row = conn.execute(select(accounts).where(accounts.c.email == email.strip().lower(),
                                                  accounts.c.disabled.is_(False))).first()
        record(conn, None if row is None else row.username, "sign_in" if row else "sign_in_failed",
               "sso" if row else email.strip()[:80], address)
    if row is None:
        raise SignInRefused(M.SIGN_IN_NO_ACCOUNT.format(email=email))
    return _account(row)


def current_account(conn: Connection, account_id: int) -> Account | None:
    """Return the account as stored now, or None when it was disabled or removed (its session ends)."""
    row = conn.execute(select(accounts).where(accounts.c.id == account_id)).first()
    return None if row is None or row.disabled or _scope_missing(row) else _account(row)


def _scope_missing(row) -> bool:
    """Return True for a department or commune account without its agency or commune (it would see everything)."""
    return (row.role == "so_nganh" and row.agency_id is None) or (row.role == "xa" and row.unit_id is None)


def new_password() -> str:
    """Return a random password of 16 URL-safe characters (printed once, never stored in clear)."""
    return secrets.token_urlsafe(12)


FIRST_ADMIN = "quantri"  # created on the first start with a random password, printed once
DEMO_AGENCY = "Sở Nông nghiệp và Môi trường"  # the demo's so_nganh account (land and environment)


def demo_accounts(conn: Connection) -> list[tuple[str, str, str]]:
    """Give the demo one account per role (created, or a new password if it exists); return (name, role,
    password) of each, for printing once."""
    commune = conn.execute(select(units.c.code).where(units.c.level == LEVEL_COMMUNE, units.c.valid_to.is_(None),
                                                      units.c.code.is_not(None)).order_by(units.c.code)).scalar()
    made = []
    for role in ROLES:
        name, password = f"demo_{role}", new_password()
        if conn.execute(select(accounts.c.id).where(accounts.c.username == name)).first() is None:
            add_account(conn, name, role, password, agency=DEMO_AGENCY if role == "so_nganh" else None,
                        commune=commune if role == "xa" else None, is_demo=True)
        else:
            set_password(conn, name, password)
            set_disabled(conn, name, False)
        made.append((name, role, password))
    return made
