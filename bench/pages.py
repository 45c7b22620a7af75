"""Prints server-side run time of each page through AppTest (cold process, then warm) and peak memory.

    python bench/pages.py [--url DATABASE_URL] [--baseline]

Not a test: it prints figures. --baseline also times the naive approach (load every dossier row into
pandas and compute the overview figures there) for comparison.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/tong_quan.py", "pages/nhiem_vu.py", "pages/diem_nghen.py", "pages/bang_diem.py", "pages/xep_hang.py"]

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from streamlit.testing.v1 import AppTest
page = {page!r}
at = AppTest.from_file({app!r}, default_timeout=300)
if page != "pages/tong_quan.py":
    at.run()  # AppTest must run the default page before it can switch (this run is not timed)
    at.switch_page(page)
times = []
for _ in range(2):
    start = time.perf_counter()
    at.run()
    times.append(time.perf_counter() - start)
errors = len(at.exception) + len(at.error)
print(json.dumps({{"cold": times[0], "warm": times[1], "errors": errors,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

_BASELINE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from datetime import date
import pandas as pd
from sqlalchemy import create_engine, select
from data_access.schema import dossiers, fields
from metrics.dossiers import count_dossiers, totals_row
from metrics.periods import period_to_date
engine = create_engine({url!r})
start = time.perf_counter()
with engine.connect() as conn:
    rows = pd.DataFrame(conn.execute(select(dossiers, fields.c.is_land_env.label("land_env")).select_from(
        dossiers.join(fields, fields.c.id == dossiers.c.field_id))).mappings().all())
period = period_to_date("month", pd.to_datetime(rows["received_on"]).max().date())
totals_row(count_dossiers(rows, period))
count_dossiers(rows, period, by="unit_id")
print(json.dumps({{"seconds": time.perf_counter() - start, "rows": len(rows),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_child(code: str, url: str) -> dict:
    env = dict(os.environ, DATABASE_URL=url)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"child failed:\n{out.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: the configured one)")
    parser.add_argument("--baseline", action="store_true", help="also time the naive pandas baseline")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from data_access.engine import database_url, describe_url

    url = args.url or database_url()
    print(f"database: {describe_url(url)}")
    print("cold = first run of the page in a new process (other pages: after one untimed run of the default page);")
    print("warm = the same page again with the same filters. Times are server-side script runs.")
    print(f"{'page':<24}{'cold s':>9}{'warm s':>9}{'peak MB':>10}{'errors':>8}")
    results = {}
    for page in PAGES:
        figures = run_child(_CHILD.format(root=str(ROOT), page=page, app=str(ROOT / "app.py")), url)
        results[page] = figures
        print(f"{page:<24}{figures['cold']:>9.2f}{figures['warm']:>9.2f}{figures['rss_mb']:>10.0f}{figures['errors']:>8}")
    if args.baseline:
        naive = run_child(_BASELINE.format(root=str(ROOT), url=url), url)
        results["naive_baseline"] = naive
        print(f"naive pandas baseline (overview + scorecard counts from {naive['rows']:,} raw rows): "
              f"{naive['seconds']:.2f} s, peak {naive['rss_mb']:.0f} MB")
    print(json.dumps(results))
    print(f"(bench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
