"""The database stops while the app runs (issue #16, item 12): a throw-away PostgreSQL cluster (initdb / pg_ctl on
a free port) serves the app; stopped, the signed-in page says in Vietnamese that the database at its host cannot be
reached (never the password) without a traceback; started again, "Thử lại" brings the same session back."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from data_access.accounts.store import add_account
from data_access.demo.build import build_demo
from tests.e2e.conftest import CARDS, END, free_port, open_signed_in, running_app
from tests.e2e.test_browser import wait_rendered
from texts import labels as L

BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
USER, PASSWORD = "kiem_tra_ngat", "mật khẩu kiểm tra ngắt"


def _as_postgres(*args: str) -> None:
    """Run a PostgreSQL server command as the postgres user (initdb refuses root)."""
    command = [str(BIN / args[0]), *args[1:]]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # no pipes: a server started by pg_ctl would keep them open and the call would never return
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="module")
def cluster():
    """Yield (data folder, port, start command) of a new PostgreSQL cluster on 127.0.0.1 with a database `cchc`."""
    if BIN is None or not (BIN / "initdb").exists():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-"))  # outside pytest's private folders: postgres must enter it
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    _as_postgres("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    start = ("pg_ctl", "-D", str(data), "-w", "-l", str(folder / "server.log"), "-o",
             f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start")
    _as_postgres(*start)
    try:
        _as_postgres("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "cchc")
        yield data, port, start
    finally:
        try:
            _as_postgres("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(folder, ignore_errors=True)


def test_the_page_names_the_lost_database_and_recovers(browser, cluster):
    data, port, start = cluster
    url = f"postgresql://postgres:mat_khau_an@127.0.0.1:{port}/cchc"  # trust auth: the password is never needed
    engine = create_engine(url)
    build_demo(engine, END, n_dossiers=3_000, seed=9)
    with engine.begin() as conn:
        add_account(conn, USER, "lanh_dao", PASSWORD)
    engine.dispose()
    with running_app(url) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
        open_signed_in(page, f"{base}/tong-quan", USER, PASSWORD)
        wait_rendered(page)
        assert page.locator('[data-testid="stMetric"]').count() == 10  # eight headline cards, the early warning's two
        _as_postgres("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        page.get_by_role("link", name=L.PAGE_TASKS).click()  # the next run finds the database gone
        lost = L.DATABASE_LOST.format(url=f"postgresql+psycopg://postgres:***@127.0.0.1:{port}/cchc")
        page.get_by_text(lost).wait_for(timeout=60_000)
        text = page.inner_text("body")
        assert "mat_khau_an" not in text and "Traceback" not in text and "Error" not in text
        assert page.locator(CARDS).count() == 0
        _as_postgres(*start)
        page.get_by_role("button", name=L.RETRY).click()
        page.locator('[data-testid="stMain"] h1').filter(has_text=L.PAGE_TASKS).wait_for(timeout=60_000)
        wait_rendered(page)
        assert page.get_by_text(lost).count() == 0
        context.close()
