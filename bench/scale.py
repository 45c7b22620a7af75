"""Scale benchmark (prints figures, not a test): demo databases of 100,000, 1,000,000 and 3,000,000 dossiers on
SQLite and PostgreSQL; each page's cold / warm / after-filter run time and peak RSS through AppTest in a new
process; the naive pandas baseline; the ratio between them. Writes a JSON file to bench/results/.

    python bench/scale.py [--sizes 100000,1000000,3000000] [--backends sqlite,postgresql] [--no-baseline]

PostgreSQL: the local server at 127.0.0.1:5432 (user postgres, database test), one schema per size.
Targets (issue #4, SQLite and PostgreSQL): at 3 M every page warm ≤ 0.5 s and cold ≤ 2 s; 3 M within
1.5× of 100 k; peak memory ≤ 600 MB; ≥ 10× faster than the naive baseline.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PAGES, ROOT, measure_page, naive_baseline  # noqa: E402

END_DATE = "2026-11-23"
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
RESULTS = ROOT / "bench" / "results"


def database(backend: str, size: int, folder: Path) -> str:
    """Return the URL of an empty database for one backend and size."""
    if backend == "sqlite":
        path = folder / f"scale_{size}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    schema = f"bench_{size}"
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
                    f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"], check=True,
                   capture_output=True)
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


def build(url: str, size: int) -> float:
    """Fill the database with `python cli.py demo --dossiers N`; return the seconds it took."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "cli.py", "demo", "--dossiers", str(size), "--end-date", END_DATE], cwd=ROOT,
                   env=dict(os.environ, DATABASE_URL=url), check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,3000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--folder", default="/tmp", help="where the SQLite files go")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict = {}
    header = f"{'backend':<11}{'dossiers':>10} {'page':<22}{'cold s':>8}{'warm s':>8}{'filter s':>9}{'peak MB':>9}"
    print(header)
    for backend in args.backends.split(","):
        for size in sizes:
            url = database(backend, size, Path(args.folder))
            entry = results.setdefault(backend, {}).setdefault(str(size), {})
            entry["build_s"] = build(url, size)
            print(f"{backend:<11}{size:>10,} {'(demo build)':<22}{entry['build_s']:>8.1f}")
            for page in PAGES:
                figures = entry[page] = measure_page(url, page)
                flag = "  ERRORS" if figures["errors"] else ""
                print(f"{backend:<11}{size:>10,} {page[6:]:<22}{figures['cold']:>8.2f}{figures['warm']:>8.2f}"
                      f"{figures['filter']:>9.2f}{figures['rss_mb']:>9.0f}{flag}", flush=True)
            if not args.no_baseline:
                naive = entry["naive"] = naive_baseline(url)
                ours = entry["pages/tong_quan.py"]["cold"] + entry["pages/bang_diem.py"]["cold"]
                entry["naive_ratio_cold"] = naive["seconds"] / ours
                print(f"{backend:<11}{size:>10,} {'naive baseline':<22}{naive['seconds']:>8.2f}{'':>8}{'':>9}"
                      f"{naive['rss_mb']:>9.0f}   ×{entry['naive_ratio_cold']:.1f} vs overview+scorecard cold",
                      flush=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written: {out}")


if __name__ == "__main__":
    main()
