"""Shared measuring code for the benchmark scripts: page run times through AppTest in a fresh process, and
the naive baseline (load every dossier into pandas, compute the overview and scorecard figures there)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/tong_quan.py", "pages/nhiem_vu.py", "pages/diem_nghen.py", "pages/bang_diem.py", "pages/xep_hang.py"]

_PAGE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from streamlit.testing.v1 import AppTest
from bench.harness import bench_account
from ui.auth import ACCOUNT_KEY, SEEN_KEY
page = {page!r}
at = AppTest.from_file({app!r}, default_timeout=900)
at.session_state[ACCOUNT_KEY] = bench_account()  # signed in as a viewer (the form is not what is measured)
at.session_state[SEEN_KEY] = time.monotonic()
if page != "pages/tong_quan.py":
    at.run()  # AppTest must run the default page before it can switch (this run is not timed)
    at.switch_page(page)
times = []
for _ in range(2):
    start = time.perf_counter()
    at.run()
    times.append(time.perf_counter() - start)
start = time.perf_counter()
at.selectbox(key="period_kind").set_value("year").run()  # a filter change: month -> year
times.append(time.perf_counter() - start)
errors = len(at.exception) + len(at.error)
print(json.dumps({{"cold": times[0], "warm": times[1], "filter": times[2], "errors": errors,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

_NAIVE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import pandas as pd
from sqlalchemy import create_engine, select
from data_access.store.schema import dossiers, fields
from metrics.dossiers import dossier_rates, totals_row
from tests.oracle import count_dossiers
from metrics.periods import period_to_date, same_period_week_before
engine = create_engine({url!r})
start = time.perf_counter()
with engine.connect() as conn:
    rows = pd.read_sql(select(dossiers, fields.c.is_land_env.label("land_env")).select_from(
        dossiers.join(fields, fields.c.id == dossiers.c.field_id)), conn)
period = period_to_date("month", pd.to_datetime(rows["received_on"]).max().date())
totals_row(count_dossiers(rows, period))
totals_row(count_dossiers(rows, same_period_week_before("month", period)))
dossier_rates(count_dossiers(rows, period, by="unit_id"))
dossier_rates(count_dossiers(rows, period, by="agency_id"))
print(json.dumps({{"seconds": time.perf_counter() - start, "rows": len(rows),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_child(code: str, url: str) -> dict:
    """Run code in a new Python process with DATABASE_URL=url; return the JSON it printed last."""
    env = dict(os.environ, DATABASE_URL=url)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT,
                         check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"child failed:\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def bench_account():
    """Return the account the page benchmark signs in as (a viewer, created on first use without a password)."""
    from sqlalchemy import select

    from data_access.accounts.store import Account, add_account
    from data_access.store.context import app_context
    from data_access.store.schema import accounts

    engine = app_context().engine
    with engine.begin() as conn:
        row = conn.execute(select(accounts).where(accounts.c.username == "bench_lanh_dao")).first()
        if row is None:
            add_account(conn, "bench_lanh_dao", "lanh_dao", None)
            row = conn.execute(select(accounts).where(accounts.c.username == "bench_lanh_dao")).one()
    return Account(row.id, row.username, row.role)


def measure_page(url: str, page: str) -> dict:
    """Return cold, warm and after-filter-change run times (s), errors and peak RSS (MB) of one page."""
    return run_child(_PAGE.format(root=str(ROOT), page=page, app=str(ROOT / "app.py")), url)


def naive_baseline(url: str) -> dict:
    """Return the naive approach's time, row count and peak RSS."""
    return run_child(_NAIVE.format(root=str(ROOT), url=url), url)
