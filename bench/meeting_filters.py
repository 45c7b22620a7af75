"""A meeting on an existing database (prints figures, not a test): the time to create it, its stored size, the time to
open it and its frames' memory, then filtered reads on it beside the same reads on the live data (issue #31: a meeting
serves the sidebar's filters from the frames it keeps per grain).

    python bench/meeting_filters.py DATABASE_URL CUTOFF [--times 2]

It writes meetings into that database: point it at a copy (a demo built with `cli.py demo`).
"""

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine  # noqa: E402

from config.settings import load_settings  # noqa: E402
from data_access.figures import queries as q  # noqa: E402
from data_access.figures.dossier_queries import DossierFilter  # noqa: E402
from data_access.figures.source import open_source  # noqa: E402
from data_access.meetings.records import create_meeting  # noqa: E402
from data_access.meetings.snapshots import snapshot_size  # noqa: E402
from metrics.periods import month_ends, period_to_date  # noqa: E402


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("cutoff", type=date.fromisoformat)
    parser.add_argument("--times", type=int, default=2)
    args = parser.parse_args()
    engine, cut = create_engine(args.url), args.cutoff
    created = []
    for i in range(args.times):
        start = time.perf_counter()
        with engine.begin() as conn:
            meeting = create_meeting(conn, cut, f"Đo {i + 1}", datetime(cut.year, cut.month, cut.day, 17),
                                     load_settings())
        created.append(time.perf_counter() - start)
    with engine.connect() as conn:
        size = snapshot_size(conn, meeting)
    start = time.perf_counter()
    frozen = open_source(engine, meeting)
    opened = time.perf_counter() - start
    memory = sum(frame.memory_usage(deep=True).sum() for frame in frozen.frames.values()) / 1e6
    print(f"create {' / '.join(f'{t:.2f}' for t in created)} s · stored {size / 1e6:.2f} MB · open {opened:.2f} s · "
          f"frames in memory {memory:.1f} MB")
    for name, source in (("live", open_source(engine, None)), ("meeting", frozen)):
        agencies = tuple(sorted(int(a) for a in source.reference("agencies")["id"].head(2)))
        flt = DossierFilter(agency_ids=agencies, levels=("Xã",))
        month = period_to_date("month", cut, None, 0)
        shown = []
        for label, query in (("counts", q.Counts(month, flt)), ("per unit", q.Counts(month, flt, "unit")),
                             ("12-month trend", q.Series(tuple(month_ends(cut, 12)), flt)),
                             ("overdue procedures", q.Overdue(month, flt, "procedure")),
                             ("age buckets", q.Ageing(cut, flt))):
            start = time.perf_counter()
            source.read(query)
            shown.append(f"{label} {time.perf_counter() - start:.3f} s")
        print(f"{name}: " + " · ".join(shown))


if __name__ == "__main__":
    main()
