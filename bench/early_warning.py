"""Early-warning benchmark (prints figures, not a test): what `due-soon` costs at a given scale (issue #33).

    python bench/early_warning.py [--dossiers 200000 1000000] [--url DATABASE_URL]

For each size a demo database is built (SQLite in a temp folder unless --url names an empty PostgreSQL database;
the demo writes the steps of every land dossier). Printed side by side: the early warning of the demo's last day
(per agency holding the dossiers, by the step open then; per field; per unit; the list; the tasks), the same
without the step lookup (the export's holder only) as the baseline, and the overdue-by-agency query the pages
already ran, for scale.
"""

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, or_, select  # noqa: E402

from data_access.demo.build import build_demo  # noqa: E402
from data_access.figures.early_warning import due_soon_view  # noqa: E402
from data_access.figures.overdue_queries import overdue_counts  # noqa: E402
from data_access.reference.holidays import holiday_calendar  # noqa: E402
from data_access.store.schema import dossiers  # noqa: E402
from metrics.periods import Period  # noqa: E402

END = date(2026, 6, 30)
RUNS = 3


def _best(run) -> tuple[float, object]:
    """Return the best of RUNS timings of run() and its last answer."""
    best, answer = float("inf"), None
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = run()
        best = min(best, time.perf_counter() - started)
    return best, answer


def measure(url: str, n: int) -> dict:
    """Build a demo of `n` dossiers at url and return the timings."""
    engine = create_engine(url)
    build_demo(engine, END, n_dossiers=n, seed=7)
    d = dossiers.c
    with engine.connect() as conn:
        calendar = holiday_calendar(conn)
        view_s, found = _best(lambda: due_soon_view(conn, END, 3, calendar))
        until = found.until
        holder = select(func.coalesce(d.current_agency_id, d.agency_id), func.count()).where(
            d.received_on <= END, or_(d.result_on.is_(None), d.result_on > END), d.due_on > END,
            d.due_on <= until).group_by(func.coalesce(d.current_agency_id, d.agency_id))
        plain_s, _ = _best(lambda: conn.execute(holder).all())
        overdue_s, _ = _best(lambda: overdue_counts(conn, Period(END.replace(day=1), END), by="current_agency"))
    engine.dispose()
    return {"dossiers": n, "due_soon": found.total, "view_s": view_s, "plain_s": plain_s, "overdue_s": overdue_s}


def main() -> None:
    """Print one line per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, nargs="+", default=[200_000])
    parser.add_argument("--url", default=None, help="an empty PostgreSQL database (default: SQLite in a temp folder)")
    args = parser.parse_args()
    print(f"{'dossiers':>10} {'due soon':>9} {'early warning':>14} {'baseline: holder only':>22} "
          f"{'overdue by agency':>18}")
    for n in args.dossiers:
        with tempfile.TemporaryDirectory() as folder:
            url = args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            row = measure(url, n)
        print(f"{row['dossiers']:>10,} {row['due_soon']:>9,} {row['view_s']:>13.3f}s {row['plain_s']:>21.3f}s "
              f"{row['overdue_s']:>17.3f}s")


if __name__ == "__main__":
    main()
