"""A small demo database for page tests, and an AppTest started from app.py against it."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from streamlit.testing.v1 import AppTest

from data_access.demo.build import build_demo

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


@pytest.fixture
def app(demo_db, monkeypatch):
    """Return a function that opens a page of app.py (after one run of the default page)."""
    monkeypatch.setenv("DATABASE_URL", demo_db)

    def open_page(page: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
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
