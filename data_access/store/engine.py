"""Engine factory: one engine per database URL per process, created lazily, never at import time.

The URL comes from, in order: the DATABASE_URL environment variable, `.streamlit/secrets.toml`
(`DATABASE_URL = "..."` or `[database] url = "..."`), then the embedded SQLite file `data/cchc.sqlite3`.
"""

import errno
import logging
import os
import re
import sqlite3
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.pool import StaticPool

from metrics.errors import DomainError
from texts import messages as M

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = ROOT / "data" / "cchc.sqlite3"
SECRETS_PATH = ROOT / ".streamlit" / "secrets.toml"
STATEMENT_TIMEOUT_MS = 30_000

_engines: dict[str, Engine] = {}
_lock = threading.Lock()
log = logging.getLogger(__name__)


class ReadOnlyDatabase(DomainError):
    """A write was asked of a database opened read-only (its file cannot be written by this process)."""

    def __init__(self) -> None:
        super().__init__(M.DATABASE_READ_ONLY)


def database_url(secrets_path: Path = SECRETS_PATH) -> str:
    """Return the configured database URL (environment, then secrets file, then embedded SQLite)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    stamp = secrets_path.stat().st_mtime_ns if secrets_path.exists() else None
    return _secrets_url(secrets_path, stamp) or f"sqlite:///{DEFAULT_SQLITE_PATH}"


@lru_cache(maxsize=4)
def _secrets_url(secrets_path: Path, stamp: int | None) -> str | None:
    """Return the URL of the secrets file (read once per version of the file), or None."""
    if stamp is None:
        return None
    with open(secrets_path, "rb") as handle:
        secrets = tomllib.load(handle)
    return str(secrets.get("DATABASE_URL") or secrets.get("database", {}).get("url") or "").strip() or None


def _normalise(url: str) -> str:
    # postgres://… and postgresql://… (as hosting providers write them) use the psycopg 3 driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record, read_only: bool = False) -> None:
    # Let SQLAlchemy, not the sqlite3 module, open transactions, so that DDL is transactional too and an
    # import rolls back whole (SQLAlchemy's documented recipe for pysqlite).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        cursor.execute("PRAGMA journal_mode=WAL")  # stored in the file: a write, so not on a read-only one
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache per connection: bounded, speeds bulk loads
    cursor.close()


# Dates bound straight through the sqlite3 driver (bulk loads) are stored as 'YYYY-MM-DD', exactly as
# SQLAlchemy's Date type stores them; registered explicitly instead of relying on deprecated defaults.
sqlite3.register_adapter(date, date.isoformat)


WRITER = "cchc_writer"  # execution option: this transaction writes a lot (an import), so it takes the lock at once


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """Yield a connection in a transaction that will write after reading (a sign-in, a meeting, an account change):
    on SQLite it takes the write lock at BEGIN and waits for another writer (busy timeout), instead of failing with
    "database is locked" when it upgrades a read to a write while another session writes; committed on success."""
    with engine.connect() as conn, conn.execution_options(**{WRITER: True}).begin():
        yield conn


def _sqlite_begin(conn) -> None:
    # An import begins IMMEDIATE: it waits (busy timeout) for another writer instead of failing at its first
    # write with "database is locked"; readers go on under WAL.
    immediate = conn.get_execution_options().get(WRITER) and not is_read_only(conn)  # read-only: nothing to lock
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _refuse_writes(context) -> ReadOnlyDatabase | None:
    # SQLite says "attempt to write a readonly database" (SQLITE_READONLY): the user reads why in Vietnamese.
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and "readonly database" in str(original):
        return ReadOnlyDatabase()
    return None


def configure_sqlite(engine: Engine) -> Engine:
    """Return the engine with pragmas and explicit BEGIN applied to every SQLite connection, and writes to a
    read-only file refused with ReadOnlyDatabase."""
    read_only = is_read_only(engine)
    event.listen(engine, "connect", lambda dbapi, record: _sqlite_pragmas(dbapi, record, read_only))
    event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "handle_error", _refuse_writes)
    return engine


_NO_RIGHTS = re.compile(r"permission denied for (?:table|relation|sequence|schema) \"?([\w.]+)\"?", re.IGNORECASE)
_TABLE_OF = re.compile(r"(?:on|into|from|update) (?:table )?\"?(\w+)\"?", re.IGNORECASE)


def database_refusal(exc: BaseException) -> str | None:
    """Return a Vietnamese sentence for a refusal the database gave (its account lacks rights on a table, a constraint
    was violated), naming the table and never the password or the driver's English text; None for anything else."""
    if not isinstance(exc, DBAPIError):
        return None
    original = exc.orig
    diag = getattr(original, "diag", None)
    text_ = str(original)
    table = getattr(diag, "table_name", None)
    if getattr(original, "sqlstate", None) == "42501" or "permission denied" in text_.lower():
        found = _NO_RIGHTS.search(text_)
        return M.DATABASE_NO_RIGHTS.format(table=table or (found.group(1) if found else "?"))
    if isinstance(exc, IntegrityError):
        found = _TABLE_OF.search(text_) or _TABLE_OF.search(str(exc.statement or ""))
        return M.DATABASE_CONSTRAINT.format(table=table or (found.group(1) if found else "?"))
    return None


