"""A read-only database file in the browser (issue #16, item 13): the app started on a 0444 file (as a process that
cannot write it) shows the figures, says in the sidebar that it is read-only, and its import page refuses with a
message instead of an upload box; the file is byte-identical afterwards."""

import hashlib
from datetime import date

from sqlalchemy import create_engine

from data_access.accounts.store import add_account
from data_access.demo.build import build_demo
from data_access.store.context import app_context, forget_context
from tests.conftest import no_write_override
from tests.e2e.conftest import open_signed_in, running_app
from tests.e2e.test_browser import wait_rendered
from texts import labels as L
from texts import messages as M

USER, PASSWORD = "van_phong_xem", "mật khẩu văn phòng"


def test_a_read_only_file_is_viewed_and_imports_are_refused(browser, tmp_path):
    path = tmp_path / "chi_doc.sqlite3"
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    build_demo(engine, date(2026, 6, 30), n_dossiers=3_000, seed=4)
    engine.dispose()
    app_context(url)  # at the latest revision, as `cli.py init` leaves it
    with app_context(url).engine.begin() as conn:
        add_account(conn, USER, "van_phong", PASSWORD)
    forget_context(url)
    path.chmod(0o444)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with running_app(url, prefix=no_write_override()) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
        open_signed_in(page, f"{base}/tong-quan", USER, PASSWORD)
        wait_rendered(page)
        assert page.locator('[data-testid="stMetric"]').count() == 10  # eight headline cards, the early warning's two
        page.get_by_text(L.SIDEBAR_READ_ONLY).wait_for()
        page.get_by_role("link", name=L.PAGE_IMPORT).click()
        page.get_by_text(M.DATABASE_READ_ONLY).wait_for(timeout=60_000)
        wait_rendered(page)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        text = page.inner_text("body")
        assert "Traceback" not in text and "Error" not in text
        context.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
