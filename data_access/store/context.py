"""The application context: for each database URL, once per process, the engine with its schema migrated, the
shipped reference data seeded and the province's settings applied. The app (ui/data.py) and the command line
(cli.py) both start here; nothing else runs the start-up."""

import threading
from dataclasses import dataclass

from sqlalchemy import Engine

from config.settings import Settings, load_settings
from data_access.reference.lookup import apply_land_env_group, ensure_reference
from data_access.store.engine import database_url, dispose_engine, get_engine, is_read_only, writing
from data_access.store.migrate import create_schema, current, head
from metrics.errors import DomainError
from texts import messages as M


@dataclass(frozen=True)
class AppContext:
    """A ready database: its URL, its engine (schema at the latest revision, reference data seeded) and the
    settings applied to it. A read-only database is only checked: it must already be at the latest revision."""

    url: str
    engine: Engine
    settings: Settings
    read_only: bool = False


_contexts: dict[str, AppContext] = {}
_lock = threading.Lock()


def app_context(url: str | None = None) -> AppContext:
    """Return the context of `url` (default: the configured database), starting it on first use in this process."""
    url = url or database_url()
    with _lock:
        found = _contexts.get(url)
        if found is None:
            found = _contexts[url] = _start(url)
        return found


def forget_context(url: str) -> None:
    """Drop a context (after its database could not be reached) so that the next call starts it again."""
    with _lock:
        _contexts.pop(url, None)
    dispose_engine(url)


def _start(url: str) -> AppContext:
    settings = load_settings()
    engine = get_engine(url)
    if is_read_only(engine):
        revision = current(engine)
        if revision != head():
            dispose_engine(url)
            raise DomainError(M.DATABASE_READ_ONLY_OLD.format(revision=revision or "-", head=head()))
        return AppContext(url, engine, settings, read_only=True)
    create_schema(engine)
    with writing(engine) as conn:
        ensure_reference(conn)
        apply_land_env_group(conn, settings.land_env_fields)
    return AppContext(url, engine, settings)