def file_read_only(path: Path) -> bool:
    """Return True when the SQLite file at `path` exists and this process may read but not write it (or its folder,
    where SQLite keeps its journal)."""
    if not path.exists():
        return False
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return True
        raise
    return not os.access(path.parent, os.W_OK)


def is_read_only(bind: Engine | Connection) -> bool:
    """Return True when the database behind `bind` was opened read-only (SQLite URI with mode=ro)."""
    url = bind.engine.url
    return url.get_backend_name() == "sqlite" and url.query.get("mode") == "ro"


def _read_only_url(path: str) -> str:
    # A URI filename opened with mode=ro: reads work, every write is refused by SQLite itself. When the folder cannot
    # be written either (a read-only mount), a WAL-mode file cannot get its shared-memory file beside it and SQLite
    # says "unable to open database file": then it is opened immutable (nothing can change it there anyway).
    resolved = Path(path).resolve()
    immutable = "&immutable=1" if not os.access(resolved.parent, os.W_OK) else ""
    return f"sqlite:///file:{resolved.as_posix()}?mode=ro{immutable}&uri=true"


def _create(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            if not parsed.query.get("uri"):
                if file_read_only(Path(database)):
                    log.info("%s cannot be written by this process: opened read-only", database)
                    url = _read_only_url(database)
                else:
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        return configure_sqlite(engine)
    if parsed.get_backend_name() == "postgresql":
        # connect_args would replace an `options` given in the URL (e.g. a search_path): extend it instead.
        options = " ".join(filter(None, [parsed.query.get("options"), f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"]))
        return create_engine(
            url,
            pool_size=5,
            max_overflow=10,
            pool_pre_ping=True,
            connect_args={"options": options},
        )
    return create_engine(url, pool_pre_ping=True)


def get_engine(url: str | None = None) -> Engine:
    """Return the process-wide engine for `url` (default: database_url()), creating it on first use."""
    key = _normalise(url or database_url())
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _create(key)
            _engines[key] = engine
        return engine


def dispose_engine(url: str) -> None:
    """Dispose and forget the engine of `url` (tests and CLI use it to release files)."""
    with _lock:
        engine = _engines.pop(_normalise(url), None)
    if engine is not None:
        engine.dispose()


def describe_url(url: str) -> str:
    """Return the URL with any password hidden, for messages and the sidebar."""
    return make_url(_normalise(url)).render_as_string(hide_password=True)


def refresh_statistics(conn: Connection, tables: list[Table]) -> None:
    """After a large load on PostgreSQL, refresh the planner statistics of `tables` (SQLite plans without them).

    Without it PostgreSQL estimates a freshly loaded table from defaults and scans millions of rows where an
    index would read a few thousand (measured: 0.30 s → 0.03 s for the overdue breakdowns at 3 M dossiers).
    """
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.exec_driver_sql(f"ANALYZE {conn.dialect.identifier_preparer.format_table(table)}")
