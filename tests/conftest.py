"""Shared fixtures: a fresh database per test on SQLite (in memory) and on PostgreSQL when reachable."""

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.schema import CreateSchema, DropSchema

import config  # noqa: F401  (the product's pandas options, as every process of it sets them)
from data_access.store.context import forget_context
from data_access.store.engine import configure_sqlite
from data_access.store.migrate import create_schema

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_reachable() -> bool:
    """Return True when the PostgreSQL test server answers."""
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means: not reachable
        return False


_PG = None


def _pg_available() -> bool:
    global _PG
    if _PG is None:
        _PG = postgres_reachable()
    return _PG


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request):
    """Yield an engine on an empty schema: SQLite in memory, or a throw-away PostgreSQL schema."""
    if request.param == "sqlite":
        from sqlalchemy.pool import StaticPool

        eng = configure_sqlite(create_engine("sqlite://", poolclass=StaticPool,
                                             connect_args={"check_same_thread": False}))
        create_schema(eng)
        yield eng
        eng.dispose()
        return
    with pg_schema() as schema:
        eng = create_engine(PG_ADMIN_URL, connect_args={"options": f"-csearch_path={schema}"})
        create_schema(eng)
        try:
            yield eng
        finally:
            eng.dispose()


@contextmanager
def pg_schema() -> Iterator[str]:
    """Yield the name of a new, empty PostgreSQL schema on the test server, dropped afterwards (the test is skipped
    when the server cannot be reached)."""
    if not _pg_available():
        pytest.skip("PostgreSQL at 127.0.0.1:5432 cannot be reached")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def no_write_override() -> tuple[str, ...]:
    """Return the command prefix that runs a process without root's override of file modes (so a 0444 file is
    read-only to it, as to any other user); empty when the tests do not run as root."""
    if os.geteuid() != 0:
        return ()
    prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"]).returncode != 0:
        pytest.fail("setpriv (util-linux) must be able to drop CAP_DAC_OVERRIDE to test a read-only file as root")
    return prefix


@pytest.fixture(autouse=True)
def _fresh_sign_in_guard():
    """Every test starts with no failed sign-in counted in this process (the throttle is kept in memory)."""
    from data_access.accounts import sign_in_guard

    sign_in_guard.reset_for_tests()
    yield


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path, monkeypatch):
    """Yield the DATABASE_URL of a new, empty database (the command line reads it from the environment)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'corpus.sqlite3'}"
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        forget_context(url)
        return
    with pg_schema() as schema:
        url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
        monkeypatch.setenv("DATABASE_URL", url)
        try:
            yield url
        finally:
            forget_context(url)
