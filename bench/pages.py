"""Prints the server-side run time of each page through AppTest (cold process, warm, after a filter change)
and peak memory, on the configured database.

    python bench/pages.py [--url DATABASE_URL] [--baseline]

Not a test: it prints figures. --baseline also times the naive approach (load every dossier row into
pandas and compute the overview and scorecard figures there) for comparison.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PAGES, measure_page, naive_baseline  # noqa: E402
from data_access.store.engine import database_url, describe_url  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: the configured one)")
    parser.add_argument("--baseline", action="store_true", help="also time the naive pandas baseline")
    args = parser.parse_args()
    url = args.url or database_url()
    print(f"database: {describe_url(url)}")
    print("cold = first run of the page in a new process (other pages: after one untimed run of the default page);")
    print("warm = the same page again; filter = after switching the period from month to year.")
    print(f"{'page':<24}{'cold s':>9}{'warm s':>9}{'filter s':>10}{'peak MB':>10}{'errors':>8}")
    results = {}
    for page in PAGES:
        figures = results[page] = measure_page(url, page)
        print(f"{page:<24}{figures['cold']:>9.2f}{figures['warm']:>9.2f}{figures['filter']:>10.2f}"
              f"{figures['rss_mb']:>10.0f}{figures['errors']:>8}")
    if args.baseline:
        naive = results["naive_baseline"] = naive_baseline(url)
        print(f"naive pandas baseline (overview + scorecard figures from {naive['rows']:,} raw rows): "
              f"{naive['seconds']:.2f} s, peak {naive['rss_mb']:.0f} MB")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
