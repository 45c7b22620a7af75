"""A small demo database for page tests, and an AppTest started from app.py against it."""

import os
import shutil
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, update
from streamlit.testing.v1 import AppTest

from data_access.accounts.store import Account, add_account
from data_access.demo.build import build_demo
from data_access.meetings.records import create_meeting
from data_access.store.context import app_context
from data_access.store.meta import LAST_LOAD_AT, write_meta
from data_access.store.rollup import rebuild_rollup
from data_access.store.schema import accounts, dossiers
from tests.pages.reference import Reference
from ui.auth import ACCOUNT_KEY, SEEN_KEY

APP = str(Path(__file__).resolve().parents[2] / "app.py")
END = date(2026, 6, 30)  # a fixed as-of date in the past: the sidebar defaults to it


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    """Return the URL of a 90,000-dossier demo database ending on END (enough for most communes to be ranked)."""
    path = tmp_path_factory.mktemp("pages") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    build_demo(engine, END, n_dossiers=90_000, seed=11)
    engine.dispose()
    return url


TEST_PASSWORD = "mật khẩu kiểm thử"


def signed_in_app(role: str = "quan_tri", agency: str | None = None, commune: str | None = None) -> AppTest:
    """Return an AppTest of app.py on the database of DATABASE_URL, signed in with an account of `role` (created
    on first use; the form itself is tested in test_sign_in.py)."""
    engine = app_context(os.environ["DATABASE_URL"]).engine
    name = f"kiem_thu_{role}"
    with engine.begin() as conn:
        if conn.execute(select(accounts.c.id).where(accounts.c.username == name)).first() is None:
            add_account(conn, name, role, TEST_PASSWORD, agency=agency, commune=commune)
        row = conn.execute(select(accounts).where(accounts.c.username == name)).one()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[ACCOUNT_KEY] = Account(row.id, row.username, row.role, row.agency_id, row.unit_id)
    at.session_state[SEEN_KEY] = time.monotonic()
    return at


@pytest.fixture
def app(demo_db, monkeypatch):
    """Return a function that opens a page of app.py (after one run of the default page), signed in."""
    monkeypatch.setenv("DATABASE_URL", demo_db)

    def open_page(page: str | None = None) -> AppTest:
        at = signed_in_app()
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    return open_page


def no_problem(at: AppTest) -> None:
    """Assert that the run raised nothing and showed no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


FIRST_HELD, SECOND_HELD = date(2026, 6, 24), date(2026, 7, 1)


def copy_of_demo(demo_db: str, folder: Path, monkeypatch, name: str) -> str:
    """Return the URL of a copy of the demo database in `folder` (a test that writes), set as DATABASE_URL."""
    path = folder / name
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def corrected_export(url: str) -> None:
    """Load a corrected export into the database at `url`: every open dossier closed on its due date, the rollups
    rebuilt and the load's time written (a new load for the app)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.result_on.is_(None)).values(
            result_on=dossiers.c.due_on, status="Đã trả kết quả", waiting_supplement=False))
        rebuild_rollup(conn)
        write_meta(conn, **{LAST_LOAD_AT: datetime.now(UTC).isoformat()})
    engine.dispose()


@pytest.fixture
def meetings_db(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database with two meetings (cut-offs 23/06 and 30/06), then a corrected export that
    closes every open dossier on its due date. Returns (url, second meeting id, reference before the correction)."""
    url = copy_of_demo(demo_db, tmp_path, monkeypatch, "view.sqlite3")
    engine = create_engine(url)
    with engine.begin() as conn:
        create_meeting(conn, FIRST_HELD, "Giao ban tuần 26", datetime(2026, 6, 23, 17))
        second = create_meeting(conn, SECOND_HELD, "Giao ban tuần 27", datetime(2026, 6, 30, 17))
    engine.dispose()
    before = Reference(url)
    corrected_export(url)
    return url, second, before
