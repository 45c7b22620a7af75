"""The minute after an import, in a real browser on PostgreSQL (issue #14): while the new load's stage analysis cannot
be counted yet (here another transaction holds the steps table, as a long writer would), the bottleneck page shows
the previous load's analysis with a line naming its load time, and once the count can go on the page redraws itself
without anyone touching it."""

import time
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine

from data_access.accounts.store import add_account
from data_access.demo.build import build_demo
from data_access.store.meta import LAST_LOAD_AT, read_meta, record_load
from tests.conftest import PG_ADMIN_URL, pg_schema
from tests.e2e.conftest import CHROMIUM, E2E_PASSWORD, E2E_USER, END, FLAGS, open_signed_in, running_app
from tests.e2e.test_browser import wait_rendered
from texts import labels as L
from texts.fmt import fmt_stored_time

pytestmark = pytest.mark.postgres


def test_the_bottleneck_page_shows_the_previous_analysis_then_redraws_itself():
    from playwright.sync_api import sync_playwright

    with pg_schema() as schema:
        engine = create_engine(PG_ADMIN_URL, connect_args={"options": f"-csearch_path={schema}"})
        build_demo(engine, END, n_dossiers=6_000, seed=5)
        with engine.begin() as conn:
            add_account(conn, E2E_USER, "quan_tri", E2E_PASSWORD)
            first_load = read_meta(conn)[LAST_LOAD_AT]
        url = f"{PG_ADMIN_URL}?options={quote(f'-csearch_path={schema}')}"
        with running_app(url) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            open_signed_in(page, f"{base}/diem-nghen")
            wait_rendered(page)
            steps_table = page.get_by_text(L.STAGES_BY_STEP, exact=True)
            steps_table.wait_for(timeout=30_000)  # the stage section may draw just after the page's run (ui/recount)
            holder = engine.connect()
            writing = holder.begin()
            holder.exec_driver_sql("LOCK TABLE dossier_steps IN ACCESS EXCLUSIVE MODE")  # nobody reads the steps
            try:
                with engine.begin() as conn:
                    record_load(conn, "demo", END)  # a new load: the live figures are counted again
                time.sleep(11)  # the pages read the load's time at most 10 s old
                page.get_by_text(L.PAGE_OVERVIEW, exact=True).first.click()
                wait_rendered(page)
                page.get_by_text(L.PAGE_BOTTLENECKS, exact=True).first.click()
                label = page.get_by_text(L.STAGES_EARLIER_LOAD.format(when=fmt_stored_time(first_load)), exact=True)
                label.wait_for(timeout=30_000)
                assert steps_table.is_visible()  # the previous analysis, whole, under the line
            finally:
                writing.rollback()  # the steps can be read again: the new count goes on
                holder.close()
            label.wait_for(state="detached", timeout=60_000)  # redrawn by itself (the page asks every 3 s)
            wait_rendered(page)
            assert steps_table.is_visible()
            browser.close()
        engine.dispose()
