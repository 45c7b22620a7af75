"""Meeting snapshot benchmark (prints figures, not a test): what freezing a meeting costs at a given scale.

    python bench/meetings.py [--dossiers 200000 1000000] [--url DATABASE_URL]

For each size a demo database is built (SQLite in a temp folder unless --url names an empty PostgreSQL
database), then a meeting is created with its cut-off on the demo's last day. Printed side by side: the time
to create it (headline figures + every page's frames), the stored size and number of frames, the time to load
them back, and, as the baseline, the time to compute the headline figures alone (what creation cost before).
"""

import argparse
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine  # noqa: E402

from config.settings import load_settings  # noqa: E402
from data_access.demo.build import build_demo  # noqa: E402
from data_access.figures.summary import summary  # noqa: E402
from data_access.meetings.records import create_meeting  # noqa: E402
from data_access.meetings.snapshots import load_snapshot, snapshot_size  # noqa: E402

END = date(2026, 6, 30)


def measure(url: str, dossiers: int) -> dict:
    """Build a demo of `dossiers` at url and return the meeting figures."""
    engine = create_engine(url)
    started = time.perf_counter()
    build_demo(engine, END, n_dossiers=dossiers, seed=7)
    built = time.perf_counter() - started
    with engine.connect() as conn:
        started = time.perf_counter()
        summary(conn, END)
        headline = time.perf_counter() - started
    with engine.begin() as conn:
        started = time.perf_counter()
        meeting = create_meeting(conn, END, "Giao ban", datetime(2026, 6, 30, 17), load_settings())
        created = time.perf_counter() - started
    with engine.connect() as conn:
        started = time.perf_counter()
        frames = load_snapshot(conn, meeting)
        loaded = time.perf_counter() - started
        size = snapshot_size(conn, meeting)
    engine.dispose()
    return {"dossiers": dossiers, "demo_s": built, "headline_s": headline, "create_s": created,
            "frames": len(frames), "kb": size / 1024, "rows": sum(len(f) for f in frames.values()), "load_s": loaded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, nargs="+", default=[200_000])
    parser.add_argument("--url", help="an empty database to use instead of a temporary SQLite file")
    args = parser.parse_args()
    print(f"{'dossiers':>10} {'demo s':>8} {'baseline s':>11} {'create s':>9} {'frames':>7} {'rows':>8} "
          f"{'stored kB':>10} {'load s':>7}")
    for dossiers in args.dossiers:
        with tempfile.TemporaryDirectory() as folder:
            url = args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            r = measure(url, dossiers)
        print(f"{r['dossiers']:>10,} {r['demo_s']:>8.1f} {r['headline_s']:>11.2f} {r['create_s']:>9.2f} "
              f"{r['frames']:>7} {r['rows']:>8,} {r['kb']:>10,.0f} {r['load_s']:>7.2f}")


if __name__ == "__main__":
    main()
