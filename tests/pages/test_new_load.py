"""Issue #29 §2: after a new load nobody waits. Every page shows the previous load, whole and labelled, while the new
load's default views are counted once in the background; then every page switches at once; a view the previous load
had not counted shows that viewer the new load, whole, never half of each (AppTest; ui.loads.HOLD holds the switch).

A load is simulated as tests/pages/conftest.py's meetings_db does: a corrected export closes every open dossier on
its due date (the rollups rebuilt, the load's time written), so the June 2026 figures move: dossiers overdue in
progress fall to 0, and the on-time rate changes. Expected figures come from tests/pages/reference.py (metrics on
the raw rows), before and after.
"""

from datetime import date

import pytest
from sqlalchemy import event

from data_access.store.context import app_context
from metrics.periods import Period
from tests.pages.conftest import END, copy_of_demo, corrected_export, no_problem
from tests.pages.reference import Reference
from tests.pages.test_pages import metrics_by_label
from texts import labels as L
from texts.fmt import fmt_int, fmt_pct
from ui import data, loads
from ui.pages import AGENDA

MONTH = Period(date(2026, 6, 1), END)
ON_TIME, OVERDUE = L.KPI["on_time_rate"], "Hồ sơ quá hạn đang xử lý"
WAIT_S = 600  # the background count of the default views; joined, never slept on


@pytest.fixture
def fresh_db(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database (this test loads new data into it); every switch released at the end."""
    yield copy_of_demo(demo_db, tmp_path, monkeypatch, "load.sqlite3")
    loads.HOLD.set()
    assert loads.wait(WAIT_S)


def _new_load(url: str) -> None:
    corrected_export(url)
    data.forget_meta()  # the meta table is kept 10 s per process: the next run sees the load at once


def _figures(at) -> tuple[str, str]:
    shown = metrics_by_label(at)
    return shown[ON_TIME][0], shown[OVERDUE][0]


def _expected(totals: dict) -> tuple[str, str]:
    return fmt_pct(totals["on_time_rate"]), fmt_int(totals["in_progress_overdue"])


def _updating(at) -> bool:
    return any(i.value.startswith(L.DATA_UPDATING_NOTE.split("{")[0]) for i in at.info)


def test_the_previous_load_stays_whole_then_every_page_switches(app, fresh_db):
    before = Reference(fresh_db).totals(MONTH)
    at = app()  # the overview, counted for the data as it is
    no_problem(at)
    assert _figures(at) == _expected(before) and not _updating(at)

    loads.HOLD.clear()  # the new load's views are counted, but the pages do not switch yet
    _new_load(fresh_db)
    after = Reference(fresh_db).totals(MONTH)
    assert after["in_progress_overdue"] == 0 < before["in_progress_overdue"]
    assert _expected(after) != _expected(before)
    at.run()
    no_problem(at)
    assert _figures(at) == _expected(before)  # the previous load, whole
    assert _updating(at)  # … and said so
    assert any(c.value.startswith("Số liệu nạp lúc") and "đang cập nhật số liệu mới" in c.value
               for c in at.sidebar.caption)

    other = app()  # a viewer opening the dashboard now gets the previous load too, whole
    no_problem(other)
    assert _figures(other) == _expected(before) and _updating(other)

    loads.HOLD.set()  # counted: every page switches at its next run
    assert loads.wait(WAIT_S)
    at.run()
    no_problem(at)
    assert _figures(at) == _expected(after) and not _updating(at)
    other.run()
    assert _figures(other) == _expected(after) and not _updating(other)


def test_a_view_the_previous_load_had_not_counted_shows_the_new_load_whole(app, fresh_db):
    at = app()
    loads.HOLD.clear()
    _new_load(fresh_db)
    after = Reference(fresh_db).totals(MONTH)
    at.run()
    assert _updating(at)
    at.selectbox(key="period_kind").set_value("year").run()  # the year: never counted on the previous load
    no_problem(at)
    year = Reference(fresh_db).totals(Period(date(2026, 1, 1), END))
    assert metrics_by_label(at)[OVERDUE][0] == fmt_int(year["in_progress_overdue"]) == "0"
    assert metrics_by_label(at)[ON_TIME][0] == fmt_pct(year["on_time_rate"])
    assert not _updating(at)  # this viewer reads the new load, every figure of the page
    at.selectbox(key="period_kind").set_value("month").run()  # and keeps reading it
    assert _figures(at) == _expected(after) and not _updating(at)


def test_every_agenda_page_finds_its_default_views_counted(app, fresh_db):
    """After the background count, a fresh viewer of each agenda page (its defaults, then a quarter: a meeting
    switches periods) reads no figure from the database: ui/warm.py reads every view the pages read."""
    app()
    _new_load(fresh_db)
    app()  # the first run after the load starts the count
    assert loads.wait(WAIT_S)
    statements: list[str] = []
    engine = app_context(fresh_db).engine
    listen = lambda conn, cursor, statement, *rest: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        for path, title in AGENDA:
            statements.clear()
            at = app(path)
            no_problem(at)
            assert at.title[0].value == title
            at.selectbox(key="period_kind").set_value("quarter").run()
            no_problem(at)
            figures = [s for s in statements if not s.lstrip().upper().startswith(("PRAGMA", "BEGIN", "COMMIT",
                                                                                    "ROLLBACK", "SAVEPOINT", "RELEASE"))
                       and not any(t in s for t in ("FROM accounts", "FROM meta", "FROM meetings", "web_sessions",
                                                    "alembic_version"))]
            assert figures == [], (title, figures[:3])
    finally:
        event.remove(engine, "before_cursor_execute", listen)
