"""The `meta` table: whether the data is demo or real, when it was last loaded, and its as-of date."""

from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, func, insert, select

from data_access.store.schema import dossiers, meta

DATA_KIND = "data_kind"  # "demo" | "real"
LAST_LOAD_AT = "last_load_at"  # ISO datetime, UTC
DATA_AS_OF = "data_as_of"  # ISO date of the latest export or demo end date
TASKS_CHANGED_AT = "tasks_changed_at"  # ISO datetime of the last task recorded in the app (meeting decisions)


def read_meta(conn: Connection) -> dict[str, str]:
    """Return every meta key and value."""
    return dict(conn.execute(select(meta.c.key, meta.c.value)).all())


def write_meta(conn: Connection, **values: str) -> None:
    """Set meta keys to values (replacing earlier ones)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    for key, value in values.items():
        conn.execute(delete(meta).where(meta.c.key == key))
        conn.execute(insert(meta).values(key=key, value=value, updated_at=now))


def record_load(conn: Connection, kind: str, as_of: date) -> None:
    """Record a finished load of demo or real data with its as-of date."""
    write_meta(conn, **{DATA_KIND: kind, LAST_LOAD_AT: datetime.now(UTC).isoformat(timespec="microseconds"),
                        DATA_AS_OF: as_of.isoformat()})


def dossier_count(conn: Connection) -> int:
    """Return how many dossiers the database holds."""
    return int(conn.execute(select(func.count()).select_from(dossiers)).scalar_one())
