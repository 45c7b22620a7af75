"""A small demo database for page tests, and an AppTest started from app.py against it."""

import os
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from streamlit.testing.v1 import AppTest

from data_access.accounts import Account, add_account
from data_access.context import app_context
from data_access.demo.build import build_demo
from data_access.schema import accounts
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
