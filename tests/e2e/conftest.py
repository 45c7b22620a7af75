"""End-to-end fixtures: a demo database made for the run, the app on a free local port, Debian's Chromium.

The suite needs /usr/bin/chromium (Debian package `chromium`; `.ci/run` installs it). Without it the e2e
tests are skipped with that reason; nothing is downloaded.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from data_access.accounts.store import add_account
from data_access.demo.build import build_demo
from texts import labels as L
from ui.warmup import KEY as WARMUP_KEY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CARDS = f'[data-testid="stMetric"]:not(.st-key-{WARMUP_KEY} *)'  # figure cards, not ui/warmup.py's hidden one
END = date(2026, 6, 30)
E2E_USER, E2E_PASSWORD = "e2e_quantri", "mật khẩu đầu cuối"


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory) -> str:
    """Return the URL of a 60,000-dossier demo database ending on END (most of the 65 communes are ranked)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'demo.sqlite3'}"
    engine = create_engine(url)
    build_demo(engine, END, n_dossiers=60_000, seed=21)
    with engine.begin() as conn:
        add_account(conn, E2E_USER, "quan_tri", E2E_PASSWORD)
    engine.dispose()
    return url


def open_signed_in(page, url: str, user: str = E2E_USER, password: str = E2E_PASSWORD) -> None:
    """Open `url` in a new session, fill the sign-in form as a person would and submit it (the page then loads)."""
    page.goto(url)
    page.get_by_label(L.SIGN_IN_USER, exact=True).fill(user)
    page.get_by_label(L.SIGN_IN_PASSWORD, exact=True).fill(password)
    button = page.get_by_role("button", name=L.SIGN_IN_BUTTON, exact=True)
    button.click()
    button.wait_for(state="detached", timeout=60_000)


@contextmanager
def running_app(db_url: str, port: int | None = None, args: tuple[str, ...] = (),
                env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    """Start `python serve.py` (the app as `make run` starts it, plus `args` and environment `env`, run through the
    command `prefix` if any) on `port` (default: a free one) of 127.0.0.1; yield its URL."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package 'chromium'); .ci/run installs it")
    port = port or free_port()
    env = dict(os.environ, DATABASE_URL=db_url, **(env or {}))
    process = subprocess.Popen(
        [*prefix, sys.executable, "serve.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none", *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            process.kill()
            pytest.fail(f"the app did not start:\n{output[-3000:]}")
        time.sleep(0.3)
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(e2e_db):
    """Yield the URL of the app running against the e2e database (one server for the session)."""
    with running_app(e2e_db) as base:
        yield base


@pytest.fixture(scope="session")
def browser(server):
    """Launch Debian's Chromium through Playwright (no browser download) and open the app once."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        warm = chromium.new_page()
        warm.goto(server)  # compiles the pages once, so that render times measure pages, not the first import
        warm.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        warm.close()
        yield chromium
        chromium.close()


RENDER_TIMES: list[tuple[str, float]] = []


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the render time of every page and size (measured, never asserted)."""
    if RENDER_TIMES:
        terminalreporter.section("e2e render times (navigation → script finished, real Chromium)")
        for name, seconds in RENDER_TIMES:
            terminalreporter.write_line(f"{name:<28}{seconds:6.2f} s")
